import { describe, expect, it } from 'vitest';
import { memoryStore } from '../app/session';
import { bindProgressPersistence, countConflicts, countReceived, countRejected, countSent, cycleEnded, cycleStarted, kindTotals, pageRead, progress } from './progress';
import { isQuotaError, noteStorageError, storageState } from './storage';

describe('sync progress and summary', () => {
  it('counts per kind and per colleague, and keeps the last summary and today across a reload', () => {
    const kv = memoryStore();
    bindProgressPersistence('db1', kv);
    cycleStarted('2026-11-25T08:00:00.000Z');
    pageRead('candidates', 'twente', 200, 600);
    countReceived('candidates', 'twente', [{ updatedBy: 'anna' }, { updatedBy: 'daan' }, { updatedBy: 'anna' }], '2026-11-25T08:00:01.000Z');
    countReceived('notes', 'twente', [{ author: 'daan' }], '2026-11-25T08:00:01.000Z');
    countSent(3);
    countRejected(1);
    const [cand] = kindTotals(progress.getState());
    expect(cand).toMatchObject({ collection: 'candidates', received: 3, pending: 600, fraction: 0.25 });
    cycleEnded('2026-11-25T08:00:02.000Z');
    const last = progress.getState().last!;
    expect(last).toMatchObject({ sent: 3, rejected: 1, received: 4, byColleague: { anna: { candidates: 2 }, daan: { candidates: 1, notes: 1 } } });

    bindProgressPersistence('db1', kv);
    expect(progress.getState().last).toEqual(last);
  });
});

describe('the summary of a sync session', () => {
  it('continues over live cycles close together, and an idle cycle does not replace it', () => {
    bindProgressPersistence('db2', memoryStore());
    // The end-of-day sync as live sync runs it: the push (with a merge), the pull, the merge's echo.
    cycleStarted('2026-11-25T17:00:00.000Z');
    countSent(2);
    countConflicts(1);
    cycleEnded('2026-11-25T17:00:01.000Z');
    cycleStarted('2026-11-25T17:00:02.000Z');
    countReceived('candidates', 'twente', [{ updatedBy: 'anna' }], '2026-11-25T17:00:02.500Z');
    cycleEnded('2026-11-25T17:00:03.000Z');
    cycleStarted('2026-11-25T17:00:04.000Z');
    cycleEnded('2026-11-25T17:00:05.000Z');
    expect(progress.getState().last).toMatchObject({ startedAt: '2026-11-25T17:00:00.000Z', endedAt: '2026-11-25T17:00:05.000Z', sent: 2, conflicts: 1, received: 1 });
    // An hour later a live round that moved nothing leaves the summary as it was.
    cycleStarted('2026-11-25T18:00:00.000Z');
    cycleEnded('2026-11-25T18:00:01.000Z');
    expect(progress.getState().last).toMatchObject({ startedAt: '2026-11-25T17:00:00.000Z', sent: 2, conflicts: 1, received: 1 });
    // A later sync that does something starts a new summary.
    cycleStarted('2026-11-25T18:10:00.000Z');
    countSent(1);
    cycleEnded('2026-11-25T18:10:01.000Z');
    expect(progress.getState().last).toMatchObject({ startedAt: '2026-11-25T18:10:00.000Z', sent: 1, conflicts: 0, received: 0 });
  });
});

describe('storage quota', () => {
  it('recognises a full disk however deep the storage layers wrap it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: 'RxError', message: 'write failed', parameters: { error: { inner: quota } } })).toBe(true);
    expect(isQuotaError(new Error('HTTP 500'))).toBe(false);
    storageState.setState({ full: false });
    expect(noteStorageError(new Error('HTTP 500'))).toBe(false);
    expect(noteStorageError({ cause: quota })).toBe(true);
    expect(storageState.getState().full).toBe(true);
  });
});
