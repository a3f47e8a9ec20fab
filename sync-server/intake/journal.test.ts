import { constants } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
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
import { regionDocs } from './testing';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-journal-'));
  dirs.push(d);
  return d;
};
/** A journal file's records: its text up to the first zero byte (a preallocated file is zeros after them). */
const records = async (file: string) => (await readFile(file, 'utf8')).split('\0')[0];
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

  it('writes its files with O_DSYNC, so a batch is on disk when its write returns (no separate fsync), readable by the server only', async () => {
    const file = path.join(await tmp(), 'j', 'twente.ndjson');
    const j = new IntakeJournal(file);
    const seg = await j.append([{ _id: 'a' }]);
    // The kernel's own view of the open file: flags in octal (Linux).
    const fdinfo = await readFile(`/proc/self/fdinfo/${seg.fh!.fd}`, 'utf8');
    const flags = parseInt(/^flags:\s+(\d+)/m.exec(fdinfo)![1]!, 8);
    expect(flags & constants.O_DSYNC).toBe(constants.O_DSYNC);
    expect(flags & constants.O_APPEND).toBe(0); // positional writes, into a preallocated file
    expect((await stat(file)).mode & 0o077).toBe(0); // personal data: no group or other access
    await j.close();
  });

  it('keeps a batch until the store has it, while later batches overlap, and rotates under steady load', async () => {
    const dir = path.join(await tmp(), 'j');
    const file = path.join(dir, 'twente.ndjson');
    const j = new IntakeJournal(file, 100);
    const a = await j.append([{ _id: 'a', text: 'x'.repeat(120) }]);
    const b = await j.append([{ _id: 'b' }]); // a is still open and the file is past 100 bytes: b starts a new file
    expect((await readdir(dir)).length).toBe(2);
    expect((await j.pending()).map((d) => d._id)).toEqual(['a', 'b']);
    await j.done(a); // a's segment goes as a whole
    expect(await readdir(dir)).toEqual(['twente.ndjson']);
    const c = await j.append([{ _id: 'c' }]);
    await j.done(b); // c is still open in the same file: nothing is emptied
    expect((await j.pending()).map((d) => d._id)).toEqual(['b', 'c']);
    await j.done(c);
    expect(await j.pending()).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('');
    await j.close();
  });

  it('writes into a preallocated file of zeros: its size never changes, emptying writes zeros back, a full file rotates into the next spare', async () => {
    const dir = path.join(await tmp(), 'j');
    const file = path.join(dir, 'twente.ndjson');
    const j = new IntakeJournal(file, 4 * 1024 * 1024, true, 1000);
    await j.prepare();
    expect((await stat(path.join(dir, 'twente.spare'))).size).toBe(1000);
    const a = await j.append([{ _id: 'a' }]); // the growing file is replaced by the spare at once
    await j.prepare(); // the next spare
    expect((await readdir(dir)).sort()).toEqual(['twente.ndjson', 'twente.spare']);
    expect((await stat(file)).size).toBe(1000);
    expect((await readFile(file, 'utf8')).startsWith('{"_id":"a"}\n\0')).toBe(true);
    expect((await j.pending()).map((d) => d._id)).toEqual(['a']);
    await j.done(a);
    expect((await readFile(file)).every((byte) => byte === 0)).toBe(true); // overwritten, not only forgotten
    expect((await stat(file)).size).toBe(1000);
    expect(await j.pending()).toEqual([]);
    const text = 'x'.repeat(400);
    const b = await j.append([{ _id: 'b', text }]);
    const c = await j.append([{ _id: 'c', text }]);
    const d = await j.append([{ _id: 'd', text }]); // b and c open, no room for d: the spare takes over
    expect((await readdir(dir)).filter((n) => /^twente\.\d+\.ndjson$/.test(n))).toHaveLength(1);
    expect((await j.pending()).map((x) => x._id)).toEqual(['b', 'c', 'd']);
    await j.done(b);
    await j.done(c);
    expect((await readdir(dir)).filter((n) => /^twente\.\d+\.ndjson$/.test(n))).toHaveLength(0);
    expect((await stat(file)).size).toBe(1000);
    // A crash mid-write leaves a torn record before the zeros; a crash before the spare's rename
    // reached the disk leaves records under the spare's name.
    const fh = await open(file, 'r+');
    await fh.write('{"_id":"torn","firstN', 430);
    await fh.close();
    await writeFile(path.join(dir, 'twente.spare'), '{"_id":"in-spare"}\n\0\0\0');
    expect((await j.pending()).map((x) => x._id)).toEqual(['in-spare', 'd']);
    await j.done(d);
    await j.close();
    // A journal made anew on a used file writes after its records, not over them.
    await writeFile(file, '{"_id":"old"}\n' + '\0'.repeat(200));
    const again = new IntakeJournal(file, 4 * 1024 * 1024, false);
    await again.append([{ _id: 'new' }]);
    expect((await again.pending()).map((x) => x._id)).toEqual(['in-spare', 'old', 'new']);
    await again.clear();
    expect(await again.pending()).toEqual([]);
    expect(await readdir(dir)).toEqual(['twente.ndjson']);
    await again.close();
  });

  it('answers each submission only after the store has it, with overlapping groups', async () => {
    const dir = await tmp();
    const store = new EmbeddedStore(dir);
    await store.create('region-twente');
    const db = (await store.open('region-twente'))!;
    const journal = new IntakeJournal(path.join(dir, 'intake-journal', 'twente.ndjson'), 2000);
    const writer = new GroupWriter(db, { maxBatch: 7, journal });
    const ids = Array.from({ length: 120 }, (_, i) => `sub-${i}`);
    const answered = await Promise.all(
      ids.map(async (id, i) => {
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1)); // arrivals spread over several groups
        await writer.write({ _id: id, type: 'test', n: i });
        // Answered: the document is readable from the store at this moment.
        const doc = (await db.get(id)) as { n: number };
        return doc.n === i;
      }),
    );
    expect(answered.every(Boolean)).toBe(true);
    // Forgetting is not awaited by the answer: it follows the store write.
    for (let i = 0; i < 500 && (await journal.pending()).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await journal.pending()).toEqual([]);
    await journal.close();
    await store.close();
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
    // Answered once in the journal; readable at once (reads wait for the store write), and the
    // journal forgets it right after the store write.
    expect((await regionDocs(server.url, 'twente')).filter((d) => d.lastName === 'Direct')).toHaveLength(1);
    for (let i = 0; i < 500 && (await records(file)) !== ''; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await records(file)).toBe('');
    await server.close();

    // Power cut between the fsync of the journal and the store's write.
    const lost = newCandidate(
      { firstName: 'Joost', lastName: 'Nachtwerk', email: 'joost@example.nl', ownerRegion: 'twente', regions: ['twente'], source: 'website', consent: { given: true } },
      { id: 'journaled-1', user: 'website', now: new Date().toISOString() },
    );
    const { id, ...rest } = lost;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ _id: id, ...rest }) + '\n', 'utf8');
    // And an older, rotated segment of the same journal (the crash came under steady load).
    const older = newCandidate({ firstName: 'Ria', lastName: 'Segment', ownerRegion: 'twente', regions: ['twente'], source: 'website', consent: { given: true } }, { id: 'journaled-0', user: 'website', now: new Date().toISOString() });
    const { id: olderId, ...olderRest } = older;
    await writeFile(path.join(path.dirname(file), 'twente.17640000000000001.ndjson'), JSON.stringify({ _id: olderId, ...olderRest }) + '\n', 'utf8');
    // And a spare renamed into place whose rename had not reached the disk: its records sit under the spare's name (rijnmond: no other journal file).
    const inSpare = newCandidate({ firstName: 'Bo', lastName: 'Reserve', ownerRegion: 'rijnmond', regions: ['rijnmond'], source: 'website', consent: { given: true } }, { id: 'journaled-2', user: 'website', now: new Date().toISOString() });
    const { id: spareId, ...spareRest } = inSpare;
    await writeFile(path.join(path.dirname(file), 'rijnmond.spare'), JSON.stringify({ _id: spareId, ...spareRest }) + '\n' + '\0'.repeat(100), 'utf8');
    server = await startServer(config);
    try {
      expect((await regionDocs(server.url, 'rijnmond')).filter((d) => d.lastName === 'Reserve')).toHaveLength(1);
      const docs = await regionDocs(server.url, 'twente');
      expect(docs.filter((d) => d.lastName === 'Nachtwerk')).toHaveLength(1);
      expect(docs.filter((d) => d.lastName === 'Segment')).toHaveLength(1);
      expect((await readdir(path.dirname(file))).filter((n) => !n.endsWith('.spare'))).toEqual(['twente.ndjson']); // spares: zeros, prepared ahead
      expect(docs.filter((d) => d.lastName === 'Direct')).toHaveLength(1);
      expect(await records(file)).toBe('');
    } finally {
      await server.close();
    }
  });
});
