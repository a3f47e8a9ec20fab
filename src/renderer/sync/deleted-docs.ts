import { clockOf, DELETED_CLOCK, DOCUMENT_KINDS, regionOfDb, type DocumentType } from '../../shared';

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
export function withDeletedDocs<T extends { rows?: AllDocsRow[] }>(body: T, type: string, region: string | null, clocks?: ReadonlyMap<string, string>): T {
  const kind = DOCUMENT_KINDS[type as DocumentType];
  if (!kind || !region || !Array.isArray(body.rows)) return body;
  const rows = body.rows.map((row) => {
    if (row.doc || !row.value?.deleted || !row.value.rev) return row;
    const id = row.id ?? row.key ?? '';
    const { id: _primary, ...fields } = kind.tombstone(id, region) as Record<string, unknown>;
    const clock = clocks?.get(id);
    const stamped = clock ? { fieldClocks: { [DELETED_CLOCK]: clock } } : {};
    return { ...row, doc: { ...fields, ...stamped, _id: id, _rev: row.value.rev, _deleted: true } };
  });
  return { ...body, rows };
}

/** Deleted rows whose clocks one `_bulk_get` asks for at most (a push batch is smaller). */
const BULK_GET_MAX = 500;

interface BulkGetAnswer {
  results?: { id?: string; docs?: { ok?: { _id?: string; fieldClocks?: Record<string, unknown> } }[] }[];
}

/**
 * The clocks of the deletions among `_all_docs` rows (id → clock), read from the deleted
 * revisions' bodies: `_all_docs` says only that a row is deleted, and without its clock a
 * re-creation made here after somebody else's deletion would always lose, even when it is the
 * later of the two (field-merge.ts, DELETED_CLOCK). One `_bulk_get` of the deleted revisions per
 * push batch, not a `GET ?rev=` per row: an undo or redo of an import re-creates hundreds of
 * documents deleted on the server, and a request each made the push as slow as the rows were
 * many. A failed read leaves those deletions without a clock (they then win, as before).
 */
export async function deletionClocks(get: typeof fetch, allDocsUrl: string, body: { rows?: AllDocsRow[] }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!Array.isArray(body.rows)) return out;
  const dbUrl = allDocsUrl.replace(/\/_all_docs.*$/, '');
  const deleted = body.rows.filter((r) => !r.doc && r.value?.deleted && r.value.rev).map((r) => ({ id: r.id ?? r.key ?? '', rev: r.value!.rev! }));
  for (let i = 0; i < deleted.length; i += BULK_GET_MAX) {
    const docs = deleted.slice(i, i + BULK_GET_MAX);
    try {
      const res = await get(`${dbUrl}/_bulk_get`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ docs }),
      });
      if (!res.ok) continue;
      const answer = (await res.json()) as BulkGetAnswer;
      for (const r of answer.results ?? []) {
        const doc = r.docs?.[0]?.ok;
        const clock: unknown = doc && clockOf(doc, DELETED_CLOCK);
        const id = r.id ?? doc?._id;
        if (typeof id === 'string' && typeof clock === 'string') out.set(id, clock);
      }
    } catch {
      /* no clocks: the deletions win */
    }
  }
  return out;
}
