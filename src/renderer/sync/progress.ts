import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { browserStore, type KeyValueStore } from '../app/session';
import { logReceived, logSession } from './daylog';

/** How far the pull of one kind of document is (over all the user's regions). */
export interface KindProgress {
  /** Documents of this kind received in this cycle. */
  received: number;
  /** Changes read from the regions' feeds in this cycle (all kinds) and still to read there. */
  read: number;
  pending: number;
}

/** What one sync cycle did (from the first replication becoming active to the last going idle). */
export interface SyncSummary {
  startedAt: string;
  endedAt: string | null;
  sent: number;
  received: number;
  /** Fields merged because two people changed them. */
  conflicts: number;
  /** Documents the server refused in this cycle. */
  rejected: number;
  /** Documents received, by who last changed them (`updatedBy`, else author/creator), per kind. */
  byColleague: Record<string, Record<string, number>>;
}

export interface ProgressState {
  /** Per collection (`candidates`, `notes` …), keyed by region inside. */
  kinds: Record<string, Record<string, KindProgress>>;
  current: SyncSummary | null;
  last: SyncSummary | null;
  /** What came in today per colleague (supervisor's end of day), for `day`. */
  today: { day: string; byColleague: Record<string, Record<string, number>> };
}

const dayOf = (iso: string) => iso.slice(0, 10);
const emptySummary = (at: string): SyncSummary => ({ startedAt: at, endedAt: null, sent: 0, received: 0, conflicts: 0, rejected: 0, byColleague: {} });

export const progress = createStore<ProgressState>(() => ({
  kinds: {},
  current: null,
  last: null,
  today: { day: dayOf(new Date().toISOString()), byColleague: {} },
}));

export function useProgress<T>(select: (s: ProgressState) => T): T {
  return useStore(progress, select);
}

/**
 * Live sync runs in short cycles (the push of one edit, the pull of a colleague's, the echo of a
 * merge). A cycle that starts within this time of the last one's end continues its summary, so
 * an end-of-day sync is one summary, not its last small cycle.
 */
export const SESSION_GAP_MS = 30_000;

const isEmpty = (c: SyncSummary) => c.sent === 0 && c.received === 0 && c.conflicts === 0 && c.rejected === 0;

export function cycleStarted(at = new Date().toISOString()): void {
  progress.setState((s) => {
    const last = s.last;
    const continues = last?.endedAt != null && Date.parse(at) - Date.parse(last.endedAt) <= SESSION_GAP_MS;
    return { current: continues ? { ...last, endedAt: null } : emptySummary(at), kinds: {} };
  });
}

export function cycleEnded(at = new Date().toISOString()): void {
  progress.setState((s) => {
    if (!s.current) return s;
    // A cycle that did nothing (a live feed's idle round) does not replace what the last one did.
    if (isEmpty(s.current) && s.last) return { current: null };
    return { current: null, last: { ...s.current, endedAt: at } };
  });
  const { last } = progress.getState();
  // The day's record (daylog.ts) keeps every session that did something, past a reload.
  if (last?.endedAt === at && !isEmpty(last)) logSession(last);
}

function bumpCurrent(patch: (c: SyncSummary) => Partial<SyncSummary>): void {
  progress.setState((s) => {
    const current = s.current ?? emptySummary(new Date().toISOString());
    return { current: { ...current, ...patch(current) } };
  });
}

export function countSent(n = 1): void {
  bumpCurrent((c) => ({ sent: c.sent + n }));
}

export function countRejected(n: number): void {
  bumpCurrent((c) => ({ rejected: c.rejected + n }));
}

export function countConflicts(n: number): void {
  bumpCurrent((c) => ({ conflicts: c.conflicts + n }));
}

/** Who a received document came from. */
export function colleagueOf(doc: Record<string, unknown>): string {
  for (const k of ['updatedBy', 'author', 'createdBy']) if (typeof doc[k] === 'string' && doc[k]) return doc[k] as string;
  return '?';
}

const addTo = (m: Record<string, Record<string, number>>, who: string, kind: string) => ({
  ...m,
  [who]: { ...(m[who] ?? {}), [kind]: (m[who]?.[kind] ?? 0) + 1 },
});

/** Documents of `collection` received from `region` (one call per batch, not per document). */
export function countReceived(collection: string, region: string, docs: Record<string, unknown>[], at = new Date().toISOString()): void {
  if (docs.length === 0) return;
  logReceived(collection, docs.map(colleagueOf), at);
  progress.setState((s) => {
    const current = s.current ?? emptySummary(at);
    const day = dayOf(at);
    let cur = current.byColleague;
    let tod = s.today.day === day ? s.today.byColleague : {};
    for (const d of docs) {
      const who = colleagueOf(d);
      cur = addTo(cur, who, collection);
      tod = addTo(tod, who, collection);
    }
    const kind = s.kinds[collection] ?? {};
    const p = kind[region] ?? { received: 0, read: 0, pending: 0 };
    return {
      current: { ...current, received: current.received + docs.length, byColleague: cur },
      today: { day, byColleague: tod },
      kinds: { ...s.kinds, [collection]: { ...kind, [region]: { ...p, received: p.received + docs.length } } },
    };
  });
}

/** A raw `_changes` page read by the pull of `collection` from `region`. */
export function pageRead(collection: string, region: string, rows: number, pending: number | undefined): void {
  progress.setState((s) => {
    const kind = s.kinds[collection] ?? {};
    const p = kind[region] ?? { received: 0, read: 0, pending: 0 };
    return { kinds: { ...s.kinds, [collection]: { ...kind, [region]: { ...p, read: p.read + rows, pending: pending ?? 0 } } } };
  });
}

/** Per kind over all regions: received, and the fraction of the feed read (1 when nothing is left). */
export function kindTotals(s: ProgressState): { collection: string; received: number; fraction: number; pending: number }[] {
  return Object.entries(s.kinds)
    .map(([collection, regions]) => {
      const all = Object.values(regions);
      const read = all.reduce((n, p) => n + p.read, 0);
      const pending = all.reduce((n, p) => n + p.pending, 0);
      const received = all.reduce((n, p) => n + p.received, 0);
      return { collection, received, pending, fraction: read + pending === 0 ? 1 : read / (read + pending) };
    })
    .sort((a, b) => a.collection.localeCompare(b.collection));
}

/** The last summary and today's per-colleague counts survive a reload, per local database. */
let key: string | null = null;
let kv: KeyValueStore = browserStore('local');

export function bindProgressPersistence(dbName: string | null, store: KeyValueStore = browserStore('local')): void {
  key = dbName ? `regiodesk.progress.${dbName}` : null;
  kv = store;
  let saved: Partial<ProgressState> = {};
  if (key) {
    try {
      saved = JSON.parse(kv.getItem(key) ?? '{}') as Partial<ProgressState>;
    } catch {
      saved = {};
    }
  }
  const day = dayOf(new Date().toISOString());
  progress.setState({
    kinds: {},
    current: null,
    last: saved.last ?? null,
    today: saved.today && saved.today.day === day ? saved.today : { day, byColleague: {} },
  });
}

progress.subscribe((s, prev) => {
  if (!key || (s.last === prev.last && s.today === prev.today)) return;
  try {
    kv.setItem(key, JSON.stringify({ last: s.last, today: s.today }));
  } catch {
    /* storage full: kept in memory */
  }
});
