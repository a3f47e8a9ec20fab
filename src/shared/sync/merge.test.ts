import { describe, expect, it } from 'vitest';
import { deepEqual, mergeDocuments } from './merge';

const base = {
  id: 'c',
  firstName: 'Anna',
  place: 'Enschede',
  phone: '0612345678',
  sectors: ['po'],
  consent: { given: false },
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'x',
};

describe('three-way merge', () => {
  it('keeps edits to different fields from both sides', () => {
    const local = { ...base, place: 'Hengelo', updatedAt: '2026-01-02T00:00:00.000Z', updatedBy: 'anna' };
    const remote = { ...base, phone: '0687654321', updatedAt: '2026-01-03T00:00:00.000Z', updatedBy: 'daan' };
    const m = mergeDocuments(base, local, remote);
    expect(m).toMatchObject({ place: 'Hengelo', phone: '0687654321', updatedAt: remote.updatedAt, updatedBy: 'daan' });
  });

  it('gives a field changed on both sides to the later edit', () => {
    const local = { ...base, place: 'Hengelo', updatedAt: '2026-01-05T00:00:00.000Z' };
    const remote = { ...base, place: 'Almelo', updatedAt: '2026-01-03T00:00:00.000Z' };
    expect(mergeDocuments(base, local, remote).place).toBe('Hengelo');
    expect(mergeDocuments(base, remote, local).place).toBe('Hengelo');
  });

  it('merges lists as sets: additions from both, removals kept', () => {
    const local = { ...base, sectors: ['vo'] };
    const remote = { ...base, sectors: ['po', 'mbo'] };
    expect(mergeDocuments(base, local, remote).sectors).toEqual(['mbo', 'vo']);
  });

  it('merges nested objects field by field', () => {
    const local = { ...base, consent: { given: true } };
    const remote = { ...base, consent: { given: false, purpose: 'begeleiding' } };
    expect(mergeDocuments(base, local, remote).consent).toEqual({ given: true, purpose: 'begeleiding' });
  });

  it('keeps a field added on one side and a removal on the other', () => {
    const local = { ...base, email: 'a@b.nl' } as Record<string, unknown>;
    const remote = { ...base } as Record<string, unknown>;
    delete remote.phone;
    const m = mergeDocuments(base as Record<string, unknown>, local, remote);
    expect(m.email).toBe('a@b.nl');
    expect('phone' in m).toBe(false);
  });

  it('converges: both replicas reach the same state whatever the order', () => {
    const a = { ...base, place: 'Hengelo', sectors: ['po', 'vo'], updatedAt: '2026-01-02T00:00:00.000Z' };
    const b = { ...base, place: 'Almelo', sectors: ['so'], updatedAt: '2026-01-02T00:00:00.000Z' };
    expect(deepEqual(mergeDocuments(base, a, b), mergeDocuments(base, b, a))).toBe(true);
    expect(deepEqual(mergeDocuments(undefined, a, b), mergeDocuments(undefined, b, a))).toBe(true);
  });

  it('does not resurrect or lose: an edit survives a concurrent deletion', () => {
    const local = { ...base, place: 'Hengelo', _deleted: false };
    const remote = { ...base, _deleted: true };
    const m = mergeDocuments({ ...base, _deleted: false }, local, remote);
    expect(m.place).toBe('Hengelo');
    expect(m._deleted).toBe(true);
  });
});
