import { randomBytes } from 'node:crypto';
import { REGION_CODE } from '../../src/shared';
import type { Store, StoreDb } from '../store/types';

/**
 * The audit log: one internal database per region (`_regiodesk_audit_<region>`). Its name starts
 * with `_`, so no CouchDB route reaches it (access/guard.ts); it is written only through this
 * class, which only ever adds new documents, and read through `GET /_regiodesk/audit/<region>`.
 * Entries hold who, when, what kind of action and document ids — never field values or names,
 * so the log itself holds nothing that an erasure would have to remove.
 */
export const AUDIT_ACTIONS = ['viewed', 'exported', 'changed', 'erased', 'extended', 'retention'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  id: string;
  at: string;
  region: string;
  user: string | null;
  action: AuditAction;
  docIds?: string[];
  /** A short code-like description (`candidate-file`, `pdf`), never free text about a person. */
  what?: string;
  /** When the server got it, for a view the app reports later (it was offline): `at` is the app's. */
  receivedAt?: string;
}

export const auditDbName = (region: string) => `_regiodesk_audit_${region}`;
/** What the app may say about what was viewed: lower-case words, digits and `-:_.` only. */
export const AUDIT_WHAT = /^[a-z0-9][a-z0-9 :._-]{0,63}$/;

interface Queued {
  doc: Record<string, unknown> & { _id: string };
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Entries written per store write at most (a burst of appends is split into writes of this size). */
const AUDIT_BATCH = 1000;

export class AuditLog {
  private dbs = new Map<string, Promise<StoreDb>>();
  private queues = new Map<string, Queued[]>();
  private writing = new Set<string>();

  constructor(private readonly store: Store) {}

  private db(region: string): Promise<StoreDb> {
    if (!REGION_CODE.test(region)) throw new Error(`invalid region code: ${region}`);
    let p = this.dbs.get(region);
    if (!p) {
      p = (async () => {
        await this.store.create(auditDbName(region));
        const db = await this.store.open(auditDbName(region));
        if (!db) throw new Error('audit database missing');
        return db;
      })();
      this.dbs.set(region, p);
      p.catch(() => this.dbs.delete(region));
    }
    return p;
  }

  /**
   * Appends one entry; ids sort by time, so reading newest-first is a descending range read.
   * Resolves once the entry is stored. Group commit: entries appended while a write to the
   * region's log is under way (concurrent pushes, the intake's groups) go together into the next
   * single store write, so a busy server writes the log a few times a second instead of once per
   * request — each entry still names its own user, time and documents.
   */
  append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    if (!REGION_CODE.test(entry.region)) return Promise.reject(new Error(`invalid region code: ${entry.region}`));
    const at = entry.at ?? new Date().toISOString();
    const id = `${at}:${randomBytes(6).toString('hex')}`;
    const full: AuditEntry = { ...entry, id, at };
    const { id: _id, ...body } = full;
    return new Promise<AuditEntry>((resolve, reject) => {
      let q = this.queues.get(entry.region);
      if (!q) this.queues.set(entry.region, (q = []));
      q.push({ doc: { _id: id, ...body }, resolve: () => resolve(full), reject });
      if (!this.writing.has(entry.region)) void this.flush(entry.region);
    });
  }

  private async flush(region: string): Promise<void> {
    this.writing.add(region);
    const q = this.queues.get(region)!;
    try {
      while (q.length > 0) {
        const batch = q.splice(0, AUDIT_BATCH);
        try {
          const results = await (await this.db(region)).bulkDocs(
            batch.map((e) => e.doc),
            true,
          );
          batch.forEach((e, i) => {
            const r = results[i];
            if (r && 'ok' in r) e.resolve();
            else e.reject(new Error('could not write the audit log'));
          });
        } catch (err) {
          for (const e of batch) e.reject(err);
        }
      }
    } finally {
      this.writing.delete(region);
    }
  }

  /**
   * Removes the region's entries from before `cutoff` (an ISO date-time): entry ids begin with
   * their time, so they are one range. Purged, not deleted, so their content leaves the store
   * (the store's compaction then frees the disk). Returns how many entries went.
   */
  async trim(region: string, cutoff: string, chunk = 500): Promise<number> {
    const db = await this.db(region);
    let n = 0;
    for (;;) {
      const res = (await db.allDocs({ startkey: '0', endkey: cutoff, inclusive_end: false, limit: chunk })) as { rows: { id: string }[] };
      const ids = res.rows.map((r) => r.id).filter((id) => !id.startsWith('_'));
      if (ids.length === 0) return n;
      const purged = await db.purge(Object.fromEntries(ids.map((id) => [id, ['*']])));
      const gone = Object.values(purged).filter((revs) => revs.length > 0).length;
      n += gone;
      if (gone === 0) return n; // nothing more could go: do not loop on it
    }
  }

  /** The regions that have an audit log. */
  async regions(): Promise<string[]> {
    const prefix = auditDbName('');
    return (await this.store.list()).filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length)).filter((r) => REGION_CODE.test(r));
  }

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async list(region: string, opts: { limit: number; before?: string }): Promise<{ entries: AuditEntry[]; next: string | null }> {
    const db = await this.db(region);
    const res = (await db.allDocs({
      include_docs: true,
      descending: true,
      limit: opts.limit + 1,
      ...(opts.before ? { startkey: opts.before, skip: 1 } : {}),
    })) as { rows: { id: string; doc: Record<string, unknown> }[] };
    const rows = res.rows.filter((r) => !r.id.startsWith('_'));
    const page = rows.slice(0, opts.limit).map((r) => {
      const { _id, _rev, ...rest } = r.doc;
      return { id: String(_id), ...(rest as Omit<AuditEntry, 'id'>) };
    });
    return { entries: page, next: rows.length > opts.limit ? page[page.length - 1]!.id : null };
  }
}
