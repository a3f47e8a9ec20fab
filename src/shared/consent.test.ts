import { describe, expect, it } from 'vitest';
import {
  CONSENT_CHANNELS,
  CONSENT_TEXTS,
  consentStatus,
  CURRENT_CONSENT_VERSION,
  giveConsent,
  withdrawConsent,
} from './consent';
import { candidateSchema, newCandidate } from './domain/candidate';
import { candidateMigrations, CANDIDATE_SCHEMA_VERSION } from './domain/candidate.collection';
import { validate } from './domain/validation';
import { INTAKE_CONSENT_TEXT, INTAKE_CONSENT_VERSION } from './intake/snippet';
import { intakeToCandidate } from './intake/mapping';

const NOW = '2026-11-25T10:00:00.000Z';
const candidate = (consent: unknown) =>
  newCandidate({ firstName: 'Sanne', lastName: 'de Vries', regions: ['utrecht'], ownerRegion: 'utrecht', consent: consent as never }, { id: 'c1', user: 'anna', now: NOW });

describe('consent texts', () => {
  it('has a current, known text for every channel, and versions that fit the schema', () => {
    for (const channel of CONSENT_CHANNELS) {
      const version = CURRENT_CONSENT_VERSION[channel];
      expect(CONSENT_TEXTS[version]?.channel).toBe(channel);
      expect(version.length).toBeLessThanOrEqual(40);
    }
  });

  it('is what the website snippet shows and records', () => {
    expect(INTAKE_CONSENT_VERSION).toBe(CURRENT_CONSENT_VERSION.website);
    expect(INTAKE_CONSENT_TEXT).toBe(CONSENT_TEXTS[INTAKE_CONSENT_VERSION]!.text);
  });
});

describe('giveConsent and consentStatus', () => {
  it('records purpose, version, date and channel, valid in the candidate schema', () => {
    for (const channel of CONSENT_CHANNELS) {
      const consent = giveConsent(channel, NOW);
      expect(consent).toMatchObject({ given: true, date: '2026-11-25', version: CURRENT_CONSENT_VERSION[channel], channel });
      expect(consent.purpose).toBeTruthy();
      expect(validate(candidateSchema, candidate(consent)).ok).toBe(true);
      expect(consentStatus(consent)).toBe('valid');
    }
  });

  it('flags missing, old-style and unknown-version consent', () => {
    expect(consentStatus(undefined)).toBe('missing');
    expect(consentStatus({ given: false })).toBe('missing');
    expect(consentStatus({ given: true })).toBe('incomplete');
    expect(consentStatus({ given: true, date: '2026-01-01', version: 'made-up' })).toBe('incomplete');
  });

  it('records a withdrawal that keeps the evidence and stays schema-valid', () => {
    const withdrawn = withdrawConsent(giveConsent('event', NOW), NOW, 'anna');
    expect(withdrawn).toMatchObject({ given: false, withdrawnAt: NOW, withdrawnBy: 'anna', erasure: 'pending', version: CURRENT_CONSENT_VERSION.event });
    expect(consentStatus(withdrawn)).toBe('withdrawn');
    expect(validate(candidateSchema, candidate(withdrawn)).ok).toBe(true);
    expect(validate(candidateSchema, candidate({ ...withdrawn, channel: 'fax' })).ok).toBe(false);
  });

  it('the website intake records the website channel', () => {
    const r = intakeToCandidate(
      { firstName: 'Piet', lastName: 'Jansen', consent: true, consentVersion: INTAKE_CONSENT_VERSION },
      { id: 'c2', region: 'utrecht', now: NOW },
    );
    if (!r.ok || !('candidate' in r)) throw new Error('expected a candidate');
    expect(r.candidate.consent).toMatchObject({ given: true, channel: 'website', version: INTAKE_CONSENT_VERSION, date: '2026-11-25' });
  });
});

describe('candidate schema v2', () => {
  it('keeps a v1 candidate unchanged and valid', () => {
    expect(CANDIDATE_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    const v1 = candidate({ given: true, purpose: 'oud', date: '2025-01-01', version: 'intake-2026-1' });
    const v2 = candidateMigrations[2]!({ ...v1 });
    expect(v2).toEqual(v1);
    expect(validate(candidateSchema, v2).ok).toBe(true);
  });
});
