// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { RegiodeskBridge } from '../../../shared/bridge';
import { memoryStore } from '../../app/session';
import { deriveDataKey, localDataKey } from './dataKey';
import { createVerifier } from './verifier';

describe('local data key', () => {
  it('web: derives the same 256-bit key from the same password, another from another password or user', async () => {
    const store = memoryStore();
    const a = await deriveDataKey('Tulp-Paard-42', 'https://s.nl', 'anna', store, 1000);
    expect(atob(a)).toHaveLength(32);
    expect(await deriveDataKey('Tulp-Paard-42', 'https://S.nl/', 'anna', store, 1000)).toBe(a);
    expect(await deriveDataKey('Tulp-Paard-43', 'https://s.nl', 'anna', store, 1000)).not.toBe(a);
    expect(await deriveDataKey('Tulp-Paard-42', 'https://s.nl', 'bram', store, 1000)).not.toBe(a);
    // Only salts are stored: neither the key nor the password.
    const stored = [...store.data.values()].join('|');
    expect(stored).not.toContain(a);
    expect(stored).not.toContain('Tulp');
  });

  it('web: is unrelated to the unlock verifier of the same password', async () => {
    const store = memoryStore();
    const key = await deriveDataKey('pw', 'https://s.nl', 'anna', store, 1000);
    const verifier = await createVerifier('pw', 1000);
    expect(verifier.hash).not.toBe(key);
  });

  it('desktop: asks the main process (OS keychain) and derives nothing', async () => {
    const get = vi.fn(async () => 'D'.repeat(43) + '=');
    const desktop = { dataKey: { get, forget: vi.fn() } } as unknown as RegiodeskBridge;
    const store = memoryStore();
    await expect(localDataKey(desktop, { password: 'pw', server: 's', user: 'u', store })).resolves.toBe('D'.repeat(43) + '=');
    expect(store.data.size).toBe(0);
  });
});
