import { describe, expect, it } from 'vitest';
import { DataKeyError, dataKeyFromBase64, fromBase64, newDataKey, open, seal, toBase64 } from './cipher';

describe('cipher for data at rest', () => {
  it('encodes base64 exactly like btoa for every length', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(toBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes)));
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
  });

  it('seals with a fresh nonce, opens only with the same key and context', () => {
    const key = newDataKey();
    const a = seal(key, 'Jansen', 'doc1');
    expect(a).not.toBe(seal(key, 'Jansen', 'doc1'));
    expect(a).not.toContain('Jansen');
    expect(open(key, a, 'doc1')).toBe('Jansen');
    expect(() => open(key, a, 'doc2')).toThrow(DataKeyError);
    expect(() => open(newDataKey(), a, 'doc1')).toThrow(DataKeyError);
    expect(() => open(key, a.slice(0, -4) + 'AAAA', 'doc1')).toThrow(DataKeyError);
  });

  it('decodes base64 like atob, with or without padding, and refuses other characters', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = btoa(String.fromCharCode(...bytes));
      expect(fromBase64(text.replace(/=+$/, ''))).toEqual(bytes);
      expect(fromBase64('v1.' + text, 3)).toEqual(bytes);
    }
    for (const bad of ['AB$D', 'ABCDE', 'AAA\u0141', 'A===', 'AB\u00e9D']) expect(() => fromBase64(bad)).toThrow();
  });

  it('still opens ciphertexts written by the first version (atob, TextEncoder, one nonce per call)', () => {
    const key = dataKeyFromBase64('AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=');
    const old = 'v1.EO4fREneQziQxZj0XbbpZXnKcZ/yHxt8xdlIPdF4x/KoJg7wEjSM0JyphLFwlQlWwUTmgjdF2vL8DHNVPU/80RZMdiSnW3C0UOO3Fc3OJiH6FnUSfzT0kgm1mdcstNYqI+pgi8hAxlbVyg==';
    expect(JSON.parse(open(key, old, 'cand-ä-1'))).toEqual({ firstName: 'Bülent', lastName: 'Jansen', email: 'b@example.nl' });
    expect(open(key, 'v1.15NIGZjKChzuvIeuqaoiSSGX8xDzN/3R6YUg5DwRHW4MkeTAuFa/1FA=', 'doc1')).toBe('x');
    expect(() => open(key, old, 'cand-a-1')).toThrow(DataKeyError);
  });

  it('never repeats a nonce across the pooled random bytes, and binds non-ASCII contexts', () => {
    const key = newDataKey();
    const nonces = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const s = seal(key, `n${i}`, `ïd-${i}`);
      nonces.add(s.slice(3, 35));
      expect(open(key, s, `ïd-${i}`)).toBe(`n${i}`);
      if (i % 97 === 0) expect(() => open(key, s, `id-${i}`)).toThrow(DataKeyError);
    }
    expect(nonces.size).toBe(1000);
  });
});
