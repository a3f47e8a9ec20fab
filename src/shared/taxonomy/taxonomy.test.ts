import { describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS, FUNCTIONS, PHASES, PILOT_PHASES, ROUTES, SECTORS, SOURCES, SUBJECTS, labelOf } from '.';

const all = { PHASES, SECTORS, FUNCTIONS, ROUTES, SUBJECTS, SOURCES, EDUCATION_LEVELS };

describe('taxonomies', () => {
  it.each(Object.entries(all))('%s has unique codes and both labels', (_name, terms) => {
    const codes = terms.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of terms) {
      expect(t.code).toMatch(/^[a-z][a-z_]*$/);
      expect(t.label.nl.length).toBeGreaterThan(0);
      expect(t.label.en.length).toBeGreaterThan(0);
    }
  });

  it('keeps the pilot phases in journey order', () => {
    expect(PILOT_PHASES).toEqual(['nieuw', 'orienteren', 'voorbereiden', 'matchen']);
    expect(labelOf(PHASES, 'orienteren')).toBe('Oriënteren');
  });

  it('covers the sectors of DOMAIN.md', () => {
    expect(SECTORS.map((s) => s.code)).toEqual(['po', 'so', 'vo', 'pro', 'mbo', 'ho']);
  });

  it('falls back to the code for an unknown term and speaks English on request', () => {
    expect(labelOf(SECTORS, 'xx')).toBe('xx');
    expect(labelOf(SECTORS, 'po', 'en')).toBe('Primary education');
  });
});
