import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hlc } from './hlc';
import { clockOf, DELETED_CLOCK, expandClocks, mergeWithClocks, sameDeletion, stampFields } from './field-merge';
import { deepEqual } from './merge';

type Doc = Record<string, unknown>;

const base: Doc = {
  id: 'c',
  type: 'candidate',
  firstName: 'Anna',
  place: 'Enschede',
  sectors: ['po'],
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'x',
};

describe('per-field clock merge', () => {
  const anna = new Hlc('anna', () => 2000);
  const daan = new Hlc('daan', () => 1000); // daan's clock is behind
  const stamped = stampFields(undefined, base, () => '000000000000001-00000-init');

  it('keeps different fields from both sides and gives a shared field to the later clock, not the later wall time', () => {
    const a = stampFields(stamped, { ...stamped, place: 'Hengelo', updatedAt: '2026-01-05T00:00:00.000Z', updatedBy: 'anna' }, () => anna.tick());
    daan.receive(anna.current());
    const d1 = stampFields(stamped, { ...stamped, firstName: 'Anne', updatedAt: '2026-01-02T00:00:00.000Z', updatedBy: 'daan' }, () => daan.tick());
    const d = stampFields(d1, { ...d1, place: 'Almelo', sectors: ['po', 'vo'], updatedAt: '2026-01-02T00:01:00.000Z', updatedBy: 'daan' }, () => daan.tick());
    const m = mergeWithClocks(stamped, a, d);
    // daan saw anna's clock before editing, so his place edit is later despite his wall clock.
    expect(m.doc).toMatchObject({ firstName: 'Anne', place: 'Almelo', sectors: ['po', 'vo'], updatedBy: 'anna' });
    expect(m.conflicts.map((c) => c.field)).toEqual(['place']);
    expect(m.conflicts[0]).toMatchObject({ local: 'Hengelo', remote: 'Almelo', winner: 'remote' });
    expect(mergeWithClocks(stamped, d, a).doc).toEqual(m.doc);
  });

  it('falls back to the three-way merge where clocks are missing', () => {
    const l: Doc = { ...base, place: 'Hengelo', updatedAt: '2026-01-02T00:00:00.000Z' };
    const r: Doc = { ...base, firstName: 'Anne', updatedAt: '2026-01-03T00:00:00.000Z' };
    expect(mergeWithClocks(base, l, r).doc).toMatchObject({ place: 'Hengelo', firstName: 'Anne' });
  });

  it('stamps only changed fields, and removals', () => {
    const t = () => 'T';
    const s = stampFields({ ...base, fieldClocks: { place: 'A' } }, { ...base, fieldClocks: { place: 'A' }, place: undefined, firstName: 'B' }, t);
    expect(expandClocks(s)).toEqual({ place: 'T', firstName: 'T' });
  });

  it('lets a deletion win', () => {
    const m = mergeWithClocks(base, { ...base, _deleted: true }, { ...base, place: 'X', _deleted: false });
    expect(m.doc._deleted).toBe(true);
  });

  it('stamps the clock of existence on a creation and a deletion, not on an edit', () => {
    let n = 0;
    const t = () => `00000000000000${++n}-00000-x`;
    const created = stampFields(undefined, base, t);
    expect(clockOf(created, DELETED_CLOCK)).toBeDefined();
    const edited: Doc = stampFields(created, { ...created, place: 'Hengelo' }, t);
    expect(clockOf(edited, DELETED_CLOCK)).toBe(clockOf(created, DELETED_CLOCK));
    const deleted = stampFields(edited, { ...edited, _deleted: true }, t);
    expect(compareClock(deleted, edited)).toBeGreaterThan(0);
  });

  it('between a deletion and a re-creation the later clock wins, on both sides; an edit never re-creates', () => {
    const alive = (c: string, extra: Doc = {}): Doc => ({ ...base, ...extra, _deleted: false, fieldClocks: { [DELETED_CLOCK]: c, place: '000000000000009-00000-e' } });
    const dead = (c: string): Doc => ({ id: 'c', type: 'candidate', _deleted: true, fieldClocks: { [DELETED_CLOCK]: c } });
    const T1 = '000000000000001-00000-a';
    const T2 = '000000000000002-00000-b';
    // Re-created (T2) after the deletion (T1): alive, whichever side is local.
    expect(mergeWithClocks(base, alive(T2), dead(T1)).doc._deleted).toBe(false);
    expect(mergeWithClocks(base, dead(T1), alive(T2)).doc._deleted).toBe(false);
    // Deleted (T2) after the creation (T1), even though the alive side was edited later (place).
    expect(mergeWithClocks(base, alive(T1, { place: 'X' }), dead(T2)).doc._deleted).toBe(true);
    expect(mergeWithClocks(base, dead(T2), alive(T1, { place: 'X' })).doc._deleted).toBe(true);
    // A deletion without a clock (older data) still wins.
    expect(mergeWithClocks(base, alive(T2), { id: 'c', _deleted: true }).doc._deleted).toBe(true);
    // Two deletions: the later one, whichever side.
    expect(mergeWithClocks(base, dead(T1), dead(T2)).doc).toEqual(mergeWithClocks(base, dead(T2), dead(T1)).doc);
  });
});

describe('a malformed clock (stored before every kind checked its clocks) reads as no clock', () => {
  const OLD = '000000000000001-00000-init';
  const EDIT = '000000000000005-00000-anna';
  const stored: Doc = { ...base, fieldClocks: { '*': 'zzz', [DELETED_CLOCK]: OLD } };
  // The laptop's edit of place: the stamp dropped `zzz` (stampFields), place has the edit's clock.
  const edited = stampFields(stored, { ...stored, place: 'Hengelo', updatedAt: '2026-01-02T00:00:00.000Z' }, () => EDIT);

  it('`zzz` on the remote never beats a real clock: the local edit wins, with a base and without, on both sides, and the merge carries no `zzz`', () => {
    const colleague: Doc = { ...stored, firstName: 'Anne', updatedAt: '2026-01-03T00:00:00.000Z' };
    for (const b of [stored, undefined]) {
      const m = mergeWithClocks(b, edited, colleague);
      expect(m.doc.place, b ? 'with base' : 'without base').toBe('Hengelo');
      expect(mergeWithClocks(b, colleague, edited).doc, 'symmetric').toEqual(m.doc);
      expect(Object.values(m.doc.fieldClocks as Record<string, string>)).not.toContain('zzz');
      expect(clockOf(m.doc, 'place')).toBe(EDIT);
      expect(clockOf(m.doc, DELETED_CLOCK)).toBe(OLD);
    }
    expect(mergeWithClocks(stored, edited, colleague).doc.firstName, "the colleague's field, by the base").toBe('Anne');
    // A malformed clock by name is no clock either, and never `*`'s.
    const named: Doc = { ...stored, fieldClocks: { '*': OLD, place: 'zzz' } };
    expect(clockOf(named, 'place')).toBeUndefined();
    expect(clockOf(named, 'firstName')).toBe(OLD);
    expect(mergeWithClocks(undefined, edited, named).doc.place).toBe('Hengelo');
    expect(clockOf(stored, 'place')).toBeUndefined();
    expect(clockOf(stored, DELETED_CLOCK)).toBe(OLD);
  });

  it('both malformed: the unclocked rules decide (the side that changed from the base, else the later updatedAt)', () => {
    const l: Doc = { ...stored, place: 'Hengelo', updatedAt: '2026-01-02T00:00:00.000Z' };
    const r: Doc = { ...stored, firstName: 'Anne', fieldClocks: { '*': 'zzzz' }, updatedAt: '2026-01-03T00:00:00.000Z' };
    const m = mergeWithClocks(stored, l, r);
    expect(m.doc).toMatchObject({ place: 'Hengelo', firstName: 'Anne' });
    expect(mergeWithClocks(stored, r, l).doc).toEqual(m.doc);
    expect(m.doc.fieldClocks).toEqual({ [DELETED_CLOCK]: OLD });
    // Without a base both changed: the later updatedAt, not the larger string.
    const l2: Doc = { ...l, fieldClocks: { '*': 'zzzz' }, updatedAt: '2026-01-03T00:00:00.000Z' };
    const r2: Doc = { ...stored, place: 'Almelo', updatedAt: '2026-01-04T00:00:00.000Z' };
    expect(mergeWithClocks(undefined, l2, r2).doc.place).toBe('Almelo');
    expect(mergeWithClocks(undefined, r2, l2).doc.place).toBe('Almelo');
    // A malformed existence clock: as without one, the deletion wins.
    const dead: Doc = { id: 'c', type: 'candidate', _deleted: true, fieldClocks: { [DELETED_CLOCK]: OLD } };
    expect(mergeWithClocks(undefined, { ...edited, fieldClocks: { [DELETED_CLOCK]: 'zzz', place: EDIT } }, dead).doc._deleted).toBe(true);
  });
});

function compareClock(a: Doc, b: Doc): number {
  const ca = clockOf(a, DELETED_CLOCK)!;
  const cb = clockOf(b, DELETED_CLOCK)!;
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/**
 * Three laptops and one server, modelled on RxDB's replication: a push succeeds when the server
 * still holds the state the laptop last saw; otherwise the laptop merges (base = that state) and
 * pushes the merge. Random edits, random sync orders, clocks that drift; then everyone syncs.
 */
describe('convergence (property)', () => {
  const FIELDS = ['place', 'phone', 'phase', 'sectors', 'subjects'] as const;
  const LISTS = new Set(['sectors', 'subjects']);
  type Op = { kind: 'edit'; who: number; field: (typeof FIELDS)[number]; value: string; add: boolean } | { kind: 'sync'; who: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('edit' as const),
      who: fc.integer({ min: 0, max: 2 }),
      field: fc.constantFrom(...FIELDS),
      value: fc.constantFrom('a', 'b', 'c', 'd'),
      add: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('sync' as const), who: fc.integer({ min: 0, max: 2 }) }),
  );

  it('all replicas end identical, and a field only one laptop touched keeps its last edit', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 3, maxLength: 3 }), (ops, skews) => {
        let time = 10_000;
        const clocks = skews.map((s, i) => new Hlc(`n${i}`, () => time + s));
        const start = stampFields(undefined, { id: 'c', place: 'x', phone: 'x', phase: 'x', sectors: [], subjects: [], updatedAt: '0', updatedBy: 'x' } as Doc, () => '000000000000000-00000-init');
        let server: Doc = start;
        const local: Doc[] = [start, start, start];
        const seen: Doc[] = [start, start, start];
        const lastEdit = new Map<string, { who: number; value: unknown }[]>();

        const receiveAll = (i: number, d: Doc) => {
          for (const c of Object.values((d.fieldClocks ?? {}) as Record<string, string>)) clocks[i]!.receive(c);
        };
        const sync = (i: number) => {
          receiveAll(i, server);
          if (deepEqual(server, seen[i])) {
            server = local[i]!;
          } else if (deepEqual(local[i], seen[i])) {
            local[i] = server;
          } else {
            local[i] = mergeWithClocks(seen[i], local[i]!, server).doc;
            server = local[i]!;
          }
          seen[i] = server;
        };

        for (const o of ops) {
          time += 7;
          if (o.kind === 'sync') {
            sync(o.who);
            continue;
          }
          const cur = local[o.who]!;
          let value: unknown = o.value;
          if (LISTS.has(o.field)) {
            const list = cur[o.field] as string[];
            value = o.add ? [...new Set([...list, o.value])].sort() : list.filter((x) => x !== o.value);
          }
          local[o.who] = stampFields(cur, { ...cur, [o.field]: value, updatedAt: String(time + skews[o.who]!), updatedBy: `u${o.who}` }, () => clocks[o.who]!.tick());
          const edits = lastEdit.get(o.field) ?? [];
          edits.push({ who: o.who, value });
          lastEdit.set(o.field, edits);
        }
        for (let round = 0; round < 2; round++) for (let i = 0; i < 3; i++) sync(i);

        expect(local[0]).toEqual(server);
        expect(local[1]).toEqual(server);
        expect(local[2]).toEqual(server);
        for (const [field, edits] of lastEdit) {
          if (new Set(edits.map((e) => e.who)).size === 1 && !LISTS.has(field)) {
            expect(server[field]).toEqual(edits[edits.length - 1]!.value);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  /**
   * The same model with deletions and re-creations (an undo: the laptop that deleted the document
   * inserts it again as it was). Two deleted states count as equal when they are the same
   * deletion (sameDeletion), as RxDB's isEqual does (conflict.ts). Afterwards all replicas agree, and the document exists exactly when the
   * lifecycle event (deletion or re-creation) with the latest clock was a re-creation.
   */
  it('with deletions and re-creations: all replicas end identical, and the later of deletion and re-creation wins', () => {
    type LifeOp = Op | { kind: 'delete'; who: number } | { kind: 'recreate'; who: number };
    const lifeOp: fc.Arbitrary<LifeOp> = fc.oneof(
      { weight: 3, arbitrary: op },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.integer({ min: 0, max: 2 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('recreate' as const), who: fc.integer({ min: 0, max: 2 }) }) },
    );
    const same = (a: Doc | undefined, b: Doc | undefined) => (a?._deleted === true && b?._deleted === true ? sameDeletion(a, b) : deepEqual(a, b));
    fc.assert(
      fc.property(fc.array(lifeOp, { maxLength: 40 }), fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 3, maxLength: 3 }), (ops, skews) => {
        let time = 10_000;
        const clocks = skews.map((s, i) => new Hlc(`n${i}`, () => time + s));
        const start = stampFields(undefined, { id: 'c', place: 'x', phase: 'x', sectors: [], updatedAt: '0', updatedBy: 'x', _deleted: false } as Doc, () => '000000000000000-00000-init');
        let server: Doc = start;
        const local: Doc[] = [start, start, start];
        const seen: Doc[] = [start, start, start];
        const deletedHere: (Doc | null)[] = [null, null, null];
        let latest = { clock: clockOf(start, DELETED_CLOCK)!, alive: true };

        const sync = (i: number) => {
          for (const c of Object.values((server.fieldClocks ?? {}) as Record<string, string>)) clocks[i]!.receive(c);
          if (same(server, seen[i])) server = local[i]!;
          else if (same(local[i], seen[i])) local[i] = server;
          else {
            local[i] = mergeWithClocks(seen[i], local[i]!, server).doc;
            server = local[i]!;
          }
          seen[i] = server;
        };
        const lifecycle = (d: Doc, alive: boolean) => {
          const clock = clockOf(d, DELETED_CLOCK)!;
          if (clock > latest.clock) latest = { clock, alive };
        };

        for (const o of ops) {
          time += 7;
          const cur = local[o.who]!;
          const tick = () => clocks[o.who]!.tick();
          if (o.kind === 'sync') sync(o.who);
          else if (o.kind === 'delete') {
            if (cur._deleted) continue;
            deletedHere[o.who] = cur;
            local[o.who] = stampFields(cur, { ...cur, _deleted: true }, tick);
            lifecycle(local[o.who]!, false);
          } else if (o.kind === 'recreate') {
            const was = deletedHere[o.who];
            if (!cur._deleted || !was) continue;
            const { fieldClocks: _c, ...body } = was;
            void _c;
            local[o.who] = stampFields(undefined, { ...body, _deleted: false, updatedAt: String(time + skews[o.who]!) }, tick);
            deletedHere[o.who] = null;
            lifecycle(local[o.who]!, true);
          } else {
            if (cur._deleted) continue;
            let value: unknown = o.value;
            if (o.field === 'sectors') {
              const list = cur.sectors as string[];
              value = o.add ? [...new Set([...list, o.value])].sort() : list.filter((x) => x !== o.value);
            }
            if (o.field !== 'place' && o.field !== 'phase' && o.field !== 'sectors') continue;
            local[o.who] = stampFields(cur, { ...cur, [o.field]: value, updatedAt: String(time + skews[o.who]!), updatedBy: `u${o.who}` }, tick);
          }
        }
        for (let round = 0; round < 2; round++) for (let i = 0; i < 3; i++) sync(i);

        for (let i = 0; i < 3; i++) expect(same(local[i], server), `laptop ${i} agrees with the server`).toBe(true);
        expect(server._deleted !== true, `exists iff the latest lifecycle event (${latest.clock}) was a re-creation`).toBe(latest.alive);
      }),
      { numRuns: 300 },
    );
  });

  it('is symmetric: both sides of a conflict compute the same merge', () => {
    const val = fc.constantFrom('a', 'b', undefined);
    const clock = fc.option(fc.constantFrom('000000000000001-00000-a', '000000000000002-00000-b'), { nil: undefined });
    const side = fc.record({ place: val, list: fc.subarray(['x', 'y', 'z']), c: clock, u: fc.constantFrom('1', '2') });
    fc.assert(
      fc.property(side, side, side, (b, l, r) => {
        const mk = (s: typeof b) => {
          const d: Doc = { id: 'c', list: s.list, updatedAt: s.u };
          if (s.place !== undefined) d.place = s.place;
          if (s.c) d.fieldClocks = { place: s.c, list: s.c };
          return d;
        };
        expect(mergeWithClocks(mk(b), mk(l), mk(r)).doc).toEqual(mergeWithClocks(mk(b), mk(r), mk(l)).doc);
      }),
      { numRuns: 300 },
    );
  });
});
