import { afterAll, beforeAll, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { ndjsonLines } from './commands/ndjson-lines';

/**
 * `POST /_regiodesk/admin/compact` for the admin CLI (NDJSON): headers at once, a progress line
 * per database, then the result; other clients still get one JSON answer.
 */
let server: TestServer;
const headers = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 5 });
}, 60_000);
afterAll(() => server?.close());

it('streams a progress line per database and then the result', async () => {
  const res = await fetch(`${server.url}/_regiodesk/admin/compact`, { method: 'POST', headers: { ...headers, Accept: 'application/x-ndjson' }, body: '{}' });
  expect(res.status).toBe(200);
  const lines: { progress?: { done: number; total: number; db: string }; result?: { compacted: string[] } }[] = [];
  for await (const x of ndjsonLines<(typeof lines)[number]>(res.body)) lines.push(x);
  const result = lines.at(-1)!.result!;
  expect(result.compacted.length).toBeGreaterThan(2);
  const progress = lines.slice(0, -1).map((l) => l.progress!);
  expect(progress.map((p) => p.db)).toEqual(result.compacted);
  expect(progress.map((p) => p.done)).toEqual(result.compacted.map((_, i) => i + 1));
  expect(new Set(progress.map((p) => p.total))).toEqual(new Set([result.compacted.length]));
});

it('answers one JSON document to a client that does not ask for NDJSON', async () => {
  const res = await fetch(`${server.url}/_regiodesk/admin/compact`, { method: 'POST', headers, body: '{}' });
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
});

it('refuses a non-admin before anything streams', async () => {
  const res = await fetch(`${server.url}/_regiodesk/admin/compact`, { method: 'POST', headers: { Authorization: basicAuth('anna', 'regiodesk'), Accept: 'application/x-ndjson' }, body: '{}' });
  expect(res.status).toBe(403);
  expect(((await res.json()) as { error: string }).error).toBe('forbidden');
});
