import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyView, groupRows, sortRows, type FilterRule, type Group, type SortKey, type ViewSpec } from './engine';
import { FIELD_KEYS, GROUPABLE, type Operator, type ViewFieldKey } from './fields';
import { storeStats } from './columns';
import { refGroup, refSort, refView } from './reference.test-support';

/*
 * The column store against the plain reference (reference.test-support.ts) on generated data:
 * same rows in the same order, same groups with the same rows, for every operator, several
 * sort keys both ways, multi-valued and empty fields, and after documents change.
 */

type Doc = Record<string, unknown> & { id: string };
const NOW = Date.parse('2026-11-20T12:00:00.000Z');

const FIRST = ['Jan', 'jan', 'Bülent', 'Zoë', 'Eva', 'Sanne', '', 'Anne-Marie', 'Ïlse'];
const LAST = ['de Vries', 'Vries', 'van den Berg', 'Berg', 'Yılmaz', 'Bakker', "'t Hart", '', 'Jansen', 'van Dijk', 'DE VRIES'];
const PLACES = ['Enschede', 'enschede', 'Hengelo', 'Almelo', 'Ëibergen', '', 'Den Haag'];
const PHASES = ['nieuw', 'orienteren', 'voorbereiden', 'matchen', 'gestopt', 'onbekend'];
const SECTORS = ['po', 'vo', 'mbo', 'ho', 'xx'];
const DATES = ['2026-11-19T08:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-06-15T10:30:00.000Z', '2025-01-01T00:00:00.000Z', '', '2026-11-19'];

const docArb = fc.record({
  firstName: fc.constantFrom(...FIRST),
  lastName: fc.constantFrom(...LAST),
  place: fc.option(fc.constantFrom(...PLACES), { nil: undefined }),
  phase: fc.constantFrom(...PHASES),
  sectors: fc.option(fc.array(fc.constantFrom(...SECTORS), { maxLength: 3 }), { nil: undefined }),
  owner: fc.constantFrom('anna', 'daan', 'carla', ''),
  email: fc.option(fc.constantFrom('jan@school.nl', 'zoe.bakker@example.nl', 'DE@x.nl'), { nil: undefined }),
  phone: fc.option(fc.constantFrom('06-12345678', '+31 6 1234 5678', '053 123'), { nil: undefined }),
  source: fc.option(fc.constantFrom('website', 'event', 'manual', 'zzz'), { nil: undefined }),
  updatedAt: fc.constantFrom(...DATES),
  createdAt: fc.constantFrom(...DATES),
});

let seq = 0;
const docsArb = fc.array(docArb, { maxLength: 60 }).map((ds) => ds.map((d) => Object.freeze({ ...d, id: `d${seq++}` }) as Doc));

const VALUES: Record<string, fc.Arbitrary<string | string[] | undefined>> = {
  text: fc.constantFrom('jan', 'Vries', ' enschede ', 'de', '', 'ë', '0612', '+31 6', 'x', undefined),
  codes: fc.oneof(fc.array(fc.constantFrom(...SECTORS, ...PHASES, 'website'), { maxLength: 3 }), fc.constant(undefined)),
  date: fc.constantFrom('2026-11-01', '2026-06-15', '30', '1', '365', 'abc', '', undefined),
};
const OPS: Operator[] = ['contains', 'notContains', 'is', 'isNot', 'startsWith', 'empty', 'notEmpty', 'anyOf', 'includes', 'excludes', 'before', 'after', 'withinDays', 'olderThanDays'];
const ruleArb: fc.Arbitrary<FilterRule> = fc
  .record({ field: fc.constantFrom(...FIELD_KEYS), op: fc.constantFrom(...OPS), kind: fc.constantFrom('text', 'codes', 'date') })
  .chain(({ field, op, kind }) => VALUES[kind]!.map((value) => ({ field, op, value }) as FilterRule));
const sortArb: fc.Arbitrary<SortKey[]> = fc.array(fc.record({ field: fc.constantFrom(...FIELD_KEYS), dir: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 3 });
const specArb: fc.Arbitrary<ViewSpec> = fc.record({
  phases: fc.subarray(PHASES),
  filter: fc.record({ combinator: fc.constantFrom('and' as const, 'or' as const), rules: fc.array(ruleArb, { maxLength: 3 }) }),
  sort: sortArb,
  groupBy: fc.option(fc.constantFrom<ViewFieldKey>(...GROUPABLE, 'name', 'updatedAt'), { nil: null }),
  columns: fc.constant([] as ViewFieldKey[]),
  mode: fc.constant('table' as const),
});

const ids = (rows: readonly Doc[]) => rows.map((r) => r.id);
const shape = (v: { rows: Doc[]; groups: Group<Doc>[] | null }) => ({
  rows: ids(v.rows),
  groups: v.groups?.map((g) => ({ key: g.key, count: g.count, rows: ids(g.rows) })) ?? null,
});

describe('view engine (column store) against the plain reference', () => {
  it('gives the same rows and groups for any documents and spec', () => {
    fc.assert(
      fc.property(docsArb, specArb, (docs, spec) => {
        expect(shape(applyView(docs, spec, NOW))).toEqual(shape(refView(docs, spec, NOW)));
      }),
      { numRuns: 250 },
    );
  });

  it('sorts and groups like the reference on their own, stable both ways', () => {
    fc.assert(
      fc.property(docsArb, sortArb, fc.constantFrom<ViewFieldKey>(...GROUPABLE), (docs, sort, field) => {
        expect(ids(sortRows(docs, sort))).toEqual(ids(refSort(docs, sort)));
        const g = (x: Group<Doc>[]) => x.map((y) => [y.key, y.count, ids(y.rows)]);
        expect(g(groupRows(docs, field))).toEqual(g(refGroup(docs, field)));
      }),
      { numRuns: 120 },
    );
  });

  it('stays right while documents change, are added and deleted (new arrays, as the list gets them)', () => {
    fc.assert(
      fc.property(
        docsArb,
        fc.array(fc.tuple(fc.constantFrom('change', 'add', 'delete'), fc.nat(), docArb), { minLength: 1, maxLength: 8 }),
        fc.array(specArb, { minLength: 1, maxLength: 3 }),
        (start, steps, specs) => {
          let docs: readonly Doc[] = start;
          for (const [what, at, body] of steps) {
            const next = docs.slice();
            const k = next.length ? at % next.length : 0;
            if (what === 'add' || next.length === 0) next.splice(k, 0, Object.freeze({ ...body, id: `d${seq++}` }) as Doc);
            else if (what === 'delete') next.splice(k, 1);
            else next[k] = Object.freeze({ ...body, id: next[k]!.id }) as Doc;
            docs = next;
            for (const spec of specs) expect(shape(applyView(docs, spec, NOW))).toEqual(shape(refView(docs, spec, NOW)));
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('ranks many new names at once the same way as a few (full re-sort vs insertion)', () => {
    const base = Array.from({ length: 50 }, (_, i) => Object.freeze({ id: `m${i}`, firstName: `N${i % 7}`, lastName: `van Zee${i}`, phase: 'nieuw' }) as Doc);
    const spec: ViewSpec = { phases: [], filter: { combinator: 'and', rules: [] }, sort: [{ field: 'name', dir: 'desc' }], groupBy: null, columns: [], mode: 'table' };
    expect(ids(applyView(base, spec, NOW).rows)).toEqual(ids(refView(base, spec, NOW).rows));
    const many = [...base, ...Array.from({ length: 600 }, (_, i) => Object.freeze({ id: `x${i}`, firstName: `A${i}`, lastName: `de Boer${i % 97}`, phase: 'nieuw' }) as Doc)];
    expect(ids(applyView(many, spec, NOW).rows)).toEqual(ids(refView(many, spec, NOW).rows));
    const few = [...many, Object.freeze({ id: 'y', firstName: 'Bram', lastName: 'de Boer5', phase: 'nieuw' }) as Doc];
    expect(ids(applyView(few, spec, NOW).rows)).toEqual(ids(refView(few, spec, NOW).rows));
  });

  it('puts a row with several sectors in each of their groups, rows without any last', () => {
    const docs = [
      { id: 'a', firstName: 'A', lastName: 'A', sectors: ['vo', 'po'] },
      { id: 'b', firstName: 'B', lastName: 'B', sectors: [] },
      { id: 'c', firstName: 'C', lastName: 'C', sectors: ['vo'] },
      { id: 'd', firstName: 'D', lastName: 'D' },
    ].map((d) => Object.freeze(d) as Doc);
    const spec: ViewSpec = { phases: [], filter: { combinator: 'and', rules: [] }, sort: [{ field: 'sectors', dir: 'desc' }], groupBy: 'sectors', columns: [], mode: 'table' };
    const r = applyView(docs, spec, NOW);
    // rows sort on their first sector: no sectors is the highest key (first when descending), then
    // a and c (both vo first) in their input order
    expect(ids(r.rows)).toEqual(['b', 'd', 'a', 'c']);
    expect(r.groups!.map((g) => [g.key, g.count, ids(g.rows)])).toEqual([['po', 1, ['a']], ['vo', 2, ['a', 'c']], ['', 2, ['b', 'd']]]);
  });

  it('keeps its store bounded when document versions keep coming', () => {
    const spec: ViewSpec = { phases: ['nieuw'], filter: { combinator: 'and', rules: [{ field: 'name', op: 'contains', value: 'jan' }] }, sort: [{ field: 'name', dir: 'asc' }], groupBy: 'owner', columns: [], mode: 'table' };
    let peak = 0;
    for (let round = 0; round < 26; round++) {
      const docs = Array.from({ length: 300 }, (_, i) => Object.freeze({ id: `r${i}`, firstName: i % 3 ? 'Jan' : 'Eva', lastName: `Jansen${(i * round) % 50}`, phase: i % 2 ? 'nieuw' : 'matchen', owner: `o${i % 4}` }) as Doc);
      expect(shape(applyView(docs, spec, NOW))).toEqual(shape(refView(docs, spec, NOW)));
      peak = Math.max(peak, storeStats().slots);
    }
    // 26 × 300 versions were seen; the store started afresh instead of keeping them all
    expect(peak).toBeLessThan(7_000);
  });
});
