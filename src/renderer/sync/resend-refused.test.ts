import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate, newNote, regionDbName } from '../../shared';
import { cookieFetch, replicateRegion, rxClient, until, type AnyDb } from '../../../sync-server/reliability/rx-client';
import { sessionCookie } from '../../../sync-server/reliability/child-server';
import { DEMO_PASSWORD } from '../../../sync-server/demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../../sync-server/testing';
import { memoryStore } from '../app/session';
import { installFieldClocks, resetDeviceClock } from './clock';
import { journal } from './journal';
import { onMerge, type MergeEvent } from '../db/conflict';
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

  it('a refused edit is not overwritten by a colleague\'s later revision meanwhile; the resend merges both, listing no conflict', async () => {
    const a = await refusingLaptop(`m${Date.now().toString(36)}`);
    await a.edit({ place: 'Oldenzaal' });
    await until(() => !!entry(a.id), 20_000, 'the refusal');
    // The replications go quiet after the refusal.
    await a.rep.awaitInSync();
    await a.resender.quiet();
    const refusedAt = entry(a.id)!.at;
    await until(() => (entry(a.id)?.at ?? '') > refusedAt, 20_000, 'the refusal of the re-offer');
    await a.rep.awaitInSync();
    await a.resender.quiet();

    // Daan changes the phone number on the server; anna's laptop pulls his revision.
    await a.colleague({ phone: '0622222222' });
    expect((await a.local()).place).toBe('Oldenzaal');

    // The server accepts again: the next sync sends the refused edit, merged with daan's.
    await a.accepted();
    expect(await a.onServer()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222' });
    expect(await a.local()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222' });
    // Each changed on one side only since the state both agreed on: the merge (what the app's
    // journal and day record list, replication.ts recordMerge) lists nothing; with a stub as the
    // base it listed place and phone.
    expect(a.merges.length).toBeGreaterThan(0);
    expect(a.conflictFields()).toEqual([]);
  });

  it('the resend merges against the state agreed before the refusal, also after a restart: only a field both sides changed is a conflict', async () => {
    const a = await refusingLaptop(`r${Date.now().toString(36)}`);
    await a.edit({ place: 'Oldenzaal', email: 'jet@laptop.nl' });
    await until(() => !!entry(a.id), 20_000, 'the refusal');
    await a.rep.awaitInSync();

    // The app is closed and opened again before the replications were quiet: a new replication
    // on the same database (RxDB reads what it remembered of the server back from storage).
    await a.restart();
    await a.resender.quiet();
    const refusedAt = entry(a.id)!.at;
    await until(() => (entry(a.id)?.at ?? '') > refusedAt, 20_000, 'the refusal of the re-offer');
    await a.rep.awaitInSync();
    await a.resender.quiet();

    // Daan changes the phone number and the e-mail address on the server.
    await a.colleague({ phone: '0622222222', email: 'jet@daan.nl' });
    expect(await a.local()).toMatchObject({ place: 'Oldenzaal', phone: '0611111111', email: 'jet@laptop.nl' });

    await a.accepted();
    // The e-mail address: both changed it, the later clock (anna's edit) wins, and it is listed.
    expect(await a.onServer()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222', email: 'jet@laptop.nl' });
    expect(await a.local()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222', email: 'jet@laptop.nl' });
    expect(a.conflictFields()).toEqual(['email']);
  });

  it('a refusal recorded before the agreed state was kept (an older version) is forgotten and resent as before', async () => {
    const a = await refusingLaptop(`o${Date.now().toString(36)}`, { resenderLater: true });
    await a.edit({ place: 'Oldenzaal' });
    await until(() => !!entry(a.id), 20_000, 'the refusal');
    await a.rep.awaitInSync();
    // RxDB remembers the refused state as the server's; the first quiet moment forgets it.
    expect(await a.resender.quiet()).toBe(1);
    const refusedAt = entry(a.id)!.at;
    await until(() => (entry(a.id)?.at ?? '') > refusedAt, 20_000, 'the refusal of the re-offer');
    await a.rep.awaitInSync();
    await a.colleague({ phone: '0622222222' });
    expect((await a.local()).place).toBe('Oldenzaal');
    await a.accepted();
    expect(await a.onServer()).toMatchObject({ place: 'Oldenzaal', phone: '0622222222' });
    // The first re-offer met the server's copy with nothing agreed: all that differed was listed
    // (place, though only anna changed it). RxDB then holds the server state it met, and the
    // refused merge keeps it as the agreed one: daan's phone number is not listed.
    expect(a.conflictFields()).toEqual(['place']);
  });

  it('a document that was never on the server is resent without a base, as before', async () => {
    const tag = `f${Date.now().toString(36)}`;
    const a = await refusingLaptop(tag, { onServer: false });
    await until(() => !!entry(a.id), 20_000, 'the refusal of the new candidate');
    await a.rep.awaitInSync();
    await a.accepted();
    expect(await a.onServer()).toMatchObject({ place: 'Enschede', phone: '0611111111' });
    expect(a.merges).toEqual([]);
  });
});

/**
 * Anna's laptop with candidate `c-<tag>` (on the server first unless `onServer` is false), live
 * with the server, the app's refusal hooks and a resender (made at its first use with
 * `resenderLater`), and a merge listener. Until `accepted`,
 * every push of the candidate is refused: a stand-in for a server that refuses what this client
 * sends (the push is altered on the wire).
 */
async function refusingLaptop(tag: string, o: { onServer?: boolean; resenderLater?: boolean } = {}) {
  const id = `c-${tag}`;
  const cand = newCandidate({ firstName: 'Jet', lastName: 'Weigering', regions: [REGION], ownerRegion: REGION, place: 'Enschede', phone: '0611111111', email: 'jet@example.nl' }, { id, user: 'carla', now: '2026-11-01T10:00:00.000Z' });
  const url = `${server.url}/${regionDbName(REGION)}/${encodeURIComponent(id)}`;
  if (o.onServer !== false) {
    const { id: _id, ...body } = cand;
    expect((await fetch(url, { method: 'PUT', headers: admin, body: JSON.stringify(body) })).status).toBe(201);
  }

  const db: AnyDb = await rxClient(['candidates']);
  installFieldClocks(db.collections);
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
  const merges: MergeEvent[] = [];
  const unlisten = onMerge((e) => {
    if (e.local.id === id || e.remote.id === id) merges.push(e);
  });
  const start = async () => {
    const { rep } = replicateRegion(db.candidates!, { server: server.url, region: REGION, cookie: anna, live: true, identifier: `resend-${tag}`, retryTime: 200, baseFetch: altering, refusals: refusalHooks('candidates', REGION) });
    await rep.awaitInitialReplication();
    // resenderLater: as a laptop whose refusals were recorded before RefusedResender kept the agreed state.
    let resender = o.resenderLater ? null : new RefusedResender([{ collection: 'candidates', region: REGION, state: rep }]);
    return {
      rep,
      get resender() {
        return (resender ??= new RefusedResender([{ collection: 'candidates', region: REGION, state: rep }]));
      },
    };
  };
  let current = await start();
  cleanup.push(() => db.remove(), () => current.rep.cancel(), async () => unlisten());
  if (o.onServer === false) await db.candidates!.insert(cand);
  const onServer = async () => (await (await fetch(url, { headers: admin })).json()) as Record<string, unknown>;
  return {
    id,
    merges,
    get rep() {
      return current.rep;
    },
    get resender() {
      return current.resender;
    },
    local: async () => (await db.candidates!.findOne(id).exec())!.toJSON() as Record<string, unknown>,
    onServer,
    /** The fields the merges of this candidate listed as conflicts. */
    conflictFields: () => [...new Set(merges.flatMap((m) => m.conflicts.map((c) => c.field)))].sort(),
    edit: async (patch: Record<string, unknown>) => {
      await (await db.candidates!.findOne(id).exec())!.incrementalPatch({ ...patch, updatedAt: new Date().toISOString(), updatedBy: 'anna' });
    },
    restart: async () => {
      await current.rep.cancel();
      current = await start();
    },
    /** A colleague (daan) changes the candidate on the server; the laptop pulls his revision. */
    colleague: async (patch: Record<string, unknown>) => {
      const put = await fetch(url, { method: 'PUT', headers: { Cookie: anna, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...(await onServer()), ...patch, updatedAt: new Date().toISOString(), updatedBy: 'daan' }) });
      expect(put.status).toBe(201);
      current.rep.reSync();
      await current.rep.awaitInSync();
    },
    /** The server accepts again: the next sync re-offers the refused candidate and it goes through. */
    accepted: async () => {
      alter = false;
      current.resender.syncAsked();
      expect(await current.resender.quiet()).toBe(1);
      await until(() => !entry(id), 20_000, 'the refusal cleared');
      await current.rep.awaitInSync();
    },
  };
}
