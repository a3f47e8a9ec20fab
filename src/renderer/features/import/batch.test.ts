import { readFileSync } from 'node:fs';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultValueMaps, matchHeaders, newCandidate, newTask, planImport, withChoice, type ImportContext } from '../../../shared';
import { parseImportFile } from '../../../shared/import/parse';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { listBatches, undoBatch, writeBatch } from './batch';

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

async function open(): Promise<RegiodeskDatabase> {
  const db = await createDatabase(`test_import_${Date.now()}_${dbs.length}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
  dbs.push(db);
  return db;
}

let seq = 0;
const ctx = (): ImportContext => ({ region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z', fileName: 'airtable-kandidaten.csv', newId: () => `imp${++seq}` });

async function airtablePlan(existing: { id: string; firstName: string; lastName: string; email?: string }[] = []) {
  const bytes = new Uint8Array(readFileSync(new URL('../../../../test-fixtures/import/airtable-kandidaten.csv', import.meta.url)));
  const table = await parseImportFile(bytes, 'airtable-kandidaten.csv');
  return planImport(table, matchHeaders(table.headers), withChoice(defaultValueMaps(), 'phase', 'wachtlijst', 'on_hold'), existing, ctx());
}

describe('import batch into the local store', () => {
  it('writes candidates and notes as one batch and undoes exactly that batch', async () => {
    const db = await open();
    const own = newCandidate({ firstName: 'Eigen', lastName: 'Kandidaat', regions: ['twente'], ownerRegion: 'twente' }, { id: 'own1', user: 'anna', now: '2026-11-01T10:00:00.000Z' });
    await db.candidates.insert(own);
    const plan = await airtablePlan();
    const items = plan.rows.filter((r) => r.status === 'ok').map((r) => ({ candidate: r.candidate!, notes: r.notes! }));
    const progress: number[] = [];
    const batch = await writeBatch(db, items, {
      batchId: 'b1', fileName: 'airtable-kandidaten.csv', user: 'anna', region: 'twente', now: '2026-11-25T10:00:00.000Z',
      counts: { duplicatesImported: 0, duplicatesSkipped: 1, rejected: 1 }, chunkSize: 4, onProgress: (d) => progress.push(d),
    });
    expect(batch.status).toBe('done');
    expect(progress).toEqual([4, 8, 10]);
    expect(await db.candidates.count().exec()).toBe(11);
    const notes = await db.notes.find().exec();
    expect(notes.some((n) => n.text.startsWith('=HYPERLINK'))).toBe(true);
    expect(notes).toHaveLength(3);
    const laura = await db.candidates.findOne({ selector: { email: 'laura@voorbeeld.nl' } }).exec();
    expect(laura?.toJSON()).toMatchObject({ sectors: ['vo', 'pro'], source: 'import', consent: { given: false } });

    // A user adds a task to an imported candidate and a candidate of her own in the meantime:
    // undo removes the batch and what hangs off its candidates, nothing else.
    await db.tasks.insert(newTask({ candidateId: laura!.id, region: 'twente', title: 'Terugbellen', assignee: 'anna' }, { suffix: 't1', user: 'anna', now: '2026-11-25T11:00:00.000Z' }));
    await db.tasks.insert(newTask({ candidateId: 'own1', region: 'twente', title: 'Eigen taak', assignee: 'anna' }, { suffix: 't2', user: 'anna', now: '2026-11-25T11:00:00.000Z' }));
    await db.candidates.insert(newCandidate({ firstName: 'Na', lastName: 'Import', regions: ['twente'], ownerRegion: 'twente' }, { id: 'own2', user: 'anna', now: '2026-11-25T11:00:00.000Z' }));
    expect((await listBatches(db)).map((b) => [b.id, b.status])).toEqual([['b1', 'done']]);
    const undone = await undoBatch(db, 'b1');
    expect(undone.status).toBe('undone');
    expect((await db.candidates.find().exec()).map((c) => c.id).sort()).toEqual(['own1', 'own2']);
    expect(await db.notes.count().exec()).toBe(0);
    expect((await db.tasks.find().exec()).map((t) => t.title)).toEqual(['Eigen taak']);
    expect((await listBatches(db))[0]!.status).toBe('undone');
  });

  it('leaves nothing behind when a chunk fails halfway', async () => {
    const db = await open();
    const plan = await airtablePlan();
    const items = plan.rows.filter((r) => r.status === 'ok').map((r) => ({ candidate: r.candidate!, notes: r.notes! }));
    // The sixth candidate's id is taken already: its chunk fails after the first chunk was written.
    await db.candidates.insert({ ...items[5]!.candidate, firstName: 'Bestaand' });
    await expect(
      writeBatch(db, items, { batchId: 'b2', fileName: 'x.csv', user: 'anna', region: 'twente', now: '2026-11-25T10:00:00.000Z', counts: { duplicatesImported: 0, duplicatesSkipped: 0, rejected: 0 }, chunkSize: 4 }),
    ).rejects.toThrow(/409/);
    // Nothing of the batch is left; the candidate that held the id before is not touched.
    const left = await db.candidates.find().exec();
    expect(left.map((c) => c.firstName)).toEqual(['Bestaand']);
    expect(await db.notes.count().exec()).toBe(0);
    const [batch] = await listBatches(db);
    expect(batch).toMatchObject({ id: 'b2', status: 'undone' });
    expect(batch!.candidateIds).not.toContain(items[5]!.candidate.id);
  });
});
