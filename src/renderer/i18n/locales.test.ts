import { describe, expect, it } from 'vitest';
import { mergeLocales } from '.';

const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function keys(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('has the same keys in Dutch and English, for every feature', () => {
    const { nl, en } = mergeLocales(Object.entries(files));
    expect(keys(en).sort()).toEqual(keys(nl).sort());
    expect(keys(nl).length).toBeGreaterThan(50);
  });

  it('refuses a top-level key defined by two feature files', () => {
    expect(() =>
      mergeLocales([
        ['./locales/nl/a.json', { tasks: {} }],
        ['./locales/nl/b.json', { tasks: {} }],
      ]),
    ).toThrow(/defined twice/);
  });
});
