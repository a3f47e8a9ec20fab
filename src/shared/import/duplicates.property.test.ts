import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, phoneDigits } from '../views/normalize';
import { DuplicateIndex, findDuplicateGroups, type DuplicateFields, type DuplicateRule } from './duplicates';
import { planImport } from './plan';
import { defaultValueMaps } from './values';

/**
 * The duplicate index (one Map look-up per key) against the naive way it replaced in spirit:
 * compare every pair of candidates. Small pools of names, e-mails, phones and birth dates make
 * collisions frequent, including spellings that only meet after normalisation.
 */
const person = fc.record({
  firstName: fc.constantFrom('Jan', 'jan', 'Zoë', 'Zoe', 'Anna'),
  lastName: fc.constantFrom('de Vries', 'De  Vries', 'Smit', 'Bakker'),
  email: fc.option(fc.constantFrom('jan@x.nl', 'JAN@x.nl ', 'zoe@y.nl', 'anna@z.nl'), { nil: undefined }),
  phone: fc.option(fc.constantFrom('06-12345678', '+31 6 12345678', '0612345679', '1234'), { nil: undefined }),
  dateOfBirth: fc.option(fc.constantFrom('1990-01-02', '1985-05-05'), { nil: undefined }),
});

const RULES: DuplicateRule[] = ['email', 'phone', 'nameDob'];
const foldedName = (c: Omit<DuplicateFields, 'id'>) => foldText(`${c.firstName} ${c.lastName}`).replace(/[^a-z0-9]+/g, ' ').trim();

/** Whether two candidates are the same person under one rule, compared directly. */
function sameBy(rule: DuplicateRule, a: Omit<DuplicateFields, 'id'>, b: Omit<DuplicateFields, 'id'>): boolean {
  if (rule === 'email') return !!a.email?.trim() && a.email.trim().toLowerCase() === b.email?.trim().toLowerCase();
  if (rule === 'phone') return !!a.phone && phoneDigits(a.phone).length >= 8 && phoneDigits(a.phone) === phoneDigits(b.phone ?? '');
  return !!a.dateOfBirth && a.dateOfBirth === b.dateOfBirth && foldedName(a) !== '' && foldedName(a) === foldedName(b);
}

/** Naive look-up: the first rule that matches any earlier candidate, and the first such candidate. */
function naiveFind(known: readonly DuplicateFields[], c: Omit<DuplicateFields, 'id'>): { id: string; rule: DuplicateRule } | null {
  for (const rule of RULES) {
    const hit = known.find((k) => sameBy(rule, k, c));
    if (hit) return { id: hit.id, rule };
  }
  return null;
}

describe('duplicate index against pairwise comparison', () => {
  it('finds the same earlier candidate with the same rule for every new one', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 30 }), fc.array(person, { maxLength: 30 }), (existing, incoming) => {
        const known = existing.map((p, i) => ({ ...p, id: `k${i}` }));
        const index = new DuplicateIndex(known);
        for (const c of incoming) expect(index.find(c)).toEqual(naiveFind(known, c));
      }),
      { numRuns: 300 },
    );
  });

  it('groups exactly the connected components of the pairwise "same person" relation', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 25 }), (people) => {
        const cs = people.map((p, i) => ({ ...p, id: `c${i}` }));
        // Naive: union every pair that matches under any rule.
        const parent = cs.map((_, i) => i);
        const root = (i: number): number => (parent[i] === i ? i : root(parent[i]!));
        for (let i = 0; i < cs.length; i++) for (let j = 0; j < i; j++) if (RULES.some((r) => sameBy(r, cs[i]!, cs[j]!))) parent[root(i)] = root(j);
        const naive = new Map<number, string[]>();
        cs.forEach((c, i) => naive.set(root(i), [...(naive.get(root(i)) ?? []), c.id]));
        const expected = [...naive.values()].filter((g) => g.length > 1).map((g) => g.sort().join(',')).sort();
        expect(findDuplicateGroups(cs).map((g) => [...g.ids].sort().join(',')).sort()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the dry run flags each row as the pairwise check against existing candidates and earlier rows does', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 15 }), fc.array(person, { minLength: 1, maxLength: 25 }), (existing, rows) => {
        const known = existing.map((p, i) => ({ ...p, id: `k${i}` }));
        const table = {
          headers: ['Voornaam', 'Achternaam', 'E-mail', 'Telefoon', 'Geboortedatum'],
          rows: rows.map((r) => [r.firstName, r.lastName, r.email ?? '', r.phone ?? '', r.dateOfBirth ?? '']),
          format: 'csv' as const,
        };
        let n = 0;
        const plan = planImport(table, ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth'], defaultValueMaps(), known, {
          region: 'twente', user: 'anna', now: '2026-11-25T10:00:00.000Z', fileName: 'x.csv', newId: () => `n${++n}`,
        });
        const earlier: DuplicateFields[] = [];
        plan.rows.forEach((planned) => {
          if (planned.status === 'rejected') return;
          const c = planned.candidate!;
          const hit = naiveFind(known, c) ?? naiveFind(earlier, c);
          expect(planned.status).toBe(hit ? 'duplicate' : 'ok');
          if (hit) expect({ id: planned.duplicateOf, rule: planned.duplicateRule }).toEqual(hit);
          earlier.push({ ...c, id: `line:${planned.line}` });
        });
      }),
      { numRuns: 200 },
    );
  });
});
