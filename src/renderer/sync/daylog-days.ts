import type { ConflictEntry, RejectedEntry } from './journal';
import type { SyncSummary } from './progress';

/**
 * A day of the sync day log (daylog.ts) and the pure work on days: the calendar day of an instant,
 * the window of kept days, a day's totals, and the two ways days are joined (a stored day with
 * what was logged in memory before it was read; two tabs' versions of one day).
 */
export const KEEP_DAYS = 7;
export const MAX_MERGES = 300;
export const MAX_REFUSALS = 300;
export const MAX_SESSIONS = 100;

export interface DayRefusal extends RejectedEntry {
  /** When the server took the document after all (a corrected or resent version), else null. */
  acceptedAt: string | null;
}
/** One sync session's figures (its per-colleague counts are in the day's `byColleague`). */
export type DaySession = Omit<SyncSummary, 'byColleague'>;

export interface DayRecord {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  /** Oldest first. */
  sessions: DaySession[];
  byColleague: Record<string, Record<string, number>>;
  /** Newest first. */
  merges: ConflictEntry[];
  /** Newest first, one per document. */
  refusals: DayRefusal[];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day of an instant (a Dutch evening sync after 23:00 UTC is still today). */
export function localDay(at: string | Date): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The oldest day kept when `today` is today. */
export function oldestKept(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return localDay(new Date(y, m - 1, d - (KEEP_DAYS - 1), 12));
}

export const emptyDay = (day: string): DayRecord => ({ day, sessions: [], byColleague: {}, merges: [], refusals: [] });

export function prune(days: DayRecord[], today: string): DayRecord[] {
  const from = oldestKept(today);
  return days.filter((d) => d.day >= from).sort((a, b) => b.day.localeCompare(a.day));
}

export const sameMerge = (a: ConflictEntry, b: ConflictEntry) =>
  a.docId === b.docId && a.field === b.field && JSON.stringify([a.local, a.remote]) === JSON.stringify([b.local, b.remote]);

/** A day's totals over its sessions. */
export function dayTotals(d: DayRecord): { sessions: number; sent: number; received: number; conflicts: number; rejected: number } {
  return d.sessions.reduce(
    (t, s) => ({ sessions: t.sessions + 1, sent: t.sent + Math.max(0, s.sent - s.rejected), received: t.received + s.received, conflicts: t.conflicts + s.conflicts, rejected: t.rejected + s.rejected }),
    { sessions: 0, sent: 0, received: 0, conflicts: 0, rejected: 0 },
  );
}

/** A stored day joined with what happened in memory before it was read (both parts count). */
export function joinDays(stored: DayRecord, live: DayRecord): DayRecord {
  const by: DayRecord['byColleague'] = JSON.parse(JSON.stringify(stored.byColleague));
  for (const [w, m] of Object.entries(live.byColleague)) for (const [k, n] of Object.entries(m)) by[w] = { ...(by[w] ?? {}), [k]: (by[w]?.[k] ?? 0) + n };
  const liveStarts = new Set(live.sessions.map((s) => s.startedAt));
  return {
    day: stored.day,
    sessions: [...stored.sessions.filter((s) => !liveStarts.has(s.startedAt)), ...live.sessions].slice(-MAX_SESSIONS),
    byColleague: by,
    merges: [...live.merges, ...stored.merges.filter((m) => !live.merges.some((e) => sameMerge(m, e)))].slice(0, MAX_MERGES),
    refusals: [...live.refusals, ...stored.refusals.filter((r) => !live.refusals.some((e) => e.docId === r.docId))].slice(0, MAX_REFUSALS),
  };
}

/**
 * Two days of the same date joined as a union (another tab on the same database writes the same
 * local document): sessions by start, merges by document/field/values, refusals by document (the
 * later refusal wins; a correction mark is kept), counts per colleague and kind the larger of the
 * two (a tab's counts include what it adopted from the store, so adding would count twice).
 */
export function mergeDays(a: DayRecord, b: DayRecord): DayRecord {
  const by: DayRecord['byColleague'] = JSON.parse(JSON.stringify(a.byColleague));
  for (const [w, m] of Object.entries(b.byColleague)) for (const [k, n] of Object.entries(m)) by[w] = { ...(by[w] ?? {}), [k]: Math.max(by[w]?.[k] ?? 0, n) };
  const sessions = new Map<string, DaySession>();
  for (const s of [...a.sessions, ...b.sessions]) {
    const o = sessions.get(s.startedAt);
    if (!o || (s.endedAt ?? '') > (o.endedAt ?? '')) sessions.set(s.startedAt, s);
  }
  const merges = [...a.merges, ...b.merges.filter((m) => !a.merges.some((e) => sameMerge(m, e)))];
  const refusals = new Map<string, DayRefusal>();
  for (const r of [...a.refusals, ...b.refusals]) {
    const o = refusals.get(r.docId);
    if (!o || r.at > o.at) refusals.set(r.docId, o && o.at === r.at ? { ...r, acceptedAt: r.acceptedAt ?? o.acceptedAt } : r);
    else if (o.at === r.at && !o.acceptedAt && r.acceptedAt) refusals.set(r.docId, { ...o, acceptedAt: r.acceptedAt });
  }
  return {
    day: a.day,
    sessions: [...sessions.values()].sort((x, y) => x.startedAt.localeCompare(y.startedAt)).slice(-MAX_SESSIONS),
    byColleague: by,
    merges: merges.sort((x, y) => y.at.localeCompare(x.at)).slice(0, MAX_MERGES),
    refusals: [...refusals.values()].sort((x, y) => y.at.localeCompare(x.at)).slice(0, MAX_REFUSALS),
  };
}
