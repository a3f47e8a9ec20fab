/**
 * A Mango selector compiled once into a plain predicate, for the embedded store's
 * `_changes?filter=_selector`. PouchDB's own matcher re-normalises the selector for every
 * document (a whole initial sync measured a quarter slower with it); this covers the shapes
 * clients send (field equality, `$eq`, `$exists`, `$in` of plain values, `$and`/`$or`,
 * dotted field paths) and returns null for anything else (also `$nor`, where PouchDB has its own reading of missing
 * fields), which PouchDB then evaluates.
 */
type Doc = Record<string, unknown>;
type Pred = (doc: Doc) => boolean;

// Not null: PouchDB treats a null field apart from equality; those selectors go to PouchDB.
const isPlain = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

function field(path: string): (doc: Doc) => unknown {
  const parts = path.split('.');
  return (doc) => {
    let v: unknown = doc;
    for (const p of parts) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      v = (v as Doc)[p];
    }
    return v;
  };
}

function condition(get: (doc: Doc) => unknown, cond: unknown): Pred | null {
  if (isPlain(cond)) return (doc) => get(doc) === cond;
  if (cond === null) return null;
  if (typeof cond !== 'object' || cond === null || Array.isArray(cond)) return null;
  const preds: Pred[] = [];
  for (const [op, arg] of Object.entries(cond)) {
    if (op === '$eq' && isPlain(arg)) preds.push((doc) => get(doc) === arg);
    else if (op === '$exists' && typeof arg === 'boolean') preds.push((doc) => (get(doc) !== undefined) === arg);
    else if (op === '$in' && Array.isArray(arg) && arg.every(isPlain)) {
      const set = new Set<unknown>(arg);
      preds.push((doc) => {
        const v = get(doc);
        return v !== undefined && set.has(v);
      });
    } else return null;
  }
  return (doc) => preds.every((p) => p(doc));
}

export function compileSelector(selector: Doc): Pred | null {
  const preds: Pred[] = [];
  for (const [key, value] of Object.entries(selector)) {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value)) return null;
      const subs = value.map((s) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? compileSelector(s as Doc) : null));
      if (subs.some((s) => s === null)) return null;
      const list = subs as Pred[];
      if (key === '$and') preds.push((doc) => list.every((p) => p(doc)));
      else preds.push((doc) => list.some((p) => p(doc)));
    } else if (key.startsWith('$')) {
      return null;
    } else {
      const p = condition(field(key), value);
      if (!p) return null;
      preds.push(p);
    }
  }
  return (doc) => preds.every((p) => p(doc));
}
