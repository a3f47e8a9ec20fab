import { describe, expect, it } from 'vitest';
import { candidateSchema, CONSENT_PURPOSE, CURRENT_CONSENT_VERSION, validate } from '../../../shared';
import { memoryStore } from '../../app/session';
import { clearAllDrafts, clearDraft, editTarget, loadDraft, newTarget, saveDraft } from './draft';
import { applyForm, candidateFromForm, emptyForm, firstInvalid, formErrors, formFromCandidate, sameForm } from './form';
import nl from '../../i18n/locales/nl/core.json';

const known = (k: string) => k in nl.validation;
const ctx = { id: 'id-1', user: 'anna', now: '2026-11-01T10:00:00.000Z', region: 'utrecht', purpose: 'Begeleiding', today: '2026-11-01' };

describe('intake form model', () => {
  it('builds a valid candidate from a filled-in form', () => {
    const v = { ...emptyForm(), firstName: ' Sanne ', lastName: 'de Vries', postcode: '3511ab', email: 'S@Example.NL', sectors: ['po'], consentGiven: true };
    const c = candidateFromForm(v, ctx);
    const r = validate(candidateSchema, c);
    expect(r.ok).toBe(true);
    expect(c).toMatchObject({ firstName: 'Sanne', postcode: '3511 AB', email: 's@example.nl', ownerRegion: 'utrecht', regions: ['utrecht'], owner: 'anna' });
    expect(c.consent).toEqual({ given: true, purpose: CONSENT_PURPOSE, date: '2026-11-01', version: CURRENT_CONSENT_VERSION.form, channel: 'form' });
    expect('place' in c).toBe(false);
  });

  it('maps schema errors to form fields, first invalid in form order', () => {
    const v = { ...emptyForm(), lastName: 'X', postcode: '12', email: 'nope' };
    const r = validate(candidateSchema, candidateFromForm(v, ctx));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const errors = formErrors(r.errors, known, v);
    expect(errors).toEqual({ firstName: 'required', email: 'invalidEmail', postcode: 'invalidPostcode' });
    expect(firstInvalid(errors)).toBe('firstName');
  });

  it('applies an edit: cleared fields go away, other fields and consent stay', () => {
    const original = candidateFromForm({ ...emptyForm(), firstName: 'A', lastName: 'B', place: 'Utrecht', consentGiven: true }, ctx);
    const v = { ...formFromCandidate(original), place: '', phone: '06 1234 5678' };
    const edited = applyForm(original, v, { user: 'bram', now: '2026-11-02T10:00:00.000Z', purpose: 'other', today: '2026-11-02' });
    expect(validate(candidateSchema, edited).ok).toBe(true);
    expect('place' in edited).toBe(false);
    expect(edited.phone).toBe('06 1234 5678');
    expect(edited.consent).toEqual(original.consent);
    expect(edited).toMatchObject({ createdBy: 'anna', updatedBy: 'bram', id: 'id-1' });
    expect(sameForm(formFromCandidate(original), formFromCandidate(original))).toBe(true);
    expect(sameForm(formFromCandidate(original), v)).toBe(false);
  });
});

describe('drafts', () => {
  it('keeps one draft per target and user', () => {
    const store = memoryStore();
    const v = { ...emptyForm(), firstName: 'Sanne' };
    saveDraft(store, 'anna', newTarget('utrecht'), v);
    saveDraft(store, 'anna', editTarget('c1'), { ...v, firstName: 'Piet' });
    expect(loadDraft(store, 'anna', newTarget('utrecht'))?.firstName).toBe('Sanne');
    expect(loadDraft(store, 'bram', newTarget('utrecht'))).toBeNull();
    clearDraft(store, 'anna', newTarget('utrecht'));
    expect(loadDraft(store, 'anna', newTarget('utrecht'))).toBeNull();
    expect(loadDraft(store, 'anna', editTarget('c1'))?.firstName).toBe('Piet');
    clearAllDrafts(store, 'anna');
    expect(store.data.size).toBe(0);
  });

  it('survives garbage in storage', () => {
    const store = memoryStore();
    store.setItem('regiodesk.drafts.anna', 'not json');
    expect(loadDraft(store, 'anna', 'new:utrecht')).toBeNull();
    store.setItem('regiodesk.drafts.anna', JSON.stringify({ 'new:utrecht': { values: { firstName: 3, sectors: ['po', 1] } } }));
    expect(loadDraft(store, 'anna', 'new:utrecht')).toMatchObject({ firstName: '', sectors: ['po'] });
  });
});

describe('phase changes through the form', () => {
  it('records the move in the phase history', async () => {
    const { applyForm, formFromCandidate: formValuesFrom } = await import('./form');
    const { newCandidate } = await import('../../../shared');
    const c = newCandidate({ firstName: 'A', lastName: 'B', ownerRegion: 'twente', regions: ['twente'] }, { id: 'x', user: 'anna', now: '2026-01-01T00:00:00.000Z' });
    const values = { ...formValuesFrom(c), phase: 'matchen' as const };
    const next = applyForm(c, values, { user: 'daan', now: '2026-02-01T00:00:00.000Z', purpose: 'p', today: '2026-02-01' });
    expect(next.phase).toBe('matchen');
    expect(next.phaseHistory?.at(-1)).toEqual({ from: 'nieuw', to: 'matchen', at: '2026-02-01T00:00:00.000Z', by: 'daan' });
    const same = applyForm(next, formValuesFrom(next), { user: 'daan', now: '2026-03-01T00:00:00.000Z', purpose: 'p', today: '2026-03-01' });
    expect(same.phaseHistory).toHaveLength(2);
  });
});
