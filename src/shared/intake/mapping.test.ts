import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { candidateSchema } from '../domain/candidate';
import { INTAKE_HONEYPOT } from './fields';
import { intakeToCandidate, parseFormBody } from './mapping';
import { escapeHtml, intakeSnippet } from './snippet';

const ctx = { id: 'abc123', region: 'twente', now: '2026-11-25T10:00:00.000Z' };
const good = { firstName: ' Sanne ', lastName: 'de Vries', email: 'Sanne@Example.NL', consent: 'on', consentVersion: 'v1' };

describe('intakeToCandidate', () => {
  it('maps a submission to a new website candidate of the region with consent recorded', () => {
    const r = intakeToCandidate({ ...good, sectors: 'po, VO', functions: ['docent'], message: 'Ik wil lesgeven', postcode: '7511ab', extra: 'x' }, ctx);
    if (!r.ok || 'honeypot' in r) throw new Error('expected a candidate');
    expect(r.candidate).toMatchObject({
      id: 'abc123', firstName: 'Sanne', email: 'sanne@example.nl', phase: 'nieuw', source: 'website',
      sectors: ['po', 'vo'], functions: ['docent'], motivation: 'Ik wil lesgeven', postcode: '7511 AB',
      regions: ['twente'], ownerRegion: 'twente', consent: { given: true, version: 'v1', date: '2026-11-25' },
    });
    expect(r.ignored).toEqual(['extra']);
    expect(candidateSchema.safeParse(r.candidate).success).toBe(true);
  });

  it('accepts consent as true, "true" or "on" and nothing else', () => {
    for (const consent of [true, 'true', 'on']) expect(intakeToCandidate({ ...good, consent }, ctx).ok).toBe(true);
    for (const consent of [undefined, false, 'false', 'off', 1, 'yes', '']) {
      const r = intakeToCandidate({ ...good, consent }, ctx);
      expect(r).toMatchObject({ ok: false, errors: { consent: 'consentRequired' } });
    }
    expect(intakeToCandidate({ ...good, consentVersion: ' ' }, ctx)).toMatchObject({ ok: false, errors: { consentVersion: 'required' } });
  });

  it('names errors after the public fields', () => {
    expect(intakeToCandidate({ ...good, email: 'nope', sectors: ['xx'], firstName: 42 }, ctx)).toMatchObject({
      ok: false,
      errors: { firstName: 'invalidType' },
    });
    expect(intakeToCandidate({ ...good, email: 'nope', sectors: ['xx'], message: 'x'.repeat(6000) }, ctx)).toMatchObject({
      ok: false,
      errors: { email: 'invalidEmail', sectors: 'invalidChoice', message: 'tooLong' },
    });
    expect(intakeToCandidate({ ...good, lastName: '' }, ctx)).toMatchObject({ ok: false, errors: { lastName: 'required' } });
    expect(intakeToCandidate([good], ctx)).toMatchObject({ ok: false });
  });

  it('treats a filled honeypot as a bot', () => {
    expect(intakeToCandidate({ ...good, [INTAKE_HONEYPOT]: 'http://spam' }, ctx)).toEqual({ ok: true, honeypot: true });
  });

  it('never throws and only yields valid candidates (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), fc.object({ maxDepth: 1 }));
    const key = fc.constantFrom('firstName', 'lastName', 'email', 'phone', 'postcode', 'place', 'sectors', 'functions', 'subjects', 'message', 'consent', 'consentVersion', '__proto__', 'other');
    fc.assert(
      fc.property(fc.dictionary(key, value), (body) => {
        const r = intakeToCandidate({ ...good, ...body }, ctx);
        if (r.ok && !('honeypot' in r)) expect(candidateSchema.safeParse(r.candidate).success).toBe(true);
        if (!r.ok) expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('parseFormBody', () => {
  it('turns repeated keys into lists and ignores prototype keys', () => {
    expect(parseFormBody('sectors=po&sectors=vo&firstName=J%C3%A9&__proto__=x&consent=on')).toEqual({
      sectors: ['po', 'vo'], firstName: 'Jé', consent: 'on',
    });
  });
});

describe('intakeSnippet', () => {
  it('escapes the region name and posts to the region endpoint', () => {
    const html = intakeSnippet({ server: 'https://rd.example.nl/', region: 'twente', regionName: '<b>Twente</b>' });
    expect(html).toContain('action="https://rd.example.nl/intake/twente"');
    expect(html).toContain('&lt;b&gt;Twente&lt;/b&gt;');
    expect(html).not.toContain('<b>Twente');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });
});
