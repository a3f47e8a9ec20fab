import { describe, expect, it } from 'vitest';
import { candidateSchema, checkRegionDocument, DOCUMENT_KINDS, newCandidate, validate } from '..';
import { clockOf, DEFAULT_CLOCK, DELETED_CLOCK, stampFields } from '../sync/field-merge';
import { formatHlc } from '../sync/hlc';

/**
 * Every kind's `fieldClocks` has the clock's form (fields.ts `fieldClocks`): compared as strings,
 * one malformed clock under the default key `*` (field-clocks.ts) would win every field's merge on
 * every replica forever. The check is the client's (`validate`) and the server's
 * (`checkRegionDocument`, its validate_doc_update); sync-server/reliability/clocks-every-kind.test.ts
 * sends the same through the real server.
 */
const REGION = 'twente';
const CLOCK = formatHlc({ wall: Date.parse('2026-11-26T10:00:00.000Z'), counter: 0, node: 'laptop1' });
const LATER = formatHlc({ wall: Date.parse('2026-11-26T11:00:00.000Z'), counter: 0, node: 'laptop2' });
type Doc = Record<string, unknown>;

function wire({ id, ...rest }: Doc): Doc {
  return { _id: id, ...rest };
}

/** An id of each kind's form (a tombstone takes its candidate, activity or vacancy from it). */
const IDS: Record<string, string> = {
  referral: 'c1:r:1', activity: 'act12345', registration: 'c1:r:act12345', task: 'c1:t:1', contact: 'c1:c:1', note: 'c1:n:1', vacancy: 'vac-1234', match: 'c1:m:vac-1234',
};

describe('field clocks of every kind', () => {
  for (const [type, kind] of Object.entries(DOCUMENT_KINDS)) {
    it(`${type}: compact clocks pass, a malformed clock is refused naming the field`, () => {
      const body = wire(kind.tombstone(IDS[type] ?? `${type}-1`, REGION) as unknown as Doc);
      expect(checkRegionDocument(REGION, body).ok).toBe(true);
      expect(checkRegionDocument(REGION, { ...body, fieldClocks: { [DEFAULT_CLOCK]: CLOCK, [DELETED_CLOCK]: CLOCK, updatedBy: LATER } }).ok).toBe(true);
      for (const [clocks, field] of [
        [{ [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK }, `fieldClocks.${DEFAULT_CLOCK}`],
        [{ [DEFAULT_CLOCK]: CLOCK, updatedBy: '2026-11-26T10:00:00.000Z-0001-laptop' }, 'fieldClocks.updatedBy'],
        [{ [DELETED_CLOCK]: `${CLOCK}!` }, `fieldClocks.${DELETED_CLOCK}`],
        [{ [DELETED_CLOCK]: 'x' }, `fieldClocks.${DELETED_CLOCK}`],
      ] as const) {
        const check = checkRegionDocument(REGION, { ...body, fieldClocks: clocks });
        expect(check.ok, JSON.stringify(clocks)).toBe(false);
        if (check.ok) continue;
        expect(check.errors?.[field], JSON.stringify(clocks)).toBe('invalid');
        expect(check.reason).toContain(field);
      }
    });
  }

  it("candidate: the client's validation refuses a malformed clock as the server does", () => {
    const c = newCandidate({ firstName: 'Sanne', lastName: 'Smit', regions: [REGION], ownerRegion: REGION }, { id: 'c-1', user: 'anna', now: '2026-11-26T10:00:00.000Z' });
    expect(validate(candidateSchema, { ...c, fieldClocks: { [DEFAULT_CLOCK]: CLOCK, [DELETED_CLOCK]: CLOCK } }).ok).toBe(true);
    const bad = validate(candidateSchema, { ...c, fieldClocks: { [DEFAULT_CLOCK]: CLOCK, place: 'zzz' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors['fieldClocks.place']).toBe('invalid');
  });
});

describe('a local write over a document stored with a malformed clock', () => {
  const stored = (): Doc => ({
    ...newCandidate({ firstName: 'Sanne', lastName: 'Smit', place: 'Hengelo', regions: [REGION], ownerRegion: REGION }, { id: 'c-2', user: 'anna', now: '2026-11-26T10:00:00.000Z' }),
    // Stored before every kind checked its clocks (the server took any string then).
    fieldClocks: { [DEFAULT_CLOCK]: 'zzz', [DELETED_CLOCK]: CLOCK, lastName: '1' },
  });

  it('drops the malformed clocks, so the write is valid; the fields they stood for get no clock, not this edit', () => {
    const before = stored();
    const after: Doc = stampFields(before, { ...before, place: 'Almelo', updatedAt: '2026-11-26T12:00:00.000Z' }, () => LATER);
    expect(validate(candidateSchema, after).ok).toBe(true);
    expect(after.fieldClocks).toEqual({ [DELETED_CLOCK]: CLOCK, place: LATER });
    expect(clockOf(after, 'place')).toBe(LATER);
    for (const f of ['firstName', 'lastName', 'phase']) expect(clockOf(after, f), f).toBeUndefined();
  });

  it('also when the write changes no clocked field (only updatedAt)', () => {
    const before = stored();
    const after: Doc = stampFields(before, { ...before, updatedAt: '2026-11-26T12:00:00.000Z' }, () => LATER);
    expect(validate(candidateSchema, after).ok).toBe(true);
    expect(after.fieldClocks).toEqual({ [DELETED_CLOCK]: CLOCK });
  });

  it('leaves well-formed clocks as they are (an unchanged write is returned as it was)', () => {
    const before = { ...stored(), fieldClocks: { [DEFAULT_CLOCK]: CLOCK, [DELETED_CLOCK]: CLOCK } };
    const same = { ...before, updatedAt: '2026-11-26T12:00:00.000Z' };
    expect(stampFields(before, same, () => LATER)).toBe(same);
  });
});
