import { describe, expect, it } from 'vitest';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { DataKeyError, dataKeyFromBase64, forgetCipherKeys, fromBase64, newDataKey, open, seal, toBase64 } from './cipher';

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

  it('writes and reads the same XChaCha20-Poly1305 box as noble, both ways, for any length', () => {
    const key = newDataKey();
    const ctx = new TextEncoder().encode('cand-7');
    for (let n = 0; n < 300; n += 7) {
      const text = 'ä'.repeat(n % 5) + 'x'.repeat(n);
      const bytes = fromBase64(seal(key, text, 'cand-7'), 3);
      const plain = xchacha20poly1305(key, bytes.subarray(0, 24), ctx).decrypt(bytes.subarray(24));
      expect(new TextDecoder().decode(plain)).toBe(text);
      const nonce = crypto.getRandomValues(new Uint8Array(24));
      const box = xchacha20poly1305(key, nonce, ctx).encrypt(new TextEncoder().encode(text));
      const theirs = new Uint8Array(24 + box.length);
      theirs.set(nonce);
      theirs.set(box, 24);
      expect(open(key, 'v1.' + toBase64(theirs), 'cand-7')).toBe(text);
    }
  });

  it('keeps nonces unique over groups and keys, and opens records of interleaved groups and keys', () => {
    const a = newDataKey();
    const b = newDataKey();
    const sealed: Array<[Uint8Array, string, string]> = [];
    const nonces = new Set<string>();
    for (let i = 0; i < 1500; i++) {
      // Mostly key a, now and then key b: each switch starts a new group.
      const key = i % 301 === 0 ? b : a;
      const s = seal(key, `t${i}`, `id${i}`);
      nonces.add(s.slice(3, 35));
      sealed.push([key, s, `id${i}`]);
    }
    expect(nonces.size).toBe(1500);
    // Opened out of order: the cached subkey must follow each record's own key and nonce prefix.
    for (let i = sealed.length - 1; i >= 0; i -= 3) {
      const [key, s, ctx] = sealed[i]!;
      expect(open(key, s, ctx)).toBe(`t${i}`);
      expect(() => open(key === a ? b : a, s, ctx)).toThrow(DataKeyError);
    }
  });

  it('forgets the cached key and subkeys at logout: the next seal starts a new group, old records still open with the key', () => {
    const key = newDataKey();
    const prefix = (sealed: string) => fromBase64(sealed.slice(3)).subarray(0, 16).join();
    const before = seal(key, 'voor', 'ctx');
    expect(prefix(seal(key, 'zelfde groep', 'ctx'))).toBe(prefix(before));
    forgetCipherKeys();
    const after = seal(key, 'na', 'ctx');
    expect(prefix(after)).not.toBe(prefix(before));
    expect(open(key, before, 'ctx')).toBe('voor');
    expect(open(key, after, 'ctx')).toBe('na');
  });
});
