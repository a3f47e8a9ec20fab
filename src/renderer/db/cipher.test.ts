import { describe, expect, it } from 'vitest';
import { DataKeyError, fromBase64, newDataKey, open, seal, toBase64 } from './cipher';

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
});
