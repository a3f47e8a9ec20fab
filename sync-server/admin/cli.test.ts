import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

PouchDB.plugin(memory);

const require = createRequire(import.meta.url);
const TSX = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

let server: TestServer;
let tmp: string;
let bundle: string;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 8 });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-cli-'));
  // The CLI bundled once, so each of the many runs below starts in plain Node, not through tsx.
  bundle = path.join(tmp, 'cli.mjs');
  await build({ entryPoints: [CLI], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
});
afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Runs the admin CLI as a child process, as an operator would (`viaTsx`: exactly as `npm run admin` does). */
function admin(args: string[], env: Record<string, string> = {}, viaTsx = false): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      viaTsx ? [TSX, CLI, ...args] : [bundle, ...args],
      { env: { ...process.env, REGIODESK_URL: server.url, REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

const session = async (name: string, password: string) =>
  fetch(`${server.url}/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password }) });

describe('admin CLI', () => {
  it('explains itself and uses exit code 2 for usage errors', async () => {
    const help = await admin(['--help'], {}, true);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: npm run admin --');
    expect(help.out).toContain('users disable <name>');
    expect((await admin([])).code).toBe(2);
    const unknown = await admin(['users', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command');
    expect((await admin(['regions', 'list'], { REGIODESK_ADMIN_PASSWORD: '' })).code).toBe(2);
    const refused = await admin(['regions', 'list'], { REGIODESK_ADMIN_PASSWORD: 'wrong-password' });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('401');
  }, 60_000);

  it('adds and lists regions and users, changes roles, disables and re-enables, resets passwords', async () => {
    expect((await admin(['regions', 'add', 'noord', 'Regio Noord'])).code).toBe(0);
    expect((await admin(['regions', 'list'])).out).toMatch(/noord\s+Regio Noord/);
    expect((await fetch(`${server.url}/region-noord/`, { headers: { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD) } })).status).toBe(200);

    const add = await admin(['users', 'add', 'sanne', '--member', 'editor:noord', '--password', 'sanne-secret']);
    expect(add.code, add.err).toBe(0);
    expect((await admin(['users', 'add', 'sanne', '--member', 'editor:noord'])).code).toBe(1); // exists
    expect((await admin(['users', 'add', 'piet', '--member', 'editor:nowhere'])).code).toBe(1); // no such region
    const list = await admin(['users', 'list']);
    expect(list.out).toMatch(/sanne\s+editor:noord/);
    expect(list.out).not.toContain('scrypt');

    const login = await session('sanne', 'sanne-secret');
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const asCookie = () => fetch(`${server.url}/region-noord/`, { headers: { Cookie: cookie } });
    const asBasic = () => fetch(`${server.url}/region-noord/`, { headers: { Authorization: basicAuth('sanne', 'sanne-secret') } });
    expect((await asCookie()).status).toBe(200);

    expect((await admin(['users', 'set-role', 'sanne', 'noord', 'viewer'])).code).toBe(0);
    const { id: _id, ...rest } = newCandidate({ firstName: 'A', lastName: 'B', regions: ['noord'], ownerRegion: 'noord' }, { id: 'cli-1', user: 'sanne', now: new Date().toISOString() });
    const write = await fetch(`${server.url}/region-noord/cli-1`, { method: 'PUT', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify({ _id, ...rest }) });
    expect(write.status).toBe(403);

    expect((await admin(['users', 'disable', 'sanne'])).code).toBe(0);
    expect((await admin(['users', 'list'])).out).toMatch(/sanne\s+viewer:noord\s+\[disabled\]/);
    expect((await asCookie()).status).toBe(401); // the session no longer counts
    expect((await asBasic()).status).toBe(401);
    expect((await session('sanne', 'sanne-secret')).status).toBe(401);
    expect((await admin(['users', 'enable', 'sanne'])).code).toBe(0);
    expect((await asBasic()).status).toBe(200);

    const reset = await admin(['users', 'reset-password', 'sanne']);
    expect(reset.code).toBe(0);
    const fresh = /New password: (\S+)/.exec(reset.out)![1]!;
    expect((await asCookie()).status).toBe(401); // sessions end with the old password
    expect((await session('sanne', 'sanne-secret')).status).toBe(401);
    expect((await session('sanne', fresh)).status).toBe(200);

    expect((await admin(['users', 'set-regions', 'sanne', 'supervisor:noord,viewer:twente'])).code).toBe(0);
    expect((await admin(['users', 'list'])).out).toMatch(/sanne\s+supervisor:noord, viewer:twente/);
    expect((await admin(['users', 'set-regions', 'sanne', 'boss:noord'])).code).toBe(1);
    expect((await admin(['users', 'set-regions', 'sanne', 'noord'])).code).toBe(2);
  }, 120_000); // some twenty child processes: slow only on a busy machine

  it('backs up to one file and restores into a new server with identical revisions; replicas see no conflicts', async () => {
    // A conflicted document and a deletion, so revision trees are more than a line.
    const h = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
    const { id, ...body } = newCandidate({ firstName: 'Rik', lastName: 'Smit', regions: ['twente'], ownerRegion: 'twente' }, { id: 'bk-1', user: 'admin', now: new Date().toISOString() });
    const mk = (rev: string, ids: string[], firstName: string) => ({ _id: id, ...body, firstName, _rev: rev, _revisions: { start: ids.length, ids } });
    await fetch(`${server.url}/region-twente/_bulk_docs`, { method: 'POST', headers: h, body: JSON.stringify({ new_edits: false, docs: [mk('1-a', ['a'], 'Rik'), mk('2-b', ['b', 'a'], 'Rikkert'), mk('2-c', ['c', 'a'], 'Rick')] }) });
    // The fan-out merges the conflict on the server (fanout/server-merge.ts): a merged revision on
    // the winner and a deletion on the other leaf. Back up once it has, so the tree is settled.
    const conflictsOf = async () => ((await (await fetch(`${server.url}/region-twente/bk-1?conflicts=true`, { headers: h })).json()) as { _conflicts?: string[] })._conflicts;
    for (let i = 0; i < 200 && (await conflictsOf()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await conflictsOf()).toBeUndefined();

    const replica = new PouchDB(`cli-replica-${process.pid}`, { adapter: 'memory' });
    const remote = (url: string) => new PouchDB(`${url}/region-twente`, { auth: { username: 'admin', password: TEST_ADMIN_PASSWORD }, skip_setup: true } as PouchDB.Configuration.RemoteDatabaseConfiguration);
    await PouchDB.replicate(remote(server.url), replica);

    const file = path.join(tmp, 'backup.ndjson');
    const backup = await admin(['backup', file]);
    expect(backup.code, backup.err).toBe(0);
    expect((await readFile(file, 'utf8')).split('\n')[0]).toContain('regiodesk-backup');

    const other = await startTestServer({});
    try {
      const restore = await admin(['restore', file], { REGIODESK_URL: other.url });
      expect(restore.code, restore.err).toBe(0);
      expect(restore.out).toContain('region-twente');
      const get = async (url: string) => (await fetch(`${url}/region-twente/bk-1?revs=true&conflicts=true`, { headers: h })).json();
      expect(await get(other.url)).toEqual(await get(server.url));
      // Users came back too: a demo user logs in on the restored server.
      expect((await session('anna', 'regiodesk')).status).toBe(200);
      const r2 = await fetch(`${other.url}/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'anna', password: 'regiodesk' }) });
      expect(r2.status).toBe(200);
      // The replica syncs with the restored server: nothing to send or fetch, no new conflicts.
      const sync = await PouchDB.sync(replica, remote(other.url));
      expect(sync.pull?.docs_written).toBe(0);
      expect(sync.push?.docs_written).toBe(0);
      // The replica holds the merged tree: both branches (one closed by a deletion), no conflict.
      const doc = (await replica.get('bk-1', { conflicts: true, revs_info: true })) as { _rev: string; _conflicts?: string[] };
      expect(doc._conflicts).toBeUndefined();
      expect(doc._rev).toMatch(/^3-/);
      const leaves = (await replica.get('bk-1', { open_revs: 'all' })) as { ok?: { _rev: string; _deleted?: boolean } }[];
      expect(leaves.map((l) => [l.ok?._rev.split('-')[0], l.ok?._deleted === true]).sort()).toEqual([['3', false], ['3', true]]);
      expect((await admin(['restore', path.join(tmp, 'missing.ndjson')], { REGIODESK_URL: other.url })).code).toBe(2);
    } finally {
      await other.close();
      await replica.destroy();
    }
  }, 60_000);

  it('compacts', async () => {
    const res = await admin(['compact']);
    expect(res.code, res.err).toBe(0);
    expect(res.out).toMatch(/Compacted \d+ databases/);
    // Old deletions with a body (old-deletions.test.ts): the demo has none, and says so.
    expect(res.out).toContain('No deletion with a body left.');
  });
});
