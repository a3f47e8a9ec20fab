import { describe, expect, it } from 'vitest';
import { candidateSchema, validate, newCandidate } from '../../shared';
import { pullModifierFor, pushModifierFor, tombstone } from './modifiers';

const doc = newCandidate(
  { firstName: 'Sanne', lastName: 'de Vries', regions: ['utrecht', 'amersfoort'], ownerRegion: 'utrecht' },
  { id: 'c1', user: 'anna', now: '2026-11-01T10:00:00.000Z' },
);

describe('pull modifier', () => {
  it('turns a deleted stub into a valid tombstone without personal data', () => {
    const out = pullModifierFor('utrecht')({ id: 'c1', _deleted: true });
    expect(out._deleted).toBe(true);
    expect(out.id).toBe('c1');
    const { _deleted, ...body } = out;
    expect(validate(candidateSchema, body).ok).toBe(true);
    expect(out.firstName).toBe('-');
  });

  it('erases the body of a deletion that carries one', () => {
    const out = pullModifierFor('amersfoort')({ ...doc, _deleted: true });
    expect(out.firstName).toBe('-');
    expect(out.ownerRegion).toBe('utrecht');
  });

  it('drops CouchDB bookkeeping from live documents', () => {
    const out = pullModifierFor('utrecht')({ ...doc, _deleted: false, _revisions: { start: 1, ids: ['a'] }, _conflicts: [] });
    expect(out).toEqual({ ...doc, _deleted: false });
  });

  it('tombstones are valid for any region code', () => {
    const { _deleted, ...body } = tombstone('x', 'noord-holland');
    expect(validate(candidateSchema, body).ok).toBe(true);
  });
});

describe('push modifier', () => {
  it('sends a document only through its owner region', () => {
    expect(pushModifierFor('utrecht')({ ...doc, _deleted: false })).not.toBeNull();
    expect(pushModifierFor('amersfoort')({ ...doc, _deleted: false })).toBeNull();
  });
});
