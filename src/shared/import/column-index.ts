/**
 * Finds columns by header name when a source renames its headers between versions (DUO's
 * `BRIN NUMMER` became `INSTELLINGSCODE`): each field lists every name it has had. Headers are
 * compared folded, so case, accents, spaces, dashes and underscores do not matter.
 */

/** `Huisnummer-toevoeging` and `HUISNUMMER TOEVOEGING` both fold to `HUISNUMMERTOEVOEGING`. */
export function foldColumnName(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '');
}

export interface ColumnIndex<F extends string> {
  /** Column position of each field found; the first matching column wins. */
  index: Partial<Record<F, number>>;
  /** Headers no field claims (reported, not an error). */
  unknown: string[];
}

export function indexColumns<F extends string>(headers: readonly string[], aliases: Record<F, readonly string[]>): ColumnIndex<F> {
  const byName = new Map<string, F>();
  for (const [field, names] of Object.entries(aliases) as [F, readonly string[]][]) {
    for (const n of names) byName.set(foldColumnName(n), field);
  }
  const index: Partial<Record<F, number>> = {};
  const unknown: string[] = [];
  headers.forEach((h, i) => {
    const field = byName.get(foldColumnName(h));
    if (field === undefined) unknown.push(h);
    else if (index[field] === undefined) index[field] = i;
  });
  return { index, unknown };
}

/** A row's cell for `field`, trimmed; '' when the column is absent or the row is short. */
export function cellOf<F extends string>(row: readonly string[], index: Partial<Record<F, number>>, field: F): string {
  const i = index[field];
  return i === undefined ? '' : (row[i] ?? '').trim();
}
