import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate, newNote, regionDbName } from '../../shared';
import { cookieFetch, replicateRegion, rxClient, until, type AnyDb } from '../../../sync-server/reliability/rx-client';
import { sessionCookie } from '../../../sync-server/reliability/child-server';
import { DEMO_PASSWORD } from '../../../sync-server/demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../../sync-server/testing';
import { memoryStore } from '../app/session';
import { installFieldClocks, resetDeviceClock } from './clock';
import { journal } from './journal';
import { refusalHooks, RefusedResender } from './resend-refused';
import { syncStatus } from './status';

/**
 * Documents the server refused go out again by themselves once per sync (resend-refused.ts), not
 * only with their next edit. Through the real server: a note about a candidate of another region
 * that is not linked to the note's region is refused (link-check.ts); once the candidate's owner
 * links the region, the next sync sends the note without an edit. A refusal that persists stays
 * listed with the server's reason, and each document is offered at most once per sync.
 */
const REGION = 'twente';
const OWNER = 'utrecht';
let server: TestServer;
let anna = '';
const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 0, maxLongpollMs: 500 });
  anna = await sessionCookie(server.url, 'anna', DEMO_PASSWORD);
  resetDeviceClock(memoryStore());
}, 60_000);
afterAll(() => server?.close());

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  journal.setState({ conflicts: [], rejected: [] });
});

/** The owner region's candidate, linked to `regions` (written by the owner's side, as the server's administrator). */
async function ownerCandidate(id: string, regions: string[]): Promise<void> {
  const url = `${server.url}/${regionDbName(OWNER)}/${encodeURIComponent(id)}`;
  const existing = await fetch(url, { headers: admin });
  const rev = existing.ok ? ((await existing.json()) as { _rev: string })._rev : undefined;
  const { id: _id, ...body } = newCandidate({ firstName: 'Sanne', lastName: 'de Vries', regions, ownerRegion: OWNER, consent: { given: true } }, { id, user: 'bram', now: new Date().toISOString() });
  const res = await fetch(url, { method: 'PUT', headers: admin, body: JSON.stringify({ ...body, ...(rev ? { _rev: rev } : {}) }) });
  expect(res.status, await res.clone().text()).toBe(201);
}

const onServer = async (id: string) =>
  (await fetch(`${server.url}/${regionDbName(REGION)}/${encodeURIComponent(id)}`, { headers: { Cookie: anna } })).status === 200;
const entry = (id: string) => journal.getState().rejected.find((r) => r.docId === id);

/** Anna's laptop: her notes, live with the server, the app's refusal hooks; counts how often each note is sent. */
async function laptop(tag: string) {
  const db: AnyDb = await rxClient(['notes']);
  installFieldClocks(db.collections);
  const sent = new Map<string, number>();
  const raw = cookieFetch(anna);
  const counting = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.method === 'POST' && String(input).includes('/_bulk_docs')) {
      for (const d of (JSON.parse(String(init.body)) as { docs: { _id: string }[] }).docs) sent.set(d._id, (sent.get(d._id) ?? 0) + 1);
    }
    return raw(input, init);
  }) as typeof fetch;
  const { rep } = replicateRegion(db.notes!, { server: server.url, region: REGION, cookie: anna, live: true, identifier: `resend-${tag}`, retryTime: 200, baseFetch: counting, refusals: refusalHooks('notes', REGION) });
  cleanup.push(() => db.remove(), () => rep.cancel());
  await rep.awaitInitialReplication();
  const note = async (candidateId: string, suffix: string) => {
    const n = newNote({ candidateId, visibility: 'shared', region: REGION, text: 'Belt volgende week terug.' }, { suffix, user: 'anna', now: new Date().toISOString() });
    await db.notes!.insert(n);
    return n.id;
  };
  return { db, rep, sent, note, targets: [{ collection: 'notes', region: REGION, state: rep }] };
}

describe('refused documents are offered again once per sync', () => {
  it('a note refused until its candidate is linked goes out at the next sync without an edit; meanwhile it stays listed', async () => {
    const tag = Date.now().toString(36);
    const candidate = `c-resend-${tag}`;
    await ownerCandidate(candidate, [OWNER]);
    const a = await laptop(tag);
    const resender = new RefusedResender(a.targets);
    const id = await a.note(candidate, 'n1');

    await until(() => !!entry(id), 20_000, 'the refusal of the note');
    const first = entry(id)!;
    expect(first).toMatchObject({ collection: 'notes', region: REGION, error: 'forbidden' });
    expect(first.reason).toContain(`regio ${REGION}`);
    expect(await onServer(id)).toBe(false);
    expect(a.sent.get(id)).toBe(1);

    // The sync at the start re-offers it; the refusal persists and stays listed with its reason.
    expect(await resender.quiet()).toBe(1);
    await until(() => (entry(id)?.at ?? '') > first.at, 20_000, 'the second refusal');
    await a.rep.awaitInSync();
    expect(a.sent.get(id)).toBe(2);
    expect(entry(id)!.reason).toBe(first.reason);
    // Not again until another sync is asked for.
    expect(await resender.quiet()).toBe(0);
    await a.rep.awaitInSync();
    expect(a.sent.get(id)).toBe(2);

    // The owner links the region. RxDB alone never sends the unchanged note again…
    await ownerCandidate(candidate, [OWNER, REGION]);
    a.rep.reSync();
    await a.rep.awaitInSync();
    expect(await onServer(id)).toBe(false);

    // …the next sync does: the server is reachable again, and the replications go quiet.
    const stop = resender.watch(syncStatus);
    cleanup.push(async () => stop());
    syncStatus.setState({ serverReachable: false });
    syncStatus.setState({ serverReachable: true, active: 1 });
    syncStatus.setState({ active: 0 });
    await until(() => onServer(id), 20_000, 'the note on the server');
    await until(() => !entry(id), 20_000, 'the refusal cleared');
    await a.rep.awaitInSync();
    expect(a.sent.get(id)).toBe(3);
    const stored = (await a.db.notes!.findOne(id).exec())!.toJSON() as { text: string };
    expect(stored.text).toBe('Belt volgende week terug.');
  });

  it('offers at most the batch size per sync, the longest refused first', async () => {
    const tag = `b${Date.now().toString(36)}`;
    const candidate = `c-batch-${tag}`;
    await ownerCandidate(candidate, [OWNER]);
    const a = await laptop(tag);
    const resender = new RefusedResender(a.targets, 2);
    const ids: string[] = [];
    for (const s of ['n1', 'n2', 'n3']) {
      ids.push(await a.note(candidate, s));
      await until(() => !!entry(ids.at(-1)!), 20_000, `the refusal of ${s}`);
    }
    const before = new Map(a.sent);
    expect(await resender.quiet()).toBe(2);
    await until(() => ids.slice(0, 2).every((id) => (a.sent.get(id) ?? 0) > (before.get(id) ?? 0)), 20_000, 'the first two offered');
    await a.rep.awaitInSync();
    expect(ids.map((id) => (a.sent.get(id) ?? 0) - (before.get(id) ?? 0))).toEqual([1, 1, 0]);

    // The next sync: the one not yet offered goes first.
    resender.syncAsked();
    expect(await resender.quiet()).toBe(2);
    await until(() => (a.sent.get(ids[2]!) ?? 0) > (before.get(ids[2]!) ?? 0), 20_000, 'the third offered');
    await a.rep.awaitInSync();
    expect(ids.map((id) => (a.sent.get(id) ?? 0) - (before.get(id) ?? 0)).reduce((x, y) => x + y)).toBe(4);
    expect(ids.every((id) => !!entry(id))).toBe(true);
  });

  it('a refused edit is not overwritten by a colleague\'s later revision meanwhile; the resend merges both', async () => {
    const tag = `m${Date.now().toString(36)}`;
    const id = `c-merge-${tag}`;
    const cand = newCandidate({ firstName: 'Jet', lastName: 'Weigering', regions: [REGION], ownerRegion: REGION, place: 'Enschede', phone: '0611111111' }, { id, user: 'carla', now: '2026-11-01T10:00:00.000Z' });
    const url = `${server.url}/${regionDbName(REGION)}/${encodeURIComponent(id)}`;
    const { id: _id, ...body } = cand;
    expect((await fetch(url, { method: 'PUT', headers: admin, body: JSON.stringify(body) })).status).toBe(201);

    const db: AnyDb = await rxClient(['candidates']);
    installFieldClocks(db.collections);
    // Stand-in for a server that refuses what this client sends: the push is altered on the wire.
    let alter = true;
    const raw = cookieFetch(anna);
    const altering = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (alter && init?.method === 'POST' && String(input).includes('/_bulk_docs')) {
        const sent = JSON.parse(String(init.body)) as { docs: Record<string, unknown>[] };
        for (const d of sent.docs) if (d._id === id) d.phase = 'bestaat-niet';
        init = { ...init, body: JSON.stringify(sent) };
      }
      return raw(input, init);
    }) as typeof fetch;
    const { rep } = replicateRegion(db.candidates!, { server: server.url, region: REGION, cookie: anna, live: true, identifier: `resend-${tag}`, retryTime: 200, baseFetch: altering, refusals: refusalHooks('candidates', REGION) });
    cleanup.push(() => db.remove(), () => rep.cancel());
    await rep.awaitInitialReplication();
    const resender = new RefusedResender([{ collection: 'candidates', region: REGION, state: rep }]);
    const local = async () => (await db.candidates!.findOne(id).exec())!.toJSON() as { place: string; phone: string };

    await (await db.candidates!.findOne(id).exec())!.incrementalPatch({ place: 'Oldenzaal', updatedAt: new Date().toISOString(), updatedBy: 'anna' });
    await until(() => !!entry(id), 20_000, 'the refusal');
    // The replications go quiet after the refusal.
    await rep.awaitInSync();
    await resender.quiet();
    const refusedAt = entry(id)!.at;
    await until(() => (entry(id)?.at ?? '') > refusedAt, 20_000, 'the refusal of the re-offer');
    await rep.awaitInSync();
    await resender.quiet();

    // Daan changes the phone number on the server; anna's laptop pulls his revision.
    const current = (await (await fetch(url, { headers: admin })).json()) as Record<string, unknown>;
    const put = await fetch(url, { method: 'PUT', headers: { Cookie: anna, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...current, phone: '0622222222', updatedAt: new Date().toISOString(), updatedBy: 'daan' }) });
    expect(put.status).toBe(201);
    rep.reSync();
    await rep.awaitInSync();
    expect((await local()).place).toBe('Oldenzaal');

    // The server accepts again: the next sync sends the refused edit, merged with daan's.
    alter = false;
    resender.syncAsked();
    expect(await resender.quiet()).toBe(1);
    const onServerNow = async () => ((await (await fetch(url, { headers: admin })).json()) as { place: string; phone: string });
    await until(async () => (await onServerNow()).place === 'Oldenzaal', 20_000, 'the refused edit on the server');
    expect(await onServerNow()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222' });
    await until(() => !entry(id), 20_000, 'the refusal cleared');
    await rep.awaitInSync();
    expect(await local()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222' });
  });
});
