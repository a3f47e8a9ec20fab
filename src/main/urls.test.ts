// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isAllowedOrigin, isHttpsUrl, originOf } from './urls';

describe('originOf', () => {
  it('computes app:// origins, which Node reports as "null"', () => {
    expect(new URL('app://regiodesk/index.html').origin).toBe('null');
    expect(originOf('app://regiodesk/index.html')).toBe(APP_ORIGIN);
    expect(originOf('app://REGIODESK/x')).toBe(APP_ORIGIN);
  });

  it('keeps ports apart and refuses schemes without a trustworthy origin', () => {
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('data:text/html,hi')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('isAllowedOrigin', () => {
  it('accepts only exact origins', () => {
    expect(isAllowedOrigin('app://regiodesk/a/b', [APP_ORIGIN])).toBe(true);
    expect(isAllowedOrigin('app://regiodesk.evil/a', [APP_ORIGIN])).toBe(false);
    expect(isAllowedOrigin('app://evil/regiodesk', [APP_ORIGIN])).toBe(false);
    expect(isAllowedOrigin('http://localhost:5174/', ['http://localhost:5173'])).toBe(false);
  });
});

describe('isHttpsUrl', () => {
  it('accepts https only', () => {
    expect(isHttpsUrl('https://example.nl/path')).toBe(true);
    expect(isHttpsUrl('http://example.nl')).toBe(false);
    expect(isHttpsUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpsUrl('file:///etc/passwd')).toBe(false);
    expect(isHttpsUrl(42)).toBe(false);
  });
});
