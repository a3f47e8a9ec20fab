import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CONSENT_VERSION } from '../../src/shared';
import { withDefaults } from '../config';
import { startServer } from '../server';
import { TEST_ADMIN_PASSWORD } from '../testing';
import { allowOrigins } from './testing';

/**
 * Which regions get a preallocated intake journal (journal.ts, 1 MB of zeros plus one at each
 * rotation): only those that take submissions. Regions with website origins at start and when
 * their origins are set; any other at its first submission or when its form is opened. Before,
 * the first submission to any region prepared every region's journal.
 */
const SPARE = 1024 * 1024;
let dataDir: string;
let server: Awaited<ReturnType<typeof startServer>>;
const config = () => withDefaults({ dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 0, adminPassword: TEST_ADMIN_PASSWORD });
const journalDir = () => path.join(dataDir, 'intake-journal');

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-intake-prep-'));
  server = await startServer(config());
});
afterAll(async () => {
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Regions with any journal file (current, rotated or spare). */
async function regionsWithFiles(): Promise<string[]> {
  const names = await readdir(journalDir()).catch(() => [] as string[]);
  return [...new Set(names.map((n) => n.split('.')[0]!))].sort();
}

/** Waits until the region's preallocated file is fully written (the spare, or the current file once the spare took its place). */
async function prepared(region: string): Promise<void> {
  const size = (f: string) => stat(path.join(journalDir(), f)).then((s) => s.size, () => 0);
  for (;;) {
    if ((await size(`${region}.spare`)) === SPARE || (await size(`${region}.ndjson`)) === SPARE) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const submit = (region: string) =>
  fetch(`${server.url}/intake/${region}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstName: 'Sanne', lastName: 'de Vries', consent: true, consentVersion: INTAKE_CONSENT_VERSION }),
  });

describe('intake journals are prepared only for regions that take submissions', () => {
  it('a submission prepares its own region only', async () => {
    expect(await regionsWithFiles()).toEqual([]); // no origins configured in the demo: nothing at start
    expect((await submit('twente')).status).toBe(201);
    await prepared('twente');
    expect(await regionsWithFiles()).toEqual(['twente']);
  });

  it('setting website origins prepares the region at once, before any submission', async () => {
    expect((await allowOrigins(server.url, 'rijnmond', ['https://www.rijnmond.example'])).status).toBe(200);
    await prepared('rijnmond');
    expect(await regionsWithFiles()).toEqual(['rijnmond', 'twente']);
  });

  it('opening the hosted form prepares its region; an unknown region gets nothing', async () => {
    expect((await fetch(`${server.url}/intake/nergens/form`)).status).toBe(404);
    expect((await fetch(`${server.url}/intake/utrecht/form`)).status).toBe(200);
    await prepared('utrecht');
    expect(await regionsWithFiles()).toEqual(['rijnmond', 'twente', 'utrecht']);
  });

  it('at start, the regions with website origins are prepared and the others wait for their first submission', async () => {
    await server.close();
    await rm(journalDir(), { recursive: true, force: true });
    server = await startServer(config());
    await prepared('rijnmond');
    expect(await regionsWithFiles()).toEqual(['rijnmond']);
  });
});
