import type { Json } from './types';

/**
 * A document as JSON text, the form in which the log store keeps bodies. The `_changes` route
 * asks for it (ChangesQuery.rawDocs) and splices the text into its answer (couch/changes-text.ts):
 * no JSON.parse and JSON.stringify per document and reader, and no object graph per document
 * for the collector. Anything that needs the fields parses it once, on first use (`value`).
 */
export class RawDoc {
  private parsed: Json | undefined;

  constructor(readonly text: string) {}

  /** The document as an object, parsed once (shared: callers must not change it). */
  get value(): Json {
    return (this.parsed ??= JSON.parse(this.text) as Json);
  }

  /**
   * False when no string value or key of the document can equal `s`: a pre-check before parsing.
   * Sound because the store writes its texts with JSON.stringify, which escapes nothing but
   * quotes, backslashes and control characters, so an equal string appears verbatim.
   */
  mayContain(s: string): boolean {
    return this.text.includes(JSON.stringify(s));
  }

  /** Generic serialisers (JSON.stringify of a row) still write the document itself. */
  toJSON(): Json {
    return this.value;
  }
}
