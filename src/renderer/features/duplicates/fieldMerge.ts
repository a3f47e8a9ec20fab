/**
 * The field-by-field merge both kinds of duplicates share (candidates and organisations): per
 * field the id of the record whose value survives. Pure, so the screen and tests use the same.
 */
export type FieldChoice<F extends string> = Partial<Record<F, string>>;

function has(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Per field: the kept record's value, or the first other record that has one. */
export function defaultFieldChoice<T extends { id: string }, F extends keyof T & string>(keep: T, others: readonly T[], fields: readonly F[]): FieldChoice<F> {
  const out: FieldChoice<F> = {};
  for (const f of fields) out[f] = has(keep[f]) ? keep.id : (others.find((o) => has(o[f]))?.id ?? keep.id);
  return out;
}

/** The kept record with each chosen field taken from its chosen record (an empty choice removes the field). */
export function mergeFields<T extends { id: string }, F extends keyof T & string>(keep: T, others: readonly T[], fields: readonly F[], choice: FieldChoice<F>): T {
  const byId = new Map([keep, ...others].map((r) => [r.id, r]));
  const merged: Record<string, unknown> = { ...keep };
  for (const f of fields) {
    const v = (byId.get(choice[f] ?? keep.id) ?? keep)[f];
    if (v === undefined) delete merged[f];
    else merged[f] = structuredClone(v);
  }
  return merged as T;
}
