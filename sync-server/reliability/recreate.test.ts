import { describe, expect, it } from 'vitest';
import { newCandidate, type Candidate } from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { installFieldClocks } from '../../src/renderer/sync/clock';
import { cookieFetch, replicateRegion, rxClient, type AnyDb } from './rx-client';
import { twoAdvisors } from './two-advisors';

/**
 * An undo re-creates a document (same id) right after deleting it: a merged-away candidate, an
 * emptied region note. Before, the re-created document lost against its own deletion once that
 * deletion had reached the server: RxDB's push compared the server's deleted row (the kind's
 * data-free tombstone, deleted-docs.ts) with the deletion it had pushed (the full body), found
 * them unequal, called it a conflict, and the merge let the deletion win. Now two deletions are
 * equal whatever their bodies (conflict.ts), and existence has a clock (field-merge.ts,
 * DELETED_CLOCK), so between a deletion and a re-creation the later one wins on every replica.
 */
const REGION = 'twente';
const advisors = twoAdvisors(REGION);

/** A client as the app opens it: its local writes (inserts, edits, deletions) stamped with clocks. */
async function client(): Promise<AnyDb> {
  const db = await rxClient(['candidates']);
  installFieldClocks(db.collections);
  return db;
}

/**
 * The app's replication of candidates; `onBulkDocs` runs when a push is about to be sent
 * (`before`) or has been answered but not yet seen by RxDB (`after`).
 */
function replicate(db: AnyDb, c: number, id: string, live: boolean, onBulkDocs?: { when: 'before' | 'after'; run: () => Promise<void> }) {
  const raw = cookieFetch(advisors.cookie(c));
  let hooked = false;
  const baseFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const isPush = init?.method === 'POST' && url.includes('/_bulk_docs');
    const hook = isPush && onBulkDocs && !hooked ? ((hooked = true), onBulkDocs) : null;
    if (hook?.when === 'before') await hook.run();
    const res = await raw(input, init);
    if (hook?.when === 'after') {
      const text = await res.text();
      await hook.run();
      return new Response(text, { status: res.status, headers: res.headers });
    }
    return res;
  }) as typeof fetch;
  return replicateRegion(db.candidates!, { server: advisors.url, region: REGION, cookie: advisors.cookie(c), live, identifier: `recreate-${id}-${c}`, pullBatch: 100, pushBatch: 50, baseFetch }).rep;
}

async function sync(db: AnyDb, c: number, id: string): Promise<void> {
  const rep = replicate(db, c, id, false);
  await rep.awaitInitialReplication();
  await rep.cancel();
}

async function aliveOnServer(id: string): Promise<boolean> {
  const doc = await advisors.serverDoc(id);
  return doc !== null && doc._deleted !== true;
}

const alive = async (db: AnyDb, id: string) => (await db.candidates!.findOne(id).exec()) !== null;

/** A candidate known to both clients and the server. */
async function seeded(tag: string): Promise<{ a: AnyDb; b: AnyDb; id: string; body: Candidate }> {
  const [a, b] = [await client(), await client()];
  const id = `re-${tag}-${Date.now().toString(36)}`;
  const body = newCandidate({ firstName: 'Terug', lastName: 'Kom', regions: [REGION], ownerRegion: REGION, consent: { given: true } }, { id, user: 'anna', now: new Date().toISOString() });
  await a.candidates!.insert(body);
  await sync(a, 0, id);
  await sync(b, 1, id);
  return { a, b, id, body };
}

type Seeded = Awaited<ReturnType<typeof seeded>>;

/** Runs `test` on two freshly seeded clients and removes them afterwards, whatever happens. */
async function withSeeded(tag: string, test: (s: Seeded) => Promise<void>): Promise<void> {
  const s = await seeded(tag);
  try {
    await test(s);
  } finally {
    await Promise.all([s.a.remove(), s.b.remove()]);
  }
}

/** The undo's way: the document as it was, inserted again under its own id. */
async function recreate(db: AnyDb, body: Candidate): Promise<void> {
  const { fieldClocks: _c, ...own } = body;
  void _c;
  await db.candidates!.insert({ ...own, updatedAt: new Date().toISOString() });
}

async function expectAliveEverywhere(a: AnyDb, b: AnyDb, id: string): Promise<void> {
  await sync(b, 1, id);
  await sync(a, 0, id);
  expect(await alive(a, id), 'alive on the client that re-created it').toBe(true);
  expect(await aliveOnServer(id), 'alive on the server').toBe(true);
  expect(await alive(b, id), 'alive on the other client').toBe(true);
}

describe('a document re-created after its deletion (undo)', () => {
  it('re-created before the deletion is pushed: alive everywhere', async () => {
    await withSeeded('before', async ({ a, b, id, body }) => {
      await (await a.candidates!.findOne(id).exec())!.remove();
      await recreate(a, body);
      await sync(a, 0, id);
      await expectAliveEverywhere(a, b, id);
    });
  }, 60_000);

  it('re-created after the deletion reached the server: alive everywhere', async () => {
    await withSeeded('after', async ({ a, b, id, body }) => {
      await (await a.candidates!.findOne(id).exec())!.remove();
      await sync(a, 0, id);
      await sync(b, 1, id);
      expect(await alive(b, id)).toBe(false);
      await recreate(a, body);
      await sync(a, 0, id);
      await expectAliveEverywhere(a, b, id);
    });
  }, 60_000);

  for (const when of ['before', 'after'] as const) {
    it(`re-created while the deletion is being pushed (${when} the server answers), live replication: alive everywhere`, async () => {
      const { a, b, id, body } = await seeded(`flight-${when}`);
      const rep = replicate(a, 0, id, true, { when, run: () => recreate(a, body) });
      try {
        await rep.awaitInitialReplication();
        await (await a.candidates!.findOne(id).exec())!.remove();
        // The hook re-creates the candidate while the deletion's _bulk_docs is under way.
        await rep.awaitInSync();
        await new Promise((r) => setTimeout(r, 300));
        await rep.awaitInSync();
        await rep.cancel();
        await expectAliveEverywhere(a, b, id);
      } finally {
        await rep.cancel();
        await Promise.all([a.remove(), b.remove()]);
      }
    }, 60_000);
  }

  it("re-created after somebody else's deletion: the later (the re-creation) wins everywhere", async () => {
    await withSeeded('other', async ({ a, b, id, body }) => {
      await (await b.candidates!.findOne(id).exec())!.remove(); // daan deletes and syncs
      await sync(b, 1, id);
      await (await a.candidates!.findOne(id).exec())!.remove(); // anna, offline: merges, then undoes
      await recreate(a, body);
      await sync(a, 0, id);
      await expectAliveEverywhere(a, b, id);
    });
  }, 60_000);

  it('a deletion later than the re-creation wins everywhere', async () => {
    await withSeeded('later-delete', async ({ a, b, id, body }) => {
      await (await a.candidates!.findOne(id).exec())!.remove(); // anna deletes and undoes, offline
      await recreate(a, body);
      await (await b.candidates!.findOne(id).exec())!.remove(); // daan deletes after that, syncs first
      await sync(b, 1, id);
      await sync(a, 0, id);
      await sync(b, 1, id);
      expect(await alive(a, id)).toBe(false);
      expect(await aliveOnServer(id)).toBe(false);
      expect(await alive(b, id)).toBe(false);
    });
  }, 60_000);

  it('an offline edit still loses to a deletion (an edit is no re-creation)', async () => {
    await withSeeded('edit', async ({ a, b, id }) => {
      await (await a.candidates!.findOne(id).exec())!.remove();
      await sync(a, 0, id);
      await (await b.candidates!.findOne(id).exec())!.incrementalPatch({ place: 'Hengelo', updatedAt: new Date().toISOString() });
      await sync(b, 1, id);
      await sync(a, 0, id);
      expect(await alive(b, id)).toBe(false);
      expect(await aliveOnServer(id)).toBe(false);
      expect(await alive(a, id)).toBe(false);
    });
  }, 60_000);
});
