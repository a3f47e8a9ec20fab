import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { CONSENT_PURPOSE, CURRENT_CONSENT_VERSION, newCandidate, registrationId } from '../../../shared';
import { createDatabase, type RegiodeskDatabase } from '../../db/database';
import { ContactIndex, phoneKey } from './contacts';
import { EMPTY_EVENT_FORM, saveAtEvent, type EventContext } from './save';

let n = 0;
const ctx: EventContext = { activityId: 'act0000000000001', region: 'twente', user: 'anna', consentPurpose: 'Contact over werken in het onderwijs', newId: () => `id-${++n}` };

describe('event mode saving', () => {
  let db: RegiodeskDatabase;
  beforeEach(async () => {
    db = await createDatabase(`event${++n}x${Date.now()}`, { storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), multiInstance: false });
  });
  afterEach(async () => {
    await db?.remove();
  });

  it('creates a candidate from the event and an attended registration; refuses without consent', async () => {
    const values = { ...EMPTY_EVENT_FORM, firstName: 'Lotte', lastName: 'Bakker', email: 'Lotte@Example.nl', sectors: ['po'] };
    const refused = await saveAtEvent(db, values, ctx, null);
    expect(refused).toEqual({ ok: false, errors: { consent: 'consentRequired' } });
    const bad = await saveAtEvent(db, { ...values, consent: true, email: 'nope', lastName: '' }, ctx, null);
    expect(bad).toMatchObject({ ok: false, errors: { email: 'invalidEmail', lastName: 'required' } });
    const r = await saveAtEvent(db, { ...values, consent: true }, ctx, null);
    if (!r.ok) throw new Error('expected ok');
    const c = (await db.candidates.findOne(r.registration.candidateId).exec())!.toJSON();
    expect(c).toMatchObject({ source: 'event', phase: 'nieuw', email: 'lotte@example.nl', consent: { given: true, purpose: CONSENT_PURPOSE, version: CURRENT_CONSENT_VERSION.event, channel: 'event' } });
    expect((await db.registrations.findOne(r.registration.id).exec())!.toJSON()).toMatchObject({ status: 'attended', channel: 'event', newCandidate: true });
  });

  it('attaches a known person: checks in a pre-registration instead of duplicating', async () => {
    const known = newCandidate({ firstName: 'Piet', lastName: 'Pol', email: 'piet@example.nl', phone: '06-12345678', regions: ['twente'], ownerRegion: 'twente' }, { id: 'cand-piet', user: 'anna', now: new Date().toISOString() });
    await db.candidates.insert(known);
    const index = new ContactIndex();
    await index.build(db.candidates, 1);
    expect(index.lookup('PIET@example.nl ', '')?.id).toBe('cand-piet');
    expect(index.lookup('', '+31 6 1234 5678')?.id).toBe('cand-piet');
    expect(index.lookup('other@example.nl', '')).toBeNull();
    expect(index.lookup('piet@example.nl', '', 'cand-piet')).toBeNull();
    await db.registrations.insert({
      id: registrationId('cand-piet', ctx.activityId), type: 'registration', activityId: ctx.activityId, candidateId: 'cand-piet', region: 'twente',
      status: 'registered', channel: 'pre', newCandidate: false, registeredAt: '2026-11-01T10:00:00.000Z', registeredBy: 'anna', updatedAt: '2026-11-01T10:00:00.000Z', updatedBy: 'anna',
    });
    const r = await saveAtEvent(db, EMPTY_EVENT_FORM, ctx, 'cand-piet');
    expect(r).toMatchObject({ ok: true, checkedIn: true, registration: { status: 'attended', channel: 'pre' } });
    expect(await db.candidates.count().exec()).toBe(1);
    const later = newCandidate({ firstName: 'Nieuw', lastName: 'Later', email: 'later@example.nl', regions: ['twente'], ownerRegion: 'twente' }, { id: 'cand-later', user: 'anna', now: new Date().toISOString() });
    await db.candidates.insert(later);
    await expect.poll(() => index.lookup('later@example.nl', '')?.id).toBe('cand-later');
    index.stop();
    expect(phoneKey('0031 6 12345678')).toBe('0612345678');
  });
});
