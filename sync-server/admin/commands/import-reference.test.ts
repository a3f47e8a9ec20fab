import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../testing';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test-fixtures/reference/', import.meta.url));

let server: TestServer;
let tmp: string;
let bundle: string;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 2 });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-cli-ref-'));
  // Bundled once so each run starts in plain Node (tsx's start-up dominates otherwise).
  bundle = path.join(tmp, 'cli.mjs');
  await build({ entryPoints: [CLI], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
});
afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Runs the admin CLI as a child process, as an operator would. */
function admin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bundle, ...args],
      { env: { ...process.env, REGIODESK_URL: server.url, REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

describe('admin CLI: import duo / programmes', () => {
  it('imports a DUO file, then again with nothing changed; programmes too', async () => {
    const first = await admin(['import', 'duo', path.join(FIXTURES, 'duo-vestigingen-2022.csv')]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain('30 created, 0 updated, 0 unchanged, 0 closed, 0 rejected');
    expect(first.err).toContain('Writing 30 of 30 documents');
    const again = await admin(['import', 'duo', path.join(FIXTURES, 'duo-vestigingen-2022.csv')]);
    expect(again.out).toContain('0 created, 0 updated, 30 unchanged, 0 closed, 0 rejected');
    const progs = await admin(['import', 'programmes', path.join(FIXTURES, 'opleidingen.csv')]);
    expect(progs.code).toBe(0);
    expect(progs.out).toMatch(/line 11: name is empty/);
    const res = await fetch(`${server.url}/reference/prog-39110`, { headers: { Authorization: basicAuth('anna', 'regiodesk') } });
    expect(await res.json()).toMatchObject({ kind: 'lerarenopleiding', name: 'Pabo (Leraar Basisonderwijs)' });
  });

  it('says why it refuses: usage (2), a non-admin or an unreadable file (1)', async () => {
    expect((await admin(['import', 'duo'])).code).toBe(2);
    expect((await admin(['import', 'duo', '/nonexistent.csv'])).code).toBe(2);
    expect((await admin(['--help'])).out).toContain('import duo <file.csv>');
    const anna = await admin(['import', 'duo', path.join(FIXTURES, 'duo-besturen.csv')], { REGIODESK_ADMIN_USER: 'anna', REGIODESK_ADMIN_PASSWORD: 'regiodesk' });
    expect(anna.code).toBe(1);
    expect(anna.err).toContain('Only an administrator may import reference data');
    const wrong = await admin(['import', 'programmes', path.join(FIXTURES, 'duo-besturen.csv')]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('code');
  });
});
