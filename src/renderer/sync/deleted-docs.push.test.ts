import { describe, expect, it } from 'vitest';
import { newCandidate, regionDbName, type Candidate } from '../../shared';
import { cookieFetch, replicateRegion, rxClient, type AnyDb } from '../../../sync-server/reliability/rx-client';
import { memoryStore } from '../app/session';
import { installFieldClocks } from './clock';
import { twoAdvisors } from '../../../sync-server/reliability/two-advisors';

/**
 * A push that meets many documents deleted on the server (an import undone on one laptop, and
 * redone on another that had undone it offline as well) reads the deletions' clocks with one
 * `_bulk_get` per push batch, not one `GET ?rev=` per row (deleted-docs.ts, deletionClocks).
 * The requests are counted against the real server; the re-created documents being alive
 * afterwards shows the clocks were read (without them the deletions would win).
 */
const REGION = 'twente';
const ROWS = 60;
const PUSH_BATCH = 20;
const advisors = twoAdvisors(REGION);

interface Counts {
  revGets: number;
  bulkGets: number;
  allDocs: number;
  bulkDocs: number;
}

async function sync(db: AnyDb, c: number, tag: string, counts?: Counts): Promise<void> {
  const raw = cookieFetch(advisors.cookie(c));
  const base = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    if (counts) {
      const post = init?.method === 'POST';
      if (!post && /\/[^_/][^/]*\?rev=/.test(url)) counts.revGets++;
      if (post && url.endsWith('/_bulk_get')) counts.bulkGets++;
      if (url.includes('/_all_docs')) counts.allDocs++;
      if (post && url.includes('/_bulk_docs')) counts.bulkDocs++;
    }
    return raw(input, init);
  }) as typeof fetch;
  const { rep } = replicateRegion(db.candidates!, { server: advisors.url, region: REGION, cookie: advisors.cookie(c), live: false, identifier: `deleted-docs-push-${tag}-${c}`, pullBatch: 100, pushBatch: PUSH_BATCH, baseFetch: base });
  await rep.awaitInitialReplication();
  await rep.cancel();
}

describe('deletion clocks in a push', () => {
  it('an undone import re-created over many deletions reads their clocks with one _bulk_get per push batch', async () => {
    const [a, b] = [await rxClient(['candidates']), await rxClient(['candidates'])];
    installFieldClocks(a.collections);
    installFieldClocks(b.collections);
    try {
      const now = new Date().toISOString();
      const bodies: Candidate[] = Array.from({ length: ROWS }, (_, i) =>
        newCandidate({ firstName: 'Import', lastName: `Rij ${i}`, regions: [REGION], ownerRegion: REGION, consent: { given: true } }, { id: `ddp-${i}-${Date.now().toString(36)}`, user: 'anna', now }),
      );
      await a.candidates!.bulkInsert(bodies);
      await sync(a, 0, 'seed');
      await sync(b, 1, 'seed');
      expect(await b.candidates!.count().exec()).toBe(ROWS);

      // Daan undoes the import and syncs; Anna, offline, undoes it too and then redoes it.
      await b.candidates!.bulkRemove(bodies.map((d) => d.id));
      await sync(b, 1, 'undo');
      await a.candidates!.bulkRemove(bodies.map((d) => d.id));
      await a.candidates!.bulkInsert(bodies.map(({ fieldClocks: _c, ...own }) => ({ ...own, updatedAt: new Date().toISOString() })));

      const counts: Counts = { revGets: 0, bulkGets: 0, allDocs: 0, bulkDocs: 0 };
      await sync(a, 0, 'redo', counts);

      expect(counts.revGets).toBe(0);
      expect(counts.bulkGets).toBeGreaterThanOrEqual(Math.ceil(ROWS / PUSH_BATCH));
      // At most one per _all_docs lookup of a push batch, whatever the number of rows.
      expect(counts.bulkGets).toBeLessThanOrEqual(counts.allDocs);
      expect(counts.allDocs).toBeLessThanOrEqual(2 * Math.ceil(ROWS / PUSH_BATCH) + 1);

      // The redo is later than Daan's deletions: it wins, which it can only with their clocks read.
      const res = await fetch(`${advisors.url}/${regionDbName(REGION)}/_all_docs`, {
        method: 'POST',
        headers: { Cookie: advisors.cookie(0), 'Content-Type': 'application/json' },
        body: JSON.stringify({ keys: bodies.map((d) => d.id) }),
      });
      const rows = ((await res.json()) as { rows: { value?: { deleted?: boolean } }[] }).rows;
      expect(rows.filter((r) => r.value && !r.value.deleted)).toHaveLength(ROWS);
    } finally {
      await Promise.all([a.remove(), b.remove()]);
    }
  }, 120_000);
});
