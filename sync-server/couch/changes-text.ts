import { RawDoc } from '../store/raw-doc';
import type { Json } from '../store/types';

/**
 * One `_changes` row as JSON text. A document the store handed over as text (RawDoc) is spliced
 * in as it is; `doc` is a row's last key, so the text equals JSON.stringify of the parsed row.
 */
export function rowText(row: Json): string {
  const doc = row.doc;
  if (!(doc instanceof RawDoc)) return JSON.stringify(row);
  const { doc: _doc, ...rest } = row;
  const head = JSON.stringify(rest);
  return head === '{}' ? `{"doc":${doc.text}}` : `${head.slice(0, -1)},"doc":${doc.text}}`;
}

/** The answer of a normal or longpoll `_changes`, as jsonText would write it. */
export function changesText(rows: Json[], lastSeq: number | string, pending: number | undefined): string {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = rowText(rows[i]!);
  return `{"results":[${parts.join(',')}],"last_seq":${JSON.stringify(lastSeq)}${pending !== undefined ? `,"pending":${pending}` : ''}}\n`;
}
