import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '../app/session';
import * as databaseModule from '../db/database';
import { createDatabase, type RegiodeskDatabase } from '../db/database';
import { bindDayLog, dayLog, dayLogWritten, dayTotals, KEEP_DAYS, logAccepted, logMerges, logReceived, logRefused, localDay } from './daylog';
import { bindJournalPersistence, clearRejected, recordConflicts, recordRejected } from './journal';
import { bindProgressPersistence, countConflicts, countReceived, countRejected, countSent, cycleEnded, cycleStarted } from './progress';

const open: RegiodeskDatabase[] = [];
const names: string[] = [];
afterEach(async () => {
  await bindDayLog(null);
  while (open.length) await open.pop()!.close();
  // The last instance of each name removes the stored data.
  while (names.length) await (await openDb(names.pop()!, false)).remove();
});

async function openDb(name: string, keep = true): Promise<RegiodeskDatabase> {
  const db = await createDatabase(name, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), devMode: true, multiInstance: false });
  if (keep) open.push(db);
  return db;
}

let seq = 0;
async function fresh(): Promise<string> {
  const name = `test_daylog_${Date.now()}_${++seq}`;
  names.push(name);
  return name;
}

/** A new database instance on the same storage: what a reload of the page opens. */
async function reload(name: string, now: Date): Promise<RegiodeskDatabase> {
  await dayLogWritten();
  await bindDayLog(null);
  expect(dayLog.getState().days).toEqual([]);
  await open.pop()!.close();
  const db = await openDb(name);
  await bindDayLog(db, now);
  return db;
}

const DAY = '2026-11-26';
const at = (time: string) => new Date(`${DAY}T${time}`).toISOString(); // local time of the test's zone

describe('the sync day log (RxDB local documents)', () => {
  it('keeps the day\'s sessions, colleagues, merges and refusals across a reload, sealed', async () => {
    const name = await fresh();
    bindProgressPersistence(null, memoryStore());
    bindJournalPersistence(null, memoryStore());
    const db = await openDb(name);
    await bindDayLog(db, new Date(at('08:00:00')));

    cycleStarted(at('17:00:00'));
    countSent(2);
    countReceived('candidates', 'twente', [{ updatedBy: 'anna' }, { updatedBy: 'daan' }, { updatedBy: 'anna' }], at('17:00:01'));
    countReceived('notes', 'twente', [{ author: 'daan' }], at('17:00:01'));
    recordConflicts([{ docId: 'c1', collection: 'candidates', field: 'place', local: 'Hengelo', remote: 'Almelo', value: 'Almelo', winner: 'remote', at: at('17:00:02'), with: 'daan' }]);
    countConflicts(1);
    recordRejected({ docId: 'c2', collection: 'candidates', region: 'twente', error: 'forbidden', reason: 'phase: not allowed', at: at('17:00:03') });
    countRejected(1);
    cycleEnded(at('17:00:04'));

    const before = dayLog.getState().days;
    expect(before).toHaveLength(1);
    await dayLogWritten();
    // Sealed with the data key: a merged value is not readable in the stored local document.
    const raw = JSON.stringify((await db.getLocal(`sync-day-${DAY}`))?.toJSON());
    expect(raw).not.toContain('Hengelo');
    expect(raw).not.toContain('phase: not allowed');

    const db2 = await reload(name, new Date(at('18:00:00')));
    const [day] = dayLog.getState().days;
    expect(day).toEqual(before[0]);
    expect(day).toMatchObject({
      day: DAY,
      byColleague: { anna: { candidates: 2 }, daan: { candidates: 1, notes: 1 } },
      merges: [{ docId: 'c1', field: 'place', local: 'Hengelo', remote: 'Almelo', with: 'daan' }],
      refusals: [{ docId: 'c2', reason: 'phase: not allowed', acceptedAt: null }],
    });
    expect(dayTotals(day!)).toEqual({ sessions: 1, sent: 1, received: 4, conflicts: 1, rejected: 1 });

    // The corrected document goes through later: the refusal stays listed, marked, past a reload.
    clearRejected(['c2']);
    await reload(name, new Date(at('19:00:00')));
    expect(dayLog.getState().days[0]!.refusals[0]).toMatchObject({ docId: 'c2', acceptedAt: expect.any(String) });
    expect(db2.closed).toBe(true);
  });

  it('joins what was logged before the stored days were read, and a continued session replaces itself', async () => {
    const name = await fresh();
    bindProgressPersistence(null, memoryStore());
    const db = await openDb(name);
    await bindDayLog(db, new Date(at('08:00:00')));
    logReceived('candidates', ['anna'], at('09:00:00'));
    cycleStarted(at('09:00:00'));
    countSent(1);
    cycleEnded(at('09:00:01'));
    await dayLogWritten();
    await bindDayLog(null);
    await open.pop()!.close();

    const db2 = await openDb(name);
    const binding = bindDayLog(db2, new Date(at('10:00:00')));
    // Logged while the stored day is still being read.
    logReceived('candidates', ['anna', 'bram'], at('10:00:00'));
    await binding;
    expect(dayLog.getState().days[0]!.byColleague).toEqual({ anna: { candidates: 2 }, bram: { candidates: 1 } });

    // A live cycle within the session gap continues the 09:00 session: still one session.
    cycleStarted(at('09:00:10'));
    countSent(2);
    cycleEnded(at('09:00:11'));
    expect(dayLog.getState().days[0]!.sessions).toEqual([expect.objectContaining({ startedAt: at('09:00:00'), sent: 3 })]);
    await reload(name, new Date(at('11:00:00')));
    expect(dayLog.getState().days[0]).toMatchObject({ byColleague: { anna: { candidates: 2 }, bram: { candidates: 1 } }, sessions: [{ sent: 3 }] });
  });

  it(`keeps ${KEEP_DAYS} days: older ones are pruned from the store and from storage`, async () => {
    const name = await fresh();
    const db = await openDb(name);
    await bindDayLog(db, new Date('2026-11-10T12:00:00'));
    for (let d = 10; d <= 20; d++) {
      logRefused({ docId: `doc${d}`, collection: 'candidates', region: 'twente', error: 'forbidden', reason: `r${d}`, at: new Date(`2026-11-${d}T12:00:00`).toISOString() });
    }
    // Logging day 20 pruned days 10..13 in memory already.
    expect(dayLog.getState().days.map((d) => d.day)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16', '2026-11-15', '2026-11-14']);
    await dayLogWritten();
    expect(await db.getLocal('sync-day-2026-11-13')).toBeNull();
    expect(await db.getLocal('sync-day-2026-11-14')).not.toBeNull();

    // Two days later (nothing synced since), a reload prunes the two oldest of what is stored.
    const db2 = await reload(name, new Date('2026-11-22T08:00:00'));
    expect(dayLog.getState().days.map((d) => d.day)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16']);
    await dayLogWritten();
    expect(await db2.getLocal('sync-day-2026-11-15')).toBeNull();
    expect((await db2.getLocal<{ days: string[] }>('sync-days'))?.get('days')).toEqual(['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17', '2026-11-16']);
    expect(localDay(new Date('2026-11-22T08:00:00'))).toBe('2026-11-22');
  });
  it('two tabs on one database: each write merges with the stored day instead of overwriting it', async () => {
    const name = await fresh();
    const db = await openDb(name);
    // A second tab: its own day log (a second module instance, its own in-memory day) on the
    // same database and data key.
    vi.resetModules();
    vi.doMock('../db/database', () => databaseModule);
    const tab2 = await import('./daylog');
    vi.doUnmock('../db/database');
    expect(tab2.dayLog).not.toBe(dayLog);
    try {
      await bindDayLog(db, new Date(at('08:00:00')));
      await tab2.bindDayLog(db, new Date(at('08:00:00')));
      const refusal = { collection: 'candidates', region: 'twente', error: 'forbidden', reason: 'phase: not allowed' };
      // Tab 1 sees a refusal, tab 2 a merge and another refusal; tab 1 then a colleague's documents.
      logRefused({ ...refusal, docId: 'c1', at: at('09:00:00') });
      await dayLogWritten();
      tab2.logMerges([{ docId: 'c9', collection: 'candidates', field: 'place', local: 'Hengelo', remote: 'Almelo', value: 'Almelo', winner: 'remote', at: at('09:30:00'), with: 'daan' }]);
      tab2.logRefused({ ...refusal, docId: 'c2', at: at('09:40:00') });
      await tab2.dayLogWritten();
      // Tab 1 follows the stored day: tab 2's refusal shows before tab 1 writes again.
      await vi.waitFor(() => expect(dayLog.getState().days[0]!.refusals.map((r) => r.docId)).toEqual(['c2', 'c1']));
      logReceived('candidates', ['anna'], at('10:00:00'));
      logAccepted(['c1'], at('10:05:00'));
      await dayLogWritten();
      // The same merge seen by both tabs counts once.
      logMerges([{ docId: 'c9', collection: 'candidates', field: 'place', local: 'Hengelo', remote: 'Almelo', value: 'Almelo', winner: 'remote', at: at('09:30:00'), with: 'daan' }]);
      await dayLogWritten();

      // Tab 1 took tab 2's additions in when it wrote.
      const [mine] = dayLog.getState().days;
      expect(mine!.refusals.map((r) => [r.docId, r.acceptedAt])).toEqual([['c2', null], ['c1', at('10:05:00')]]);
      expect(mine!.merges.map((m) => m.docId)).toEqual(['c9']);

      // What is stored (read as a reload does): both tabs' events.
      await tab2.bindDayLog(null);
      await reload(name, new Date(at('11:00:00')));
      const [day] = dayLog.getState().days;
      expect(day!.refusals.map((r) => [r.docId, r.acceptedAt])).toEqual([['c2', null], ['c1', at('10:05:00')]]);
      expect(day!.merges.map((m) => m.docId)).toEqual(['c9']);
      expect(day!.byColleague).toEqual({ anna: { candidates: 1 } });
    } finally {
      await tab2.bindDayLog(null);
    }
  });
});
