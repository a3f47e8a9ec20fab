import { describe, expect, it } from 'vitest';
import { formatDate } from './format';

describe('formatDate', () => {
  it('formats a calendar date', () => {
    expect(formatDate('2026-11-26', 'nl')).toBe('26 november 2026');
    expect(formatDate('2026-11-26', 'en')).toBe('26 November 2026');
  });

  it('formats a whole timestamp by its day instead of showing it raw (the retention cutoff)', () => {
    const iso = new Date(2024, 10, 26, 19, 54, 51).toISOString(); // 26 November 2024, local time
    expect(formatDate(iso, 'nl')).toBe('26 november 2024');
  });

  it('gives back what it cannot read', () => {
    expect(formatDate('geen datum', 'nl')).toBe('geen datum');
    expect(formatDate(undefined, 'nl')).toBe('');
  });
});
