import { deepEqual } from '../../shared';
import type { ChangesRow } from './kind-fetch';

/**
 * Documents this replication pushed come back in its own pull (the server's `_changes` lists
 * every write, ours too). RxDB then reads each one's local state and its replication meta
 * document (both decrypted), finds them equal and writes nothing: in an end-of-day sync in
 * Chromium that was a second pass over the day's 2,000 edits, after the push, on the page's main
 * thread and IndexedDB (npm run bench:sync-browser, b's time line).
 *
 * This remembers, from each `_bulk_docs`, the body sent for every document the server took and
 * the revision it answered, and drops a pulled row only when it is that revision with that body:
 * then the server holds exactly what this laptop holds (no one wrote it since, or the feed would
 * list a later revision), so RxDB would have done nothing with it. Anything else — another
 * revision, a different body, a deletion — goes to RxDB as before.
 *
 * Only rows of a page shorter than the batch RxDB asked for are dropped (RxDB takes a short batch
 * for the feed's end; a full one shortened would look like the end and skip the rest), and the
 * page's last row is always kept, so RxDB stores the pull's checkpoint as before.
 */
export class PushedEchoes {
  private pushed = new Map<string, { rev: string; body: Record<string, unknown> }>();

  /**
   * At most this many remembered documents, the oldest first out (they are only an optimisation):
   * two push batches. A large push (an import) comes back in full pages, whose rows are never
   * dropped, so its bodies would otherwise stay in memory (≈ 1.5 KB a candidate) until evicted.
   */
  constructor(private readonly max = 4_000) {}

  get size(): number {
    return this.pushed.size;
  }

  /** After a `_bulk_docs`: the documents sent and the server's answer rows. */
  remember(sent: Record<string, unknown>[], answer: { id: string; ok?: boolean; rev?: string; error?: string }[]): void {
    const byId = new Map<string, Record<string, unknown>>();
    for (const d of sent) if (typeof d._id === 'string') byId.set(d._id, d);
    for (const r of answer) {
      const body = byId.get(r.id);
      if (!body || r.error || !r.rev || body._deleted === true) continue;
      this.pushed.delete(r.id); // re-inserted last: the Map's order is the age
      this.pushed.set(r.id, { rev: r.rev, body });
    }
    while (this.pushed.size > this.max) this.pushed.delete(this.pushed.keys().next().value!);
  }

  /**
   * The rows RxDB must see of a page it asked `limit` rows for: our own unchanged writes are
   * left out, except in a full page and except the last row.
   */
  drop(rows: ChangesRow[], limit: number): ChangesRow[] {
    if (this.pushed.size === 0 || rows.length === 0 || (limit > 0 && rows.length >= limit)) return rows;
    const last = rows[rows.length - 1]!;
    const out: ChangesRow[] = [];
    for (const row of rows) {
      if (row !== last && this.isEcho(row)) {
        this.pushed.delete(row.id);
        continue;
      }
      out.push(row);
    }
    return out;
  }

  private isEcho(row: ChangesRow): boolean {
    const mine = this.pushed.get(row.id);
    const doc = row.doc;
    if (!mine || !doc || doc._deleted === true || row.deleted === true) return false;
    const rev = typeof doc._rev === 'string' ? doc._rev : revOfRow(row);
    return rev === mine.rev && sameBody(doc, mine.body);
  }
}

/** The revision a `_changes` row names (a document in RxDB's shape carries no `_rev`). */
function revOfRow(row: ChangesRow): string | undefined {
  const changes = row.changes as { rev?: string }[] | undefined;
  return Array.isArray(changes) ? changes[0]?.rev : undefined;
}

/** Same fields apart from CouchDB's bookkeeping (`_id`, `_rev`, …) and the primary key's name. */
function sameBody(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let inA = 0;
  for (const k of Object.keys(a)) {
    if (k.startsWith('_') || k === 'id' || a[k] === undefined) continue;
    inA++;
    if (!deepEqual(a[k], b[k])) return false;
  }
  let inB = 0;
  for (const k of Object.keys(b)) if (!k.startsWith('_') && k !== 'id' && b[k] !== undefined) inB++;
  return inA === inB;
}
