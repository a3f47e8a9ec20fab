/**
 * How a document's personal fields become the plaintext of its one ciphertext: split off in the
 * document's own field order and written as one JSON. Shared by the storage wrapper
 * (encryption.ts) and the import worker, which seals ahead of the write: both must produce the
 * same JSON for the same document, or the worker's ciphertext is not used.
 */
type Doc = Record<string, unknown>;

/** The personal fields as a set, once per list (callers pass the same array every time). */
const personalSets = new WeakMap<readonly string[], ReadonlySet<string>>();
export function personalSet(personal: readonly string[]): ReadonlySet<string> {
  let set = personalSets.get(personal);
  if (!set) personalSets.set(personal, (set = new Set(personal)));
  return set;
}

/**
 * One pass that splits the fields: no copy-then-delete (delete turns the copy into a slow
 * dictionary-mode object that every later read of the document pays for).
 */
export function splitSecret(doc: Doc, personal: readonly string[]): { plain: Doc; secret: Doc } {
  const isPersonal = personalSet(personal);
  const plain: Doc = {};
  const secret: Doc = {};
  for (const field in doc) {
    const value = doc[field];
    if (!isPersonal.has(field)) plain[field] = value;
    else if (value !== undefined) secret[field] = value;
  }
  return { plain, secret };
}
