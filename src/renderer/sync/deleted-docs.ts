import { DELETED_CLOCK, DOCUMENT_KINDS, regionOfDb, type DocumentType } from '../../shared';

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

/**
 * The clocks of the deletions among `_all_docs` rows (id → clock), read from each deleted
 * revision's body (`GET <db>/<id>?rev=`): `_all_docs` says only that a row is deleted, and
 * without its clock a re-creation made here after somebody else's deletion would always lose,
 * even when it is the later of the two (field-merge.ts, DELETED_CLOCK). Deleted rows are rare
 * in a push; a failed read leaves that deletion without a clock (it then wins, as before).
 */
export async function deletionClocks(get: typeof fetch, allDocsUrl: string, body: { rows?: AllDocsRow[] }): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!Array.isArray(body.rows)) return out;
  const dbUrl = allDocsUrl.replace(/\/_all_docs.*$/, '');
  const deleted = body.rows.filter((r) => !r.doc && r.value?.deleted && r.value.rev);
  await Promise.all(
    deleted.map(async (row) => {
      const id = row.id ?? row.key ?? '';
      try {
        const res = await get(`${dbUrl}/${encodeURIComponent(id)}?rev=${encodeURIComponent(row.value!.rev!)}`);
        if (!res.ok) return;
        const doc = (await res.json()) as { fieldClocks?: Record<string, unknown> };
        const clock = doc.fieldClocks?.[DELETED_CLOCK];
        if (typeof clock === 'string') out.set(id, clock);
      } catch {
        /* no clock: the deletion wins */
      }
    }),
  );
  return out;
}
