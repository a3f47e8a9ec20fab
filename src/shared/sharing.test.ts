import { describe, expect, it } from 'vitest';
import { newCandidate } from './domain/candidate';
import { checkRegionDocument } from './domain/documents';
import { candidateIdOfChild, correctNote, newNote, noteSchema, noteTombstone, retractNote } from './domain/note';
import { decideReferral, newReferral, referralSchema, referralTombstone } from './domain/referral';
import { validate } from './domain/validation';
import { candidateOf, CANDIDATE_SHARED_FIELDS, isShared, mayUnlink, regionsFor } from './sharing';
import { candidateSchema } from './domain/candidate';

const now = '2026-03-01T10:00:00.000Z';
const note = (visibility: 'shared' | 'region') =>
  newNote({ candidateId: 'c1', visibility, region: 'twente', text: '  Belde over pabo  ', kind: 'telefoon' }, { suffix: 'a1', user: 'anna', now });
const wire = (d: { id: string } & Record<string, unknown>) => {
  const { id, ...rest } = d;
  return { _id: id, ...rest };
};

describe('notes', () => {
  it('builds a valid note whose id begins with the candidate id', () => {
    const n = note('shared');
    expect(validate(noteSchema, n).ok).toBe(true);
    expect(n.id).toBe('c1:n:a1');
    expect(n.text).toBe('Belde over pabo');
    expect(candidateIdOfChild(n.id)).toBe('c1');
    expect(validate(noteSchema, { ...n, id: 'other:n:a1' }).ok).toBe(false);
  });

  it('keeps the old text on correction and lets only the author correct or retract', () => {
    const c = correctNote(note('shared'), 'Belde over zij-instroom', 'anna', '2026-03-02T10:00:00.000Z');
    expect(c.text).toBe('Belde over zij-instroom');
    expect(c.history).toEqual([{ text: 'Belde over pabo', at: now, by: 'anna' }]);
    expect(validate(noteSchema, c).ok).toBe(true);
    expect(() => correctNote(c, 'x', 'bram', now)).toThrow();
    const r = retractNote(c, 'anna', now);
    expect(r.retracted).toEqual({ at: now, by: 'anna' });
    expect(() => retractNote(c, 'bram', now)).toThrow();
    expect(() => correctNote(r, 'x', 'anna', now)).toThrow();
  });

  it('is accepted by the server only in its own region', () => {
    expect(checkRegionDocument('twente', wire(note('shared')))).toMatchObject({ ok: true, type: 'note' });
    expect(checkRegionDocument('utrecht', wire(note('shared')))).toMatchObject({ ok: false });
  });
});

describe('referrals', () => {
  const input = { candidateId: 'c1', fromRegion: 'twente', toRegion: 'utrecht', reason: 'Verhuist naar Utrecht', name: 'Zoë de Vries' };
  it('a link is accepted at once, a referral waits for an answer', () => {
    const link = newReferral({ ...input, kind: 'link' }, { suffix: 'r1', user: 'anna', now });
    expect(link.status).toBe('accepted');
    expect(validate(referralSchema, link).ok).toBe(true);
    const ref = newReferral({ ...input, kind: 'referral' }, { suffix: 'r2', user: 'anna', now });
    expect(ref.status).toBe('open');
    const declined = decideReferral(ref, false, 'Geen capaciteit', 'bram', now);
    expect(declined).toMatchObject({ status: 'declined', decisionNote: 'Geen capaciteit', decidedBy: 'bram' });
    expect(validate(referralSchema, declined).ok).toBe(true);
    expect(() => decideReferral(declined, true, '', 'bram', now)).toThrow();
    expect(validate(referralSchema, { ...ref, toRegion: 'twente' }).ok).toBe(false);
    expect(validate(referralSchema, { ...ref, status: 'accepted' }).ok).toBe(false);
  });
  it('lives in both regions and nowhere else', () => {
    const ref = wire(newReferral({ ...input, kind: 'referral' }, { suffix: 'r2', user: 'anna', now }));
    expect(checkRegionDocument('twente', ref).ok).toBe(true);
    expect(checkRegionDocument('utrecht', ref).ok).toBe(true);
    expect(checkRegionDocument('rijnmond', ref).ok).toBe(false);
    expect(regionsFor(ref, ['twente', 'rijnmond'])).toEqual(['twente', 'utrecht']);
  });
});

describe('sharing rules', () => {
  const cand = newCandidate({ firstName: 'Zoë', lastName: 'de Vries', ownerRegion: 'twente', regions: ['twente', 'utrecht'] }, { id: 'c1', user: 'anna', now });

  it('classifies every candidate field', () => {
    const shape = Object.keys((candidateSchema as unknown as { def: { shape?: object }; shape?: object }).shape ?? {});
    expect(shape.length).toBeGreaterThan(20);
    for (const f of shape) expect(CANDIDATE_SHARED_FIELDS as readonly string[]).toContain(f);
  });

  it('sends candidates to their regions, shared notes to linked regions, comments and unknown kinds nowhere', () => {
    expect(regionsFor(wire(cand), null)).toEqual(['twente', 'utrecht']);
    expect(candidateOf(wire(cand))).toBe('c1');
    expect(regionsFor(note('shared'), ['twente', 'utrecht'])).toEqual(['twente', 'utrecht']);
    expect(regionsFor(note('shared'), null)).toEqual([]);
    expect(isShared(note('region'))).toBe(false);
    expect(regionsFor(note('region'), ['twente', 'utrecht'])).toEqual([]);
    expect(regionsFor({ type: 'task', candidateId: 'c1' }, ['twente', 'utrecht'])).toEqual([]);
    expect(regionsFor({ _id: 'c1', _deleted: true }, ['twente'])).toEqual([]);
  });

  it('lets the owner region or the linked region’s supervisor unlink, never the owner region itself', () => {
    expect(mayUnlink(cand, 'utrecht', { region: 'twente', role: 'editor' })).toBe(true);
    expect(mayUnlink(cand, 'utrecht', { region: 'utrecht', role: 'editor' })).toBe(false);
    expect(mayUnlink(cand, 'utrecht', { region: 'utrecht', role: 'supervisor' })).toBe(true);
    expect(mayUnlink(cand, 'twente', { region: 'twente', role: 'supervisor' })).toBe(false);
    expect(mayUnlink(cand, 'utrecht', { region: 'twente', role: 'viewer' })).toBe(false);
  });
});

describe('tombstones', () => {
  it('are valid documents without content', () => {
    expect(validate(noteSchema, noteTombstone('c1:n:a1', 'utrecht'))).toMatchObject({ ok: true, value: { id: 'c1:n:a1', text: '-' } });
    expect(validate(referralSchema, referralTombstone('c1:r:a1', 'utrecht'))).toMatchObject({ ok: true, value: { id: 'c1:r:a1' } });
  });
});
