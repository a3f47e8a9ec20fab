import { DOCUMENT_KINDS, regionOfDb, type DocumentType } from '../../shared';

interface AllDocsRow {
  id?: string;
  key?: string;
  value?: { rev?: string; deleted?: boolean };
  doc?: Record<string, unknown> | null;
  error?: string;
}

/** The region whose database a replication URL points at (`…/region-<code>/_all_docs`). */
export function regionOfUrl(url: string): string | null {
  const path = new URL(url, 'http://x').pathname.split('/').filter(Boolean);
  const i = path.findIndex((p) => p.startsWith('_'));
  const db = i > 0 ? decodeURIComponent(path[i - 1] ?? '') : '';
  return regionOfDb(db);
}

/**
 * CouchDB answers `_all_docs` for a deleted document with `doc: null`. RxDB's CouchDB push reads
 * that as "not on the server" and writes without a revision: an offline edit then silently
 * re-creates a candidate someone erased, and two deletions of one document stall the replication
 * forever (its conflict lookup meets `doc: null` again). Giving the row its deleted state — the
 * kind's data-free tombstone with the server's revision — sends both cases through the conflict
 * handler, where the deletion wins.
 */
export function withDeletedDocs<T extends { rows?: AllDocsRow[] }>(body: T, type: string, region: string | null): T {
  const kind = DOCUMENT_KINDS[type as DocumentType];
  if (!kind || !region || !Array.isArray(body.rows)) return body;
  const rows = body.rows.map((row) => {
    if (row.doc || !row.value?.deleted || !row.value.rev) return row;
    const id = row.id ?? row.key ?? '';
    const { id: _primary, ...fields } = kind.tombstone(id, region) as Record<string, unknown>;
    return { ...row, doc: { ...fields, _id: id, _rev: row.value.rev, _deleted: true } };
  });
  return { ...body, rows };
}
