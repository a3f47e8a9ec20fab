import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deepEqual } from '../../shared';
import { mergingConflictHandler, sameState } from './conflict';

/** The definition sameState replaces: both sides copied without bookkeeping, then compared. */
function reference(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const comparable = (d: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(d)) if (!k.startsWith('_')) out[k] = v;
    out._deleted = !!d._deleted;
    return out;
  };
  return deepEqual(comparable(a), comparable(b));
}

const value = fc.oneof(fc.constant(undefined), fc.constantFrom('a', 'b', ''), fc.integer({ min: 0, max: 2 }), fc.constantFrom(['x'], ['x', 'y'], []), fc.constant({ c: 1 }));
const doc = fc.dictionary(fc.constantFrom('id', 'firstName', 'place', 'sectors', '_rev', '_meta', '_deleted', '_enc'), value);

describe('conflict handler equality', () => {
  it('sameState says what comparing the copies said', () => {
    fc.assert(fc.property(doc, doc, (a, b) => sameState(a, b) === reference(a, b)), { numRuns: 2000 });
    // The same state with other bookkeeping is equal; a field, a set member or the deletion is not.
    expect(sameState({ id: 'c1', place: 'Borne', _rev: '1-a', _meta: { lwt: 1 } }, { id: 'c1', place: 'Borne', _rev: '2-b' })).toBe(true);
    expect(sameState({ id: 'c1', place: 'Borne' }, { id: 'c1', place: 'Hengelo' })).toBe(false);
    expect(sameState({ id: 'c1', sectors: ['zorg'] }, { id: 'c1', sectors: ['zorg', 'techniek'] })).toBe(false);
    expect(sameState({ id: 'c1', _deleted: true }, { id: 'c1' })).toBe(false);
  });

  it('the handler uses it for live documents', () => {
    const h = mergingConflictHandler<Record<string, unknown>>();
    expect(h.isEqual({ id: 'c1', place: 'Borne', _deleted: false } as never, { id: 'c1', place: 'Borne', _deleted: false, _rev: '3-x' } as never, 'test')).toBe(true);
    expect(h.isEqual({ id: 'c1', place: 'Borne', _deleted: false } as never, { id: 'c1', place: 'Delden', _deleted: false } as never, 'test')).toBe(false);
  });
});
