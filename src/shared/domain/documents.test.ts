import { describe, expect, it } from 'vitest';
import { newCandidate } from './candidate';
import { checkRegionDocument, fromWire } from './documents';

const wire = () => {
  const { id, ...rest } = newCandidate(
    { firstName: 'Zoë', lastName: 'de Vries', ownerRegion: 'twente', regions: ['twente'] },
    { id: 'c-9', user: 'anna', now: '2026-01-01T00:00:00.000Z' },
  );
  return { _id: id, _rev: '1-abc', ...rest } as Record<string, unknown>;
};

describe('documents on the wire', () => {
  it('maps _id to id and drops CouchDB fields', () => {
    const d = fromWire({ ...wire(), _revisions: { start: 1, ids: ['abc'] }, _deleted: false });
    expect(d.id).toBe('c-9');
    expect(Object.keys(d).filter((k) => k.startsWith('_'))).toEqual([]);
  });

  it('accepts a valid candidate of the region and a bare deletion stub', () => {
    expect(checkRegionDocument('twente', wire())).toMatchObject({ ok: true, type: 'candidate', deleted: false });
    expect(checkRegionDocument('twente', { _id: 'c-9', _rev: '2-x', _deleted: true })).toMatchObject({ ok: true, deleted: true });
  });

  it('refuses another region, unknown kinds and invalid fields with a reason', () => {
    expect(checkRegionDocument('utrecht', wire())).toMatchObject({ ok: false, reason: expect.stringContaining('utrecht') });
    expect(checkRegionDocument('twente', { _id: 'x', type: 'pizza' })).toMatchObject({ ok: false, reason: expect.stringContaining('pizza') });
    expect(checkRegionDocument('twente', { _id: 'x' })).toMatchObject({ ok: false });
    const bad = checkRegionDocument('twente', { ...wire(), email: 'nope' });
    expect(bad).toMatchObject({ ok: false, reason: expect.stringContaining('email') });
  });
});
