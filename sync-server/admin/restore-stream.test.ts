import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { BACKUP_FORMAT, type RestoreProgress } from './backup';
import { main } from './cli';
import { ndjsonLines } from './commands/ndjson-lines';

/**
 * `POST /_regiodesk/admin/restore` for the admin CLI (NDJSON): headers at once, a progress line
 * per batch written, then the result or `{error, reason}`; the CLI fails (exit 1) on an error
 * line. Other clients still get one JSON answer at the end.
 */
let server: TestServer;
let tmp: string;
const auth = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD) };

beforeAll(async () => {
  server = await startTestServer();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-restore-'));
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

type Line = { progress?: RestoreProgress; result?: { restored: Record<string, number> }; error?: string; reason?: string };

/** A backup's lines: `sizes` revisions (one per document) in databases restore-a, restore-b, …, then the end marker unless `cut`. */
function backupLines(tag: string, sizes: number[], cut = false): string[] {
  const dbs = sizes.map((_, i) => `restore-${tag}-${String.fromCharCode(97 + i)}`);
  const lines = [JSON.stringify({ format: BACKUP_FORMAT, version: 1, created: new Date().toISOString(), databases: dbs })];
  sizes.forEach((n, i) => {
    lines.push(JSON.stringify({ db: dbs[i] }));
    for (let d = 0; d < n; d++) {
      const rev = `${(d + 1).toString(16).padStart(32, '0')}`;
      lines.push(JSON.stringify({ doc: { _id: `doc-${d}`, _rev: `1-${rev}`, _revisions: { start: 1, ids: [rev] }, n: d } }));
    }
  });
  if (!cut) lines.push(JSON.stringify({ end: true }));
  return lines;
}

async function restore(body: BodyInit, accept = 'application/x-ndjson'): Promise<Response> {
  return fetch(`${server.url}/_regiodesk/admin/restore`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/x-ndjson', Accept: accept },
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('restore over NDJSON', () => {
  it('streams a progress line per batch written, then the result', async () => {
    const res = await restore(backupLines('p', [450, 30]).join('\n') + '\n');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines: Line[] = [];
    for await (const x of ndjsonLines<Line>(res.body)) lines.push(x);
    const result = lines.at(-1)!.result!;
    expect(result.restored).toEqual({ 'restore-p-a': 450, 'restore-p-b': 30 });
    const progress = lines.slice(0, -1).map((l) => l.progress!);
    // Batches of 200; a database's rest is written when the next one begins.
    expect(progress.map((p) => [p.db, p.revisions, p.total, p.database, p.databases])).toEqual([
      ['restore-p-a', 200, 200, 1, 2],
      ['restore-p-a', 400, 400, 1, 2],
      ['restore-p-a', 450, 450, 1, 2],
      ['restore-p-b', 30, 480, 2, 2],
    ]);
    const stored = await fetch(`${server.url}/restore-p-a/_all_docs?limit=0`, { headers: auth });
    expect(((await stored.json()) as { total_rows: number }).total_rows).toBe(450);
  });

  it('answers with its headers and progress while the backup is still being sent', async () => {
    const lines = backupLines('h', [250, 5]);
    const split = lines.findIndex((l) => l.includes('"db":"restore-h-b"')) + 1;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const encoder = new TextEncoder();
    // The second part is held back until the test has read a progress line: a server answering
    // only at the end would never answer, and this test would fail on its timeout.
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(lines.slice(0, split).join('\n') + '\n'));
        await released;
        controller.enqueue(encoder.encode(lines.slice(split).join('\n') + '\n'));
        controller.close();
      },
    });
    const res = await restore(body);
    expect(res.status).toBe(200);
    const seen: Line[] = [];
    for await (const x of ndjsonLines<Line>(res.body)) {
      seen.push(x);
      if (x.progress) release();
    }
    expect(seen[0]!.progress).toMatchObject({ db: 'restore-h-a', revisions: 200 });
    expect(seen.at(-1)!.result!.restored).toEqual({ 'restore-h-a': 250, 'restore-h-b': 5 });
  });

  it('ends with an error line when the backup is cut short, after what was written', async () => {
    const res = await restore(backupLines('c', [210], true).join('\n') + '\n');
    expect(res.status).toBe(200);
    const lines: Line[] = [];
    for await (const x of ndjsonLines<Line>(res.body)) lines.push(x);
    expect(lines.map((l) => l.progress?.total ?? null)).toEqual([200, 210, null]);
    expect(lines.at(-1)).toMatchObject({ error: 'bad_request' });
    expect(lines.at(-1)!.reason).toContain('incomplete');
  });

  it('ends with an error line for a line that is not JSON', async () => {
    // Much still to send after the bad line: the answer must end all the same.
    const lines = backupLines('j', [20_000]);
    lines.splice(3, 0, '{not json');
    const res = await restore(lines.join('\n') + '\n');
    const got: Line[] = [];
    for await (const x of ndjsonLines<Line>(res.body)) got.push(x);
    expect(got.at(-1)).toMatchObject({ error: 'bad_request' });
    expect(got.at(-1)!.reason).toContain('not JSON');
  });

  it('answers one JSON document to a client that does not ask for NDJSON', async () => {
    const res = await restore(backupLines('o', [3]).join('\n') + '\n', 'application/json');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ ok: true, restored: { 'restore-o-a': 3 } });
  });

  it('refuses a non-admin before anything streams', async () => {
    const made = await fetch(`${server.url}/_regiodesk/admin/users`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'sanne', password: 'geen-beheer', memberships: [] }),
    });
    expect(made.status).toBe(201);
    const res = await fetch(`${server.url}/_regiodesk/admin/restore`, {
      method: 'POST',
      headers: { Authorization: basicAuth('sanne', 'geen-beheer'), Accept: 'application/x-ndjson' },
      body: backupLines('x', [1]).join('\n'),
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('forbidden');
  });
});

describe('npm run admin -- restore', () => {
  async function admin(file: string): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    const error = vi.spyOn(console, 'error').mockImplementation((s: unknown) => void err.push(String(s)));
    try {
      const code = await main(['restore', file], { REGIODESK_URL: server.url, REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD });
      return { code, out: out.join('\n'), err: err.join('\n') };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it('prints the revisions per database and exits 0', async () => {
    const file = path.join(tmp, 'good.ndjson');
    await writeFile(file, backupLines('g', [205, 2]).join('\n') + '\n');
    const r = await admin(file);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/restore-g-a\s+205 revisions/);
    expect(r.out).toContain('Restored 2 databases');
  });

  it('exits 1 with the server\'s reason on an error line', async () => {
    const file = path.join(tmp, 'cut.ndjson');
    await writeFile(file, backupLines('k', [205], true).join('\n') + '\n');
    const r = await admin(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Restore failed (bad_request)');
    expect(r.err).toContain('incomplete');
  });
});
