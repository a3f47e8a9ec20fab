import { RawDoc } from '../store/raw-doc';
import type { Json } from '../store/types';

/**
 * The shape of the documents in a `_changes` answer. `couch`: CouchDB's (`_id`, `_rev`). `rx`:
 * RxDB's (`id`, no `_rev`), asked by the app with `regiodesk_shape=rx` (CHANGES_SHAPE_PARAM in src/shared). RxDB's
 * CouchDB pull renames `_id` and deletes `_rev` on a copy of every pulled document, which turns
 * that copy into a slow dictionary object in V8; a document that arrives in RxDB's shape is
 * copied as it is (bench:sync, README "Eighth round": ≈ 1.3× less client CPU at 100,000).
 */
export type DocShape = 'couch' | 'rx';

/**
 * A document's JSON text in RxDB's shape. The stores write a document's text with `_id` and
 * `_rev` first (log engine: store/log/log-meta.ts docText), so this is a cut of that prefix:
 * `{"_id":"X","_rev":"N-…",…` → `{"id":"X",…`. Any other text is parsed and rewritten.
 */
export function rxShapedText(text: string, id: string): string {
  const head = `{"_id":${JSON.stringify(id)},"_rev":"`;
  if (text.startsWith(head)) {
    // A revision is `<n>-<hex>`: no quote or backslash inside, so the next quote ends it.
    const end = text.indexOf('"', head.length);
    if (end > 0) {
      const next = text.charCodeAt(end + 1);
      if (next === 44 /* , */) return `{"id":${JSON.stringify(id)},${text.slice(end + 2)}`;
      if (next === 125 /* } */) return `{"id":${JSON.stringify(id)}}`;
    }
  }
  return JSON.stringify(rxShapedDoc(JSON.parse(text) as Json));
}

/**
 * A document object in RxDB's shape: `id` first (from `_id`), `_rev` left out, every other field
 * as it was (`_deleted: true` of deletions and `_conflicts` stay).
 */
export function rxShapedDoc(doc: Json): Json {
  if (typeof doc._id !== 'string') return doc;
  const out: Json = { id: doc._id };
  for (const k of Object.keys(doc)) {
    if (k === '_id' || k === '_rev') continue;
    out[k] = doc[k];
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * JSON text in ASCII only: every character above U+007F as its `\uXXXX` escape (equal JSON;
 * an astral character becomes its two surrogate escapes). Used for RxDB's shape, which only the
 * app asks for: its catch-up pages hold thousands of documents, and Node's decoder takes an
 * all-ASCII body through its fast path while one é or ë sends the rest of the page through the
 * slow UTF-8 path (a page of 5,000 demo candidates: 3.1 against 10.8 ms to decode, and its
 * string is one byte a character instead of two). The escapes cost the server ≈ 1 ms a 1,000
 * demo candidates; rows without such characters (most) are only scanned. CouchDB's shape stays
 * as CouchDB writes it.
 */
export function asciiJson(text: string): string {
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, escapeChar) : text;
}

/**
 * One `_changes` row as JSON text. A document the store handed over as text (RawDoc) is spliced
 * in as it is; `doc` is a row's last key, so the text equals JSON.stringify of the parsed row.
 */
export function rowText(row: Json, shape: DocShape = 'couch'): string {
  const doc = row.doc;
  if (shape === 'rx' && doc && typeof doc === 'object') {
    const text = doc instanceof RawDoc ? rxShapedText(doc.text, String(row.id)) : JSON.stringify(rxShapedDoc(doc as Json));
    const { doc: _doc, ...rest } = row;
    const head = JSON.stringify(rest);
    const out = head === '{}' ? `{"doc":${text}}` : `${head.slice(0, -1)},"doc":${text}}`;
    return asciiJson(out);
  }
  if (!(doc instanceof RawDoc)) return JSON.stringify(row);
  const { doc: _doc, ...rest } = row;
  const head = JSON.stringify(rest);
  return head === '{}' ? `{"doc":${doc.text}}` : `${head.slice(0, -1)},"doc":${doc.text}}`;
}

/** The answer of a normal or longpoll `_changes`, as jsonText would write it. */
export function changesText(rows: Json[], lastSeq: number | string, pending: number | undefined, shape: DocShape = 'couch'): string {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = rowText(rows[i]!, shape);
  return `{"results":[${parts.join(',')}],"last_seq":${JSON.stringify(lastSeq)}${pending !== undefined ? `,"pending":${pending}` : ''}}\n`;
}
