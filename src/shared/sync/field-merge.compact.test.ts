import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockOf, compactClocks, DELETED_CLOCK, expandClocks } from './field-clocks';
import { mergeWithClocks, stampFields } from './field-merge';
import { mergeWithClocksFullMap, stampFieldsFullMap } from './field-merge.full-map';
import { Hlc } from './hlc';

/**
 * The compact clocks change how clocks are stored, not which clock a field has: the app's
 * stampFields / mergeWithClocks run beside the implementation from before (full maps, kept as a
 * test-only reference in field-merge.full-map.ts) on random documents (also from before: full
 * maps, fields without clocks, no clocks at all) and random sequences of edits, removals,
 * deletions, re-creations, storage round trips and merges with random bases. After every step
 * each replica's two versions hold the same values, every field the same clock (through the
 * accessor), and every merge the same conflicts. One edit is one clock in both (the reference is
 * given that clock for every field it stamps), as stampFields now ticks once per edit.
 */
type Doc = Record<string, unknown>;

const FIELDS = ['a', 'b', 'c', 'list', 'gone'] as const;
const CLOCK_POOL = ['000000000000001-00000-p', '000000000000002-00000-q', '000000000000002-00000-r'];

const value = fc.oneof(fc.constantFrom('x', 'y', 'z', null), fc.subarray(['p', 'q', 'r']));
/** A field's state: a value, no value as an undefined property, or no property at all. */
const slot = fc.oneof({ weight: 4, arbitrary: value.map((v) => ({ v })) }, fc.constant({ undef: true }), fc.constant({ absent: true }));
const clockOrNone = fc.option(fc.constantFrom(...CLOCK_POOL), { nil: undefined, freq: 3 });

const startDoc = fc.record({
  fields: fc.tuple(...FIELDS.map(() => slot)),
  clocks: fc.tuple(...[...FIELDS, DELETED_CLOCK, 'updatedAt'].map(() => clockOrNone)),
  form: fc.constantFrom('none', 'full', 'compact'),
  deleted: fc.boolean(),
});

type Slot = { v?: unknown; undef?: true; absent?: true };
function build(s: { fields: Slot[]; clocks: (string | undefined)[]; form: string; deleted: boolean }): { neu: Doc; ref: Doc } {
  const doc: Doc = { id: 'c', type: 'candidate', updatedAt: '0', updatedBy: 'x' };
  FIELDS.forEach((f, i) => {
    const sl = s.fields[i]!;
    if (sl.undef) doc[f] = undefined;
    else if (!sl.absent) doc[f] = sl.v;
  });
  if (s.deleted) doc._deleted = true;
  if (s.form === 'none') return { neu: doc, ref: doc };
  const full: Record<string, string> = {};
  [...FIELDS, DELETED_CLOCK, 'updatedAt'].forEach((k, i) => {
    if (s.clocks[i] !== undefined) full[k] = s.clocks[i]!;
  });
  return { neu: { ...doc, fieldClocks: s.form === 'full' ? full : compactClocks(doc, full) }, ref: { ...doc, fieldClocks: full } };
}

type Op =
  | { kind: 'edit'; who: number; changes: [number, Slot][] }
  | { kind: 'delete'; who: number }
  | { kind: 'recreate'; who: number; keepClocks: boolean }
  | { kind: 'store'; who: number }
  | { kind: 'merge'; who: number; other: number; base: number };
const who = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), who, changes: fc.array(fc.tuple(fc.integer({ min: 0, max: FIELDS.length - 1 }), slot), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recreate' as const), who, keepClocks: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('store' as const), who }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('merge' as const), who, other: who, base: fc.integer({ min: -1, max: 30 }) }) },
);

function withoutClocks(d: Doc): Doc {
  const { fieldClocks: _c, ...rest } = d;
  return rest;
}

function expectSameClocks(neu: Doc, ref: Doc, what: string): void {
  expect(withoutClocks(neu), `${what}: values`).toEqual(withoutClocks(ref));
  const full = (ref.fieldClocks ?? {}) as Record<string, string>;
  expect(expandClocks(neu), `${what}: clocks`).toEqual(full);
  for (const k of [...FIELDS, DELETED_CLOCK, 'updatedAt', 'id']) expect(clockOf(neu, k), `${what}: clock of ${k}`).toBe(full[k]);
}

describe('compact field clocks against the full maps from before (property)', () => {
  it('every field has the same clock, every merge the same values and conflicts, after any sequence of edits and merges', () => {
    fc.assert(
      fc.property(fc.tuple(startDoc, startDoc, startDoc), fc.array(op, { maxLength: 30 }), fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }), (starts, ops, skews) => {
        let time = 10;
        const clocks = skews.map((s, i) => new Hlc(`n${i}`, () => time + s));
        const replicas = starts.map(build);
        const history: { neu: Doc; ref: Doc }[][] = replicas.map((r) => [r]);
        const set = (i: number, next: { neu: Doc; ref: Doc }, what: string) => {
          expectSameClocks(next.neu, next.ref, what);
          replicas[i] = next;
          history[i]!.push(next);
        };
        replicas.forEach((r, i) => expectSameClocks(r.neu, r.ref, `start ${i}`));

        for (const o of ops) {
          time += 1; // often the same millisecond on two nodes: counters and node ids decide
          const cur = replicas[o.who]!;
          const event = clocks[o.who]!.tick();
          let ticks = 0;
          const tick = () => (ticks++, event);
          /** `before` → `after` in both implementations; `change` builds each one's `after` from its own version. */
          const stamp = (before: { neu: Doc; ref: Doc } | undefined, change: (d: Doc) => Doc) => ({
            neu: stampFields(before?.neu, change(cur.neu), tick),
            ref: stampFieldsFullMap(before?.ref, change(cur.ref), () => event),
          });
          if (o.kind === 'edit') {
            if (cur.neu._deleted === true) continue;
            const change = (d: Doc) => {
              const next: Doc = { ...d, updatedAt: String(time) };
              for (const [fi, sl] of o.changes) {
                const f = FIELDS[fi]!;
                if (sl.absent) delete next[f];
                else next[f] = sl.undef ? undefined : sl.v;
              }
              return next;
            };
            set(o.who, stamp(cur, change), 'edit');
          } else if (o.kind === 'delete') {
            if (cur.neu._deleted === true) continue;
            set(o.who, stamp(cur, (d) => ({ ...d, _deleted: true })), 'delete');
          } else if (o.kind === 'recreate') {
            if (cur.neu._deleted !== true) continue;
            // An undo inserts the document again, as it was: with the clocks it had, or without.
            const body = (d: Doc) => {
              const b: Doc = { ...d, _deleted: false, updatedAt: String(time) };
              if (!o.keepClocks) delete b.fieldClocks;
              return b;
            };
            set(o.who, stamp(undefined, body), 'recreate');
          } else if (o.kind === 'store') {
            const json = (d: Doc) => JSON.parse(JSON.stringify(d)) as Doc;
            set(o.who, { neu: json(cur.neu), ref: json(cur.ref) }, 'storage round trip');
          } else {
            if (o.who === o.other) continue;
            const remote = replicas[o.other]!;
            const past = history[o.who]!;
            const base = o.base < 0 ? undefined : past[o.base % past.length]!;
            const neu = mergeWithClocks(base?.neu, cur.neu, remote.neu);
            const ref = mergeWithClocksFullMap(base?.ref, cur.ref, remote.ref);
            expect(neu.conflicts, 'merge: conflicts').toEqual(ref.conflicts);
            set(o.who, { neu: neu.doc, ref: ref.doc }, 'merge');
            // The other side of the same conflict computes the same bytes.
            if (!neu.doc._deleted && !remote.neu._deleted && !cur.neu._deleted) {
              expect(JSON.stringify(mergeWithClocks(base?.neu, remote.neu, cur.neu).doc), 'merge: byte-identical both ways').toBe(JSON.stringify(neu.doc));
            }
          }
          expect(ticks, 'one clock per edit').toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });
});
