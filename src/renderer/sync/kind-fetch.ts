import { CHANGES_SHAPE_PARAM } from '../../shared';
/**
 * The fetch one replication (one kind of document × one region database) talks through. A region
 * database holds every kind, while each RxDB collection holds one, so the `_changes` answers are
 * narrowed here to the collection's kind, keeping CouchDB's paging contract: RxDB stops pulling
 * when a batch has fewer documents than it asked for, so a batch is filled from further pages
 * until it is full or the feed ends, and `last_seq` is the sequence of the last row handed on.
 */
export interface ChangesRow {
  seq: unknown;
  id: string;
  doc?: Record<string, unknown>;
  deleted?: boolean;
  [k: string]: unknown;
}

export interface ChangesPage {
  results: ChangesRow[];
  last_seq: unknown;
  pending?: number;
}

export interface KindFilter {
  /** The `type` of the documents this collection holds. */
  type: string;
  /** Which of these ids the local collection holds (bare deletion stubs carry no type). */
  knownIds(ids: string[]): Promise<Set<string>>;
}

/**
 * The server-side narrowing (`_changes?filter=_selector`): documents of the kind, and bare
 * deletion stubs (no `type`), which only the client can place (knownIds). The server then sends
 * one kind instead of all of the region's; the client-side filter below stays as the guard.
 */
export function kindSelector(type: string): Record<string, unknown> {
  return { $or: [{ type }, { type: { $exists: false } }] };
}

/** Adds the kind's selector to a `_changes` URL. */
export function withKindSelector(url: string, type: string): string {
  const u = new URL(url);
  u.searchParams.set('filter', '_selector');
  u.searchParams.set('selector', JSON.stringify(kindSelector(type)));
  return u.toString();
}

/**
 * Asks the server for the documents in RxDB's shape (`"doc":{"id":…}`, no `_id`, no `_rev`;
 * sync-server/couch/changes-text.ts). RxDB's CouchDB pull renames `_id` and deletes `_rev` on a
 * copy of every pulled document, which makes V8 hold the copy as a slow dictionary object; in
 * RxDB's shape it copies them as they are (README, "Eighth round"). A server that does not know
 * the parameter sends CouchDB's shape, which the pull takes as before: nothing here reads a
 * document's `_id` or `_rev` (rows carry `id`; the kind filter reads `doc.type`).
 */
export function withRxShape(url: string): string {
  const u = new URL(url);
  u.searchParams.set(CHANGES_SHAPE_PARAM, 'rx');
  return u.toString();
}

/** Whether a row belongs to the collection; null when it is a bare stub (decided by knownIds). */
function belongs(row: ChangesRow, type: string): boolean | null {
  const t = row.doc?.type;
  if (typeof t === 'string') return t === type;
  return null;
}

export async function filterPage(page: ChangesPage, filter: KindFilter): Promise<ChangesRow[]> {
  const unknown = page.results.filter((r) => belongs(r, filter.type) === null).map((r) => r.id);
  const known = unknown.length ? await filter.knownIds(unknown) : new Set<string>();
  return page.results.filter((r) => belongs(r, filter.type) ?? known.has(r.id));
}

/**
 * Reads `_changes` pages from `url` (feed=normal, with `limit`) until `limit` rows of the kind are
 * collected or the feed ends; `onPage` sees every raw page (progress). Never returns a short
 * batch before the feed's end: RxDB would take it for the end and continue live from `now`.
 */
export async function readKindChanges(
  get: (url: string) => Promise<ChangesPage>,
  url: string,
  filter: KindFilter,
  onPage?: (page: ChangesPage) => void,
): Promise<ChangesPage> {
  const u = new URL(url);
  const limit = Number(u.searchParams.get('limit') ?? '0') || 0;
  const out: ChangesRow[] = [];
  let lastSeq: unknown = u.searchParams.get('since') ?? 0;
  let pending: number | undefined;
  for (;;) {
    const page = await get(u.toString());
    onPage?.(page);
    pending = page.pending;
    const rows = await filterPage(page, filter);
    if (limit > 0 && out.length + rows.length >= limit) {
      // Full: stop at the row that fills the batch; the rest comes with the next call.
      const take = rows.slice(0, limit - out.length);
      out.push(...take);
      const last = take[take.length - 1]!;
      const cut = page.results.indexOf(last);
      const rest = page.results.length - cut - 1;
      return {
        results: out,
        last_seq: last.seq,
        ...(pending !== undefined ? { pending: pending + rest } : {}),
      };
    }
    out.push(...rows);
    lastSeq = page.last_seq;
    const end = limit <= 0 || page.results.length < limit;
    if (end) {
      return { results: out, last_seq: lastSeq, ...(pending !== undefined ? { pending } : {}) };
    }
    u.searchParams.set('since', typeof lastSeq === 'string' ? lastSeq : JSON.stringify(lastSeq));
  }
}
