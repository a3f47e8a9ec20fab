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

export class AuditLog {
  private dbs = new Map<string, Promise<StoreDb>>();

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

  /** Appends one entry; ids sort by time, so reading newest-first is a descending range read. */
  async append(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const at = entry.at ?? new Date().toISOString();
    const id = `${at}:${randomBytes(6).toString('hex')}`;
    const full: AuditEntry = { ...entry, id, at };
    const { id: _id, ...body } = full;
    const [r] = await (await this.db(entry.region)).bulkDocs([{ _id: id, ...body }], true);
    if (!r || !('ok' in r)) throw new Error('could not write the audit log');
    return full;
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
