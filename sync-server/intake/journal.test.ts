import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTAKE_CONSENT_VERSION, newCandidate } from '../../src/shared';
import { withDefaults } from '../config';
import { startServer } from '../server';
import { TEST_ADMIN_PASSWORD } from '../testing';
import { IntakeJournal } from './journal';
import { regionDocs } from './testing';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-journal-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('intake write-ahead journal', () => {
  it('hands back whole lines only: a torn last line was never answered', async () => {
    const file = path.join(await tmp(), 'j', 'twente.ndjson');
    const j = new IntakeJournal(file);
    expect(await j.pending()).toEqual([]);
    await j.append([{ _id: 'a' }, { _id: 'b' }]);
    await writeFile(file, (await readFile(file, 'utf8')) + '{"_id":"c","firstN', 'utf8');
    expect((await j.pending()).map((d) => d._id)).toEqual(['a', 'b']);
    await j.clear();
    expect(await j.pending()).toEqual([]);
  });

  it('is empty after each answered submission, and a submission left in it by a crash is stored at the next start', async () => {
    const dataDir = await tmp();
    const config = withDefaults({ dataDir, host: '127.0.0.1', port: 0, demo: true, demoSize: 1, adminPassword: TEST_ADMIN_PASSWORD });
    let server = await startServer(config);
    const res = await fetch(`${server.url}/intake/twente`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ firstName: 'Sanne', lastName: 'Direct', email: 'sanne.direct@example.nl', consent: true, consentVersion: INTAKE_CONSENT_VERSION }),
    });
    expect(res.status).toBe(201);
    const file = path.join(dataDir, 'intake-journal', 'twente.ndjson');
    expect(await readFile(file, 'utf8')).toBe('');
    await server.close();

    // Power cut between the fsync of the journal and the store's write.
    const lost = newCandidate(
      { firstName: 'Joost', lastName: 'Nachtwerk', email: 'joost@example.nl', ownerRegion: 'twente', regions: ['twente'], source: 'website', consent: { given: true } },
      { id: 'journaled-1', user: 'website', now: new Date().toISOString() },
    );
    const { id, ...rest } = lost;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ _id: id, ...rest }) + '\n', 'utf8');
    server = await startServer(config);
    try {
      const docs = await regionDocs(server.url, 'twente');
      expect(docs.filter((d) => d.lastName === 'Nachtwerk')).toHaveLength(1);
      expect(docs.filter((d) => d.lastName === 'Direct')).toHaveLength(1);
      expect(await readFile(file, 'utf8')).toBe('');
    } finally {
      await server.close();
    }
  });
});
