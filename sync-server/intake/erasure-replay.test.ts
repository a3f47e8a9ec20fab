import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_CONSENT_VERSION, newCandidate } from '../../src/shared';
import { withDefaults } from '../config';
import { startServer } from '../server';
import { TEST_ADMIN_PASSWORD } from '../testing';
import { EmbeddedStore } from '../store/embedded';
import { IntakeJournal } from './journal';
import { GroupWriter } from './writer';
import { ADMIN, regionDocs } from './testing';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const submit = (url: string, lastName: string) =>
  fetch(`${url}/intake/twente`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstName: 'Fenna', lastName, email: `${lastName.toLowerCase()}@example.nl`, consent: true, consentVersion: INTAKE_CONSENT_VERSION }),
  });

/**
 * The journal keeps submissions the store already has until its file is emptied or rotated (under
 * steady load: ~4 MB later). A person erased in those seconds must not come back when a crash
 * leaves that journal behind and the next start replays it.
 */
describe('intake journal replay after an erasure', () => {
  it('does not bring back a person erased after her submission was stored, and still stores what never reached the store', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-erase-replay-'));
    dirs.push(dataDir);
    // A long store delay, so the journal surely still holds the submission when it is copied below;
    // the read that follows stores it at once (reads wait for answered submissions).
    const config = withDefaults({ dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 1, adminPassword: TEST_ADMIN_PASSWORD, intake: { storeDelayMs: 60_000 } });
    const file = path.join(dataDir, 'intake-journal', 'twente.ndjson');
    let server = await startServer(config);
    let journal: string;
    let id: string;
    try {
      expect((await submit(server.url, 'Vergeetmij')).status).toBe(201);
      // What a crash at this moment would leave behind: the journal with her submission in it.
      journal = (await readFile(file, 'utf8')).split('\0')[0]!; // its records (a preallocated file is zeros after them)
      expect(journal).toContain('Vergeetmij');
      const stored = (await regionDocs(server.url, 'twente')).filter((d) => d.lastName === 'Vergeetmij');
      expect(stored).toHaveLength(1);
      id = String(stored[0]!._id);
      // The privacy feature's erasure, through its real route.
      const res = await fetch(`${server.url}/_regiodesk/erase`, {
        method: 'POST',
        headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ candidateId: id }),
      });
      expect(res.status).toBe(200);
      expect((await regionDocs(server.url, 'twente')).filter((d) => d.lastName === 'Vergeetmij')).toHaveLength(0);
    } finally {
      await server.close();
    }

    // The crash: the journal as it was (the store and the erasure had already happened), plus a
    // submission that was answered but never reached the store, which must still be stored.
    const { id: lostId, ...lost } = newCandidate(
      { firstName: 'Joost', lastName: 'Onderweg', email: 'joost.onderweg@example.nl', ownerRegion: 'twente', regions: ['twente'], source: 'website', consent: { given: true } },
      { id: 'journaled-after-erasure', user: 'website', now: new Date().toISOString() },
    );
    await writeFile(file, journal + JSON.stringify({ _id: lostId, ...lost }) + '\n', 'utf8');
    server = await startServer(config);
    try {
      const docs = await regionDocs(server.url, 'twente');
      expect(docs.filter((d) => d.lastName === 'Vergeetmij')).toHaveLength(0);
      expect(docs.filter((d) => d._id === id && !d._deleted)).toHaveLength(0);
      expect(docs.filter((d) => d.lastName === 'Onderweg')).toHaveLength(1);
      // Nor is her submission left on disk in the journal.
      expect(await readFile(file, 'utf8')).not.toContain('Vergeetmij');
    } finally {
      await server.close();
    }
  });
});

describe('GroupWriter.recover', () => {
  it('skips a journaled submission whose person is erased even when the store has no trace of her (a crash between purge and deletion stub)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-erase-replay-'));
    dirs.push(dir);
    const store = new EmbeddedStore(dir);
    await store.create('region-twente');
    const db = (await store.open('region-twente'))!;
    const journal = new IntakeJournal(path.join(dir, 'intake-journal', 'twente.ndjson'));
    await journal.append([{ _id: 'gone', type: 'test' }, { _id: 'kept', type: 'test' }]);
    const writer = new GroupWriter(db, { journal });
    expect(await writer.recover((d) => d._id === 'gone')).toBe(1);
    const rows = ((await db.allDocs({ keys: ['gone', 'kept'] })) as { rows: { key: string; value?: unknown }[] }).rows;
    expect(rows.map((r) => [r.key, !!r.value])).toEqual([
      ['gone', false],
      ['kept', true],
    ]);
    expect(await journal.pending()).toEqual([]);
    await writer.close();
    await store.close();
  });
});
