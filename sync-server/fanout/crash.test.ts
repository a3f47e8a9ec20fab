import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_ADMIN_PASSWORD, ChildServer, sessionCookie } from '../reliability/child-server';
import { candidateDoc, noteDoc } from './fixtures';

const NOTES = 5000;
let server: ChildServer;
let cookie: string;

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const count = async (db: string) => ((await call('GET', `/${db}`)) as { doc_count: number }).doc_count;

beforeAll(async () => {
  server = await ChildServer.start({ env: { REGIODESK_FANOUT_BATCH: '50' } });
  cookie = await sessionCookie(server.url, 'admin', CHILD_ADMIN_PASSWORD);
  for (const r of ['twente', 'utrecht', 'rijnmond']) await call('PUT', `/region-${r}`);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/**
 * kill -9 of the server in the middle of fanning out 5,000 notes to two regions; after a restart
 * every note is in every linked region exactly once: the same single revision as in the region
 * that wrote it, no conflicts, nothing missing, nothing extra.
 */
describe('fan-out crash', () => {
  it('resumes after SIGKILL and delivers every note exactly once', async () => {
    await call('POST', '/region-twente/_bulk_docs', { docs: [candidateDoc('crash', ['twente', 'utrecht', 'rijnmond'])] });
    while ((await count('region-utrecht')) < 1 || (await count('region-rijnmond')) < 1) await new Promise((r) => setTimeout(r, 20));
    const ids: string[] = [];
    const docs = Array.from({ length: NOTES }, (_, i) => noteDoc('crash', `${i}`.padStart(5, '0'), 'twente', 'shared'));
    ids.push(...docs.map((d) => String(d._id)));
    const t0 = Date.now();
    const written = call('POST', '/region-twente/_bulk_docs', { docs }).catch(() => undefined);
    // Kill while the fan-out is under way: some notes copied, not all.
    const deadline = Date.now() + 60_000;
    let seen = 0;
    while (Date.now() < deadline) {
      seen = await count('region-utrecht').catch(() => 0);
      if (seen > 1) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await server.kill('SIGKILL');
    await written;
    console.log(`killed ${Date.now() - t0} ms after the write began`);
    expect(seen).toBeGreaterThan(1);
    expect(seen).toBeLessThan(NOTES + 1);
    console.log(`killed with ${seen} of ${NOTES + 1} documents in region-utrecht`);

    const t1 = Date.now();
    await server.restart();
    cookie = await sessionCookie(server.url, 'admin', CHILD_ADMIN_PASSWORD);
    const until = Date.now() + 40_000;
    while (Date.now() < until && ((await count('region-utrecht')) < NOTES + 1 || (await count('region-rijnmond')) < NOTES + 1)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`caught up ${Date.now() - t1} ms after the restart`);
    const source = await call('POST', '/region-twente/_all_docs', { keys: ids });
    const revs = new Map((source.rows as { id: string; value: { rev: string } }[]).map((r) => [r.id, r.value.rev]));
    for (const db of ['region-utrecht', 'region-rijnmond']) {
      const all = await call('GET', `/${db}/_all_docs?include_docs=true&conflicts=true`);
      const rows = all.rows as { id: string; value: { rev: string }; doc: { _conflicts?: string[] } }[];
      expect(rows.length, db).toBe(NOTES + 1);
      expect(new Set(rows.map((r) => r.id)).size).toBe(NOTES + 1);
      for (const r of rows) {
        if (r.id === 'crash') continue;
        expect(r.value.rev, `${db} ${r.id}`).toBe(revs.get(r.id));
        expect(r.doc._conflicts, `${db} ${r.id}`).toBeUndefined();
      }
      // One change per document: nothing was written twice as a new revision.
      const changes = await call('GET', `/${db}/_changes?style=all_docs`);
      expect(changes.results.length, db).toBe(NOTES + 1);
    }
  }, 120_000);
});
