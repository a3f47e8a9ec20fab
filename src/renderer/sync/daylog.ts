import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RegiodeskDatabase } from '../db/database';
import { dataKeyOf } from '../db/database';
import { open, seal } from '../db/cipher';
import type { ConflictEntry, RejectedEntry } from './journal';
import type { SyncSummary } from './progress';
import { emptyDay, joinDays, localDay, MAX_MERGES, MAX_REFUSALS, MAX_SESSIONS, mergeDays, oldestKept, prune, sameMerge, type DayRecord } from './daylog-days';

export { dayTotals, KEEP_DAYS, localDay, mergeDays, oldestKept } from './daylog-days';
export type { DayRecord, DayRefusal, DaySession } from './daylog-days';

/**
 * The sync summary per day on this device: the sync sessions, what came in per colleague, the
 * merged fields and the documents the server refused (and whether it took them later). Kept in
 * RxDB local documents of the user's database (never replicated, no collection of their own:
 * the 13-collection budget), one per day, sealed with the data key like the personal fields
 * (a merge lists field values). Survives a reload, a crash, a closed lid; KEEP_DAYS days.
 */
export interface DayLogState {
  /** Newest day first, at most KEEP_DAYS days back from today. */
  days: DayRecord[];
}

export const dayLog = createStore<DayLogState>(() => ({ days: [] }));

export function useDayLog<T>(select: (s: DayLogState) => T): T {
  return useStore(dayLog, select);
}

/** Changes the record of `day` (made when missing), pruning days that fell out of the window. */
function updateDay(day: string, change: (d: DayRecord) => DayRecord): void {
  dayLog.setState((s) => {
    const found = s.days.find((d) => d.day === day);
    const next = change(found ?? emptyDay(day));
    if (next === found) return s;
    const today = s.days[0] && s.days[0].day > day ? s.days[0].day : day;
    return { days: prune([next, ...s.days.filter((d) => d !== found)], today) };
  });
}

/** Documents received from colleagues (`who` per document) of one kind. */
export function logReceived(collection: string, who: string[], at = new Date().toISOString()): void {
  if (who.length === 0) return;
  updateDay(localDay(at), (d) => {
    const by = { ...d.byColleague };
    for (const w of who) by[w] = { ...(by[w] ?? {}), [collection]: (by[w]?.[collection] ?? 0) + 1 };
    return { ...d, byColleague: by };
  });
}

/** Fields merged (each entry carries its own time). */
export function logMerges(entries: ConflictEntry[]): void {
  const byDay = new Map<string, ConflictEntry[]>();
  for (const e of entries) byDay.set(localDay(e.at), [...(byDay.get(localDay(e.at)) ?? []), e]);
  for (const [day, list] of byDay) {
    updateDay(day, (d) => {
      const fresh = list.filter((e) => !d.merges.some((m) => sameMerge(m, e)));
      return fresh.length === 0 ? d : { ...d, merges: [...fresh, ...d.merges].slice(0, MAX_MERGES) };
    });
  }
}

/** A document the server refused, with its reason. */
export function logRefused(entry: RejectedEntry): void {
  updateDay(localDay(entry.at), (d) => ({
    ...d,
    refusals: [{ ...entry, acceptedAt: null }, ...d.refusals.filter((r) => r.docId !== entry.docId)].slice(0, MAX_REFUSALS),
  }));
}

/** The server took these documents after all: their refusals (any day) are marked corrected. */
export function logAccepted(docIds: string[], at = new Date().toISOString()): void {
  if (docIds.length === 0) return;
  const ids = new Set(docIds);
  dayLog.setState((s) => {
    let changed = false;
    const days = s.days.map((d) => {
      if (!d.refusals.some((r) => ids.has(r.docId) && !r.acceptedAt)) return d;
      changed = true;
      return { ...d, refusals: d.refusals.map((r) => (ids.has(r.docId) && !r.acceptedAt ? { ...r, acceptedAt: at } : r)) };
    });
    return changed ? { days } : s;
  });
}

/** A sync session's figures when it ends (a session continued over live cycles replaces itself). */
export function logSession(summary: SyncSummary): void {
  const { byColleague: _by, ...session } = summary;
  updateDay(localDay(summary.endedAt ?? summary.startedAt), (d) => ({
    ...d,
    sessions: [...d.sessions.filter((x) => x.startedAt !== session.startedAt), session].slice(-MAX_SESSIONS),
  }));
}

// ---- persistence: RxDB local documents ----

const INDEX = 'sync-days';
const keyOf = (day: string) => `sync-day-${day}`;
/** A stored day: sealed with the data key, or plain when the database has no data key. */
type Stored = { sealed?: string; record?: DayRecord };

interface Binding {
  db: RegiodeskDatabase;
  key: Uint8Array | undefined;
  loaded: boolean;
  dirty: Set<string>;
  removed: Set<string>;
  flushing: Promise<void> | null;
  again: boolean;
  /** Set while days written by another tab are taken in (they need no write). */
  adopting: boolean;
  /** Stops following today's stored day (written by another tab). */
  stop?: () => void;
}
let binding: Binding | null = null;

function readDay(b: Binding, sealed: unknown, record: unknown, day: string): DayRecord | null {
  try {
    if (typeof sealed === 'string') {
      if (!b.key) return null;
      return JSON.parse(open(b.key, sealed, keyOf(day))) as DayRecord;
    }
    return (record as DayRecord | undefined) ?? null;
  } catch {
    return null; // damaged or another key: the day starts again
  }
}

const storedOf = (b: Binding, d: DayRecord): Stored => (b.key ? { sealed: seal(b.key, JSON.stringify(d), keyOf(d.day)) } : { record: d });

/**
 * Writes one day merged with what is stored (another tab's additions are kept), retrying on a
 * write conflict (RxDB's incrementalModify re-runs the change on the newest version). Returns
 * the day as written.
 */
async function writeDay(b: Binding, d: DayRecord): Promise<DayRecord> {
  for (let attempt = 0; ; attempt++) {
    const doc = await b.db.getLocal<Stored>(keyOf(d.day));
    if (doc) {
      let written = d;
      await doc.incrementalModify((data) => {
        const stored = readDay(b, data.sealed, data.record, d.day);
        written = stored ? mergeDays(d, stored) : d;
        return storedOf(b, written);
      });
      return written;
    }
    try {
      await b.db.insertLocal(keyOf(d.day), storedOf(b, d));
      return d;
    } catch (e) {
      if (attempt >= 3) throw e; // inserted by another tab meanwhile: merge with it
    }
  }
}

/** Takes days written by another tab into the store without marking them to be written again. */
function adopt(b: Binding, merged: DayRecord[]): void {
  if (binding !== b || merged.length === 0) return;
  b.adopting = true;
  try {
    dayLog.setState((s) => {
      let changed = false;
      const days = s.days.map((d) => {
        const m = merged.find((x) => x.day === d.day);
        if (!m) return d;
        const next = mergeDays(d, m);
        if (JSON.stringify(next) === JSON.stringify(d)) return d;
        changed = true;
        return next;
      });
      // A day only the other tab has logged so far (today's first event was there).
      const from = days[0] ? oldestKept(days[0].day) : '';
      for (const m of merged) if (!days.some((d) => d.day === m.day) && m.day >= from) (days.push(m), (changed = true));
      return changed ? { days: days.sort((x, y) => y.day.localeCompare(x.day)) } : s;
    });
  } finally {
    b.adopting = false;
  }
}

async function writeOut(b: Binding, days = dayLog.getState().days): Promise<void> {
  const dirty = [...b.dirty];
  const removed = [...b.removed];
  const written: DayRecord[] = [];
  for (const day of dirty) {
    // Taken off the list before the write: a change while it is written marks the day again.
    b.dirty.delete(day);
    const d = days.find((x) => x.day === day);
    if (!d) continue;
    try {
      written.push(await writeDay(b, d));
    } catch (e) {
      b.dirty.add(day);
      throw e;
    }
  }
  adopt(b, written);
  for (const day of removed) {
    await (await b.db.getLocal(keyOf(day)))?.remove();
    b.removed.delete(day);
  }
  if (dirty.length || removed.length) {
    const mine = days.map((d) => d.day);
    const from = mine[0] ? oldestKept(mine[0]) : '';
    const union = (stored: string[] | undefined) =>
      [...new Set([...mine, ...(stored ?? [])])].filter((x) => mine.includes(x) || (x >= from && !removed.includes(x))).sort().reverse();
    const index = await b.db.getLocal<{ days: string[] }>(INDEX);
    if (index) await index.incrementalModify((data) => ({ days: union(data.days) }));
    else await b.db.upsertLocal(INDEX, { days: union(undefined) });
  }
}

/** Writes the changed days; one write at a time, changes meanwhile go in the next. */
function flush(b: Binding): Promise<void> {
  if (b.flushing) {
    b.again = true;
    return b.flushing;
  }
  b.flushing = (async () => {
    try {
      do {
        b.again = false;
        if (b.db.closed || binding !== b) return;
        await writeOut(b);
      } while (b.again || b.dirty.size || b.removed.size);
    } catch {
      /* closed meanwhile, or storage full: the day stays in memory */
    } finally {
      b.flushing = null;
    }
  })();
  return b.flushing;
}

dayLog.subscribe((s, prev) => {
  const b = binding;
  if (!b || !b.loaded || b.adopting) return;
  for (const d of s.days) if (!prev.days.includes(d)) b.dirty.add(d.day);
  for (const d of prev.days) if (!s.days.some((x) => x.day === d.day)) b.removed.add(d.day);
  if (b.dirty.size || b.removed.size) void Promise.resolve().then(() => flush(b));
});

/**
 * Binds the day log to the user's database (null: logged out). Reads the kept days, joins what
 * was logged in memory meanwhile, prunes days older than KEEP_DAYS and writes back. Resolves
 * when the kept days are in the store.
 */
export async function bindDayLog(db: RegiodeskDatabase | null, now: Date = new Date()): Promise<void> {
  if (!db) {
    // Logging out: what was logged last is written before the database closes.
    const b = binding;
    const days = dayLog.getState().days;
    b?.stop?.();
    binding = null;
    dayLog.setState({ days: [] });
    if (b?.loaded && (b.dirty.size || b.removed.size) && !b.db.closed) {
      await b.flushing;
      await writeOut(b, days).catch(() => undefined);
    }
    return;
  }
  if (binding?.db === db) return;
  binding?.stop?.();
  const b: Binding = { db, key: dataKeyOf(db), loaded: false, dirty: new Set(), removed: new Set(), flushing: null, again: false, adopting: false };
  binding = b;
  dayLog.setState({ days: [] });
  let storedDays: string[] = [];
  const stored: DayRecord[] = [];
  try {
    storedDays = ((await db.getLocal<{ days: string[] }>(INDEX))?.get('days') as string[] | undefined) ?? [];
    for (const day of storedDays) {
      const doc = await db.getLocal<Stored>(keyOf(day));
      const d = doc ? readDay(b, doc.get('sealed'), doc.get('record'), day) : null;
      if (d) stored.push(d);
    }
  } catch {
    /* unreadable: start with what is in memory */
  }
  if (binding !== b) return;
  const today = localDay(now);
  const live = dayLog.getState().days;
  const joined = stored.map((d) => {
    const l = live.find((x) => x.day === d.day);
    return l ? joinDays(d, l) : d;
  });
  const all = prune([...joined, ...live.filter((l) => !stored.some((d) => d.day === l.day))], today > (live[0]?.day ?? '') ? today : live[0]!.day);
  b.loaded = true;
  for (const d of live) b.dirty.add(d.day);
  for (const day of storedDays) if (!all.some((d) => d.day === day)) b.removed.add(day);
  dayLog.setState({ days: all });
  // Another tab on the same database writes today's record: its additions show here too.
  const sub = db.getLocal$<Stored>(keyOf(today)).subscribe((doc) => {
    const d = doc ? readDay(b, doc.get('sealed'), doc.get('record'), today) : null;
    if (d) adopt(b, [d]);
  });
  b.stop = () => sub.unsubscribe();
  if (b.dirty.size || b.removed.size) await flush(b);
}

/** Waits until the changes so far are written (tests; logging out). */
export async function dayLogWritten(): Promise<void> {
  await Promise.resolve();
  const b = binding;
  if (b && (b.dirty.size || b.removed.size)) await flush(b);
  else if (b?.flushing) await b.flushing;
}
