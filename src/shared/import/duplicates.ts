import { foldText, phoneDigits } from '../views/normalize';

/** The fields the duplicate rules look at. */
export interface DuplicateFields {
  id: string;
  firstName: string;
  lastName: string;
  email?: string | undefined;
  phone?: string | undefined;
  dateOfBirth?: string | undefined;
}

export type DuplicateRule = 'email' | 'phone' | 'nameDob';

/**
 * The keys under which two candidates count as likely the same person: the same e-mail, the
 * same phone number (digits only, +31 as 0), or the same name and date of birth. A name alone is
 * not enough: the Netherlands has many a Jan de Vries.
 */
export function duplicateKeys(c: Omit<DuplicateFields, 'id'>): { rule: DuplicateRule; key: string }[] {
  const out: { rule: DuplicateRule; key: string }[] = [];
  const email = c.email?.trim().toLowerCase();
  if (email) out.push({ rule: 'email', key: `e:${email}` });
  const digits = c.phone ? phoneDigits(c.phone) : '';
  if (digits.length >= 8) out.push({ rule: 'phone', key: `p:${digits}` });
  if (c.dateOfBirth) {
    const name = foldText(`${c.firstName} ${c.lastName}`).replace(/[^a-z0-9]+/g, ' ').trim();
    if (name) out.push({ rule: 'nameDob', key: `n:${name}|${c.dateOfBirth}` });
  }
  return out;
}

/** An index of known candidates by duplicate key, for checking new rows against. */
export class DuplicateIndex {
  private readonly byKey = new Map<string, string>();

  constructor(candidates: Iterable<DuplicateFields> = []) {
    for (const c of candidates) this.add(c);
  }

  /** Adds a candidate; the first one seen under a key stays the one reported. */
  add(c: DuplicateFields): void {
    this.addKeys(c.id, duplicateKeys(c));
  }

  /** As `add`, with keys computed once by the caller (the import checks two indexes with them). */
  addKeys(id: string, keys: readonly { key: string }[]): void {
    for (const { key } of keys) if (!this.byKey.has(key)) this.byKey.set(key, id);
  }

  /** The first known candidate this one duplicates, with the rule that matched. */
  find(c: Omit<DuplicateFields, 'id'>): { id: string; rule: DuplicateRule } | null {
    return this.findKeys(duplicateKeys(c));
  }

  /** As `find`, with keys computed once by the caller. */
  findKeys(keys: readonly { rule: DuplicateRule; key: string }[]): { id: string; rule: DuplicateRule } | null {
    for (const { rule, key } of keys) {
      const id = this.byKey.get(key);
      if (id !== undefined) return { id, rule };
    }
    return null;
  }
}

export interface DuplicateGroup {
  ids: string[];
  rules: DuplicateRule[];
}

/**
 * Groups candidates that share any duplicate key (transitively: A~B by e-mail and B~C by phone
 * make one group), for the duplicates screen. Groups of one are left out.
 */
export function findDuplicateGroups(candidates: readonly DuplicateFields[]): DuplicateGroup[] {
  const parent = new Map<string, string>();
  const root = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const first = new Map<string, string>();
  const rulesOf = new Map<string, Set<DuplicateRule>>();
  for (const c of candidates) parent.set(c.id, c.id);
  for (const c of candidates) {
    for (const { rule, key } of duplicateKeys(c)) {
      const other = first.get(key);
      if (other === undefined) {
        first.set(key, c.id);
        continue;
      }
      const a = root(other);
      const b = root(c.id);
      const rules = new Set([...(rulesOf.get(a) ?? []), ...(rulesOf.get(b) ?? []), rule]);
      if (a !== b) parent.set(b, a);
      rulesOf.set(a, rules);
    }
  }
  const groups = new Map<string, string[]>();
  for (const c of candidates) {
    const r = root(c.id);
    const g = groups.get(r);
    if (g) g.push(c.id);
    else groups.set(r, [c.id]);
  }
  const out: DuplicateGroup[] = [];
  for (const [r, ids] of groups) if (ids.length > 1) out.push({ ids, rules: [...(rulesOf.get(r) ?? [])].sort() });
  return out;
}
