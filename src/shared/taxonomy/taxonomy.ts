/** A coded term with its labels; the code is what we store, the label what users read. */
export interface Term<C extends string = string> {
  readonly code: C;
  readonly label: { readonly nl: string; readonly en: string };
}

export type Locale = 'nl' | 'en';

type Codes<T extends readonly Term[]> = T[number]['code'];

/** The codes of a taxonomy as a non-empty tuple, as z.enum wants it. */
export function codesOf<const T extends readonly Term[]>(terms: T): [Codes<T>, ...Codes<T>[]] {
  const codes = terms.map((t) => t.code) as Codes<T>[];
  if (codes.length === 0) throw new Error('a taxonomy needs at least one term');
  return codes as [Codes<T>, ...Codes<T>[]];
}

export function labelOf(terms: readonly Term[], code: string, locale: Locale = 'nl'): string {
  return terms.find((t) => t.code === code)?.label[locale] ?? code;
}
