import { describe, expect, it } from 'vitest';
import { candidateSchema, validate, newCandidate } from '../../shared';
import { kindOf, pullModifierFor, pushModifierFor, pushRegionOf, tombstone } from './modifiers';

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

  it('keeps only the clock of the deletion from its field clocks (a later re-creation is judged against it)', () => {
    const clocks = { firstName: '000000000000005-00000-a', _deleted: '000000000000009-00000-a' };
    const out = pullModifierFor('utrecht')({ ...doc, fieldClocks: clocks, _deleted: true });
    expect(out.fieldClocks).toEqual({ _deleted: '000000000000009-00000-a' });
    const { _deleted, ...body } = out;
    expect(validate(candidateSchema, body).ok).toBe(true);
    expect(pullModifierFor('utrecht')({ ...doc, fieldClocks: { firstName: clocks.firstName }, _deleted: true }).fieldClocks).toBeUndefined();
  });

  it('drops CouchDB bookkeeping from live documents', () => {
    const out = pullModifierFor('utrecht')({ ...doc, _deleted: false, _revisions: { start: 1, ids: ['a'] }, _conflicts: [] });
    expect(out).toEqual({ ...doc, _deleted: false });
  });

  it('passes on RxDB\'s own copy of a document without CouchDB fields instead of copying it again', () => {
    const copy = { ...doc, _deleted: false };
    expect(pullModifierFor('utrecht')(copy)).toBe(copy);
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

describe('push region of a document', () => {
  const kind = kindOf('candidate')!;
  it('is the home region when the user has it, else the first linked region she has', () => {
    expect(pushRegionOf(kind, doc as any, ['amersfoort', 'utrecht'])).toBe('utrecht');
    expect(pushRegionOf(kind, doc as any, ['twente', 'amersfoort'])).toBe('amersfoort');
    expect(pushRegionOf(kind, doc as any, ['twente'])).toBeNull();
  });
  it('lets exactly one of the user\'s replications send it', () => {
    const mine = ['amersfoort', 'twente'];
    const senders = mine.filter((r) => pushModifierFor(r, mine, kind)({ ...doc, _deleted: false }) !== null);
    expect(senders).toEqual(['amersfoort']);
  });
  it('uses a region field for kinds without homeRegion', () => {
    const k = { regionsOf: (d: any) => [d.region] } as any;
    expect(pushRegionOf(k, { region: 'twente' }, ['twente'])).toBe('twente');
  });
});
