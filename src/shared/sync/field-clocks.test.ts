import { describe, expect, it } from 'vitest';
import { newCandidate } from '../domain/candidate';
import { fieldClocks } from '../domain/fields';
import { clockOf, clockReader, compactClocks, DEFAULT_CLOCK, DELETED_CLOCK, expandClocks } from './field-clocks';
import { mergeWithClocks, stampFields } from './field-merge';
import { stampFieldsFullMap } from './field-merge.full-map';

type Doc = Record<string, unknown>;

const T1 = '001795700000000-00000-anna';
const T2 = '001795700000001-00000-daan';
const T3 = '001795700000002-00000-anna';

describe('the compact form of field clocks', () => {
  it('`*` is the clock of every valued clocked field not listed by name, never of a field without a value or of bookkeeping', () => {
    const doc: Doc = { id: 'c', type: 'candidate', updatedAt: 'u', place: 'Hengelo', phone: null, motivation: 'm', email: undefined, fieldClocks: { [DEFAULT_CLOCK]: T1, motivation: T2, postcode: T3, [DELETED_CLOCK]: T1 } };
    expect(clockOf(doc, 'place')).toBe(T1);
    expect(clockOf(doc, 'phone'), 'null is a value').toBe(T1);
    expect(clockOf(doc, 'motivation')).toBe(T2);
    expect(clockOf(doc, 'postcode'), 'a removed field keeps its clock by name').toBe(T3);
    expect(clockOf(doc, 'email'), 'no value, not listed: no clock').toBeUndefined();
    expect(clockOf(doc, 'lastName'), 'never written: no clock').toBeUndefined();
    for (const k of ['id', 'type', 'updatedAt', '_rev', DEFAULT_CLOCK]) expect(clockOf(doc, k), k).toBeUndefined();
    expect(clockOf(doc, DELETED_CLOCK)).toBe(T1);
    expect(clockOf({ place: 'x', fieldClocks: { constructor: T1 } }, 'toString')).toBeUndefined();
    expect(expandClocks(doc)).toEqual({ place: T1, phone: T1, motivation: T2, postcode: T3, [DELETED_CLOCK]: T1 });
    expect(expandClocks({ place: 'x' })).toEqual({});
    expect(clockOf(undefined, 'place')).toBeUndefined();
  });

  it('reads a malformed clock as none: a malformed `*` covers no field, a malformed named clock is not replaced by `*`', () => {
    const doc: Doc = { id: 'c', place: 'Hengelo', phone: 'p', motivation: 'm', fieldClocks: { [DEFAULT_CLOCK]: 'zzz', motivation: T2, postcode: 'zzz', [DELETED_CLOCK]: T1 } };
    const full: Doc = { id: 'c', place: 'Hengelo', phone: 'p', motivation: 'm', fieldClocks: { place: T1, phone: 'zzz', motivation: T1, [DELETED_CLOCK]: 'x' } };
    for (const read of [(f: string) => clockOf(doc, f), clockReader(doc)]) {
      expect([read('place'), read('phone'), read('motivation'), read('postcode'), read(DELETED_CLOCK)]).toEqual([undefined, undefined, T2, undefined, T1]);
    }
    // Read in turns, well-formed and malformed: a clock found well formed before never lets a malformed one through.
    for (const read of [(f: string) => clockOf(full, f), clockReader(full)]) {
      expect([read('place'), read('phone'), read('motivation'), read('phone'), read(DELETED_CLOCK), read('place')]).toEqual([T1, undefined, T1, undefined, undefined, T1]);
    }
    expect(clockOf({ ...doc, fieldClocks: { [DEFAULT_CLOCK]: T1, place: 'zzz' } }, 'place')).toBeUndefined();
  });

  it('reads a full map from before as it is', () => {
    const doc: Doc = { place: 'Hengelo', phone: '06', fieldClocks: { place: T1, phone: T2, [DELETED_CLOCK]: T1 } };
    expect(expandClocks(doc)).toEqual(doc.fieldClocks);
    expect(clockOf(doc, 'phone')).toBe(T2);
  });

  it('writes `*` for the clock most valued fields share (at least two; on a tie the later), the rest by name, keys sorted', () => {
    const doc: Doc = { id: 'c', a: 1, b: 2, c: 3, d: 4, gone: undefined };
    const out = compactClocks(doc, { d: T2, c: T2, a: T1, b: T1, gone: T1, [DELETED_CLOCK]: T1 });
    expect(JSON.stringify(out)).toBe(JSON.stringify({ [DEFAULT_CLOCK]: T2, _deleted: T1, a: T1, b: T1, gone: T1 }));
    expect(compactClocks(doc, { a: T1, b: T2, c: T3, d: T3 })).toEqual({ [DEFAULT_CLOCK]: T3, a: T1, b: T2 });
    // One field per clock: nothing to share, every clock by name.
    expect(compactClocks(doc, { a: T1, b: T2, c: T3, d: '001795700000003-00000-x' })).not.toHaveProperty(DEFAULT_CLOCK);
  });

  it('writes no `*` while a valued field has no clock (a document from before clocks), so that field stays without one', () => {
    const doc: Doc = { a: 1, b: 2, c: 3 };
    const full = { a: T1, b: T1 };
    const out = compactClocks(doc, full);
    expect(out).toEqual(full);
    expect(clockOf({ ...doc, fieldClocks: out }, 'c')).toBeUndefined();
  });

  it('round-trips: expanding the compact form gives the full map back, and compacting it again the same bytes', () => {
    const doc: Doc = { a: 1, b: 2, c: 3, e: undefined };
    const fulls: Record<string, string>[] = [{ a: T1, b: T1, c: T2 }, { a: T1, b: T2, c: T3, e: T1 }, { a: T1 }, { a: T1, b: T1, c: T1, [DELETED_CLOCK]: T2, id: T3 }];
    for (const full of fulls) {
      const compact = compactClocks(doc, full);
      const stored = { ...doc, fieldClocks: compact };
      expect(expandClocks(stored)).toEqual(full);
      expect(JSON.stringify(compactClocks(doc, expandClocks(stored)))).toBe(JSON.stringify(compact));
    }
  });

  it('one edit is one clock: a created candidate stores two clocks instead of one per field, and gives every field the same clock as before', () => {
    let ticks = 0;
    const tick = () => (ticks++, T1);
    const c = newCandidate({ firstName: 'Sanne', lastName: 'Smit', regions: ['twente'], ownerRegion: 'twente', place: 'Hengelo', email: 'sanne@voorbeeld.nl', phone: '0612345678' }, { id: 'c1', user: 'anna', now: '2026-11-01T10:00:00.000Z' });
    const compact = stampFields(undefined, c as unknown as Doc, tick);
    expect(ticks).toBe(1);
    expect(compact.fieldClocks).toEqual({ [DEFAULT_CLOCK]: T1, [DELETED_CLOCK]: T1 });
    const full = stampFieldsFullMap(undefined, c as unknown as Doc, () => T1);
    expect(expandClocks(compact)).toEqual(full.fieldClocks);
    const bytes = (d: Doc) => JSON.stringify(d).length;
    expect(bytes(compact)).toBeLessThan(bytes(full) - 400);
    // An edit lists what it changed by name.
    const edited: Doc = stampFields(compact, { ...compact, place: 'Almelo' }, () => T2);
    expect(edited.fieldClocks).toEqual({ [DEFAULT_CLOCK]: T1, [DELETED_CLOCK]: T1, place: T2 });
  });

  it('is accepted by the shared schema of notes, referrals and saved views; a malformed `*` is refused by name', () => {
    expect(fieldClocks.safeParse({ [DEFAULT_CLOCK]: T1, [DELETED_CLOCK]: T1, text: T2 }).success).toBe(true);
    const bad = fieldClocks.safeParse({ [DEFAULT_CLOCK]: 'zzz' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual([DEFAULT_CLOCK]);
  });

  it('merges a full map from before with a compact one into the same canonical bytes on both sides', () => {
    const base: Doc = { id: 'c', a: 'x', b: 'x', c: 'x', d: 'x', updatedAt: '1' };
    const full: Doc = { ...base, b: 'old', updatedAt: '2', fieldClocks: { a: T1, b: T2, c: T1, d: T1, [DELETED_CLOCK]: T1 } };
    const compact: Doc = { ...base, c: 'new', updatedAt: '3', fieldClocks: { [DEFAULT_CLOCK]: T1, [DELETED_CLOCK]: T1, c: T3 } };
    const one = mergeWithClocks(base, full, compact).doc;
    const other = mergeWithClocks(base, compact, full).doc;
    expect(JSON.stringify(one)).toBe(JSON.stringify(other));
    expect(one).toMatchObject({ a: 'x', b: 'old', c: 'new' });
    expect(one.fieldClocks).toEqual({ [DEFAULT_CLOCK]: T1, [DELETED_CLOCK]: T1, b: T2, c: T3 });
  });
});
