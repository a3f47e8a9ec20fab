import { beforeEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../app/session';
import { toBase64 } from '../../db/cipher';
import { currentDataKey, forgetDataKey, rewrapOpenKey, rewrapWithPreviousPassword, unlockDataKey, useDataKey } from './keyring';

const S = 'http://127.0.0.1:5984';
const FAST = 1000; // PBKDF2 iterations: the real 310,000 belongs in the app, not in a unit test

describe('web mode data key wrapped by the password', () => {
  beforeEach(() => forgetDataKey());

  it('makes a random key once, stores it only wrapped, and gives it back for the same password', async () => {
    const store = memoryStore();
    expect(await unlockDataKey(S, 'anna', 'geheim-1', store, FAST)).toBe('ok');
    const key = currentDataKey()!;
    expect(key).toHaveLength(32);
    const stored = [...store.data.values()].join('\n');
    expect(stored).not.toContain(toBase64(key));
    expect(stored).not.toContain('geheim-1');
    forgetDataKey();
    expect(await unlockDataKey(S, 'anna', 'geheim-1', store, FAST)).toBe('ok');
    expect(currentDataKey()).toEqual(key);
  });

  it('after a password change asks for the previous one and keeps the same data key', async () => {
    const store = memoryStore();
    await unlockDataKey(S, 'anna', 'oud-wachtwoord', store, FAST);
    const key = currentDataKey()!;
    forgetDataKey();

    expect(await unlockDataKey(S, 'anna', 'nieuw-wachtwoord', store, FAST)).toBe('changed');
    expect(currentDataKey()).toBeNull();
    expect(useDataKey.getState().needed).toBe(true);
    expect(await rewrapWithPreviousPassword('fout', store)).toBe(false);
    expect(useDataKey.getState().changed).not.toBeNull(); // still asking, nothing lost
    expect(await rewrapWithPreviousPassword('oud-wachtwoord', store)).toBe(true);
    expect(currentDataKey()).toEqual(key);

    // From now on the new password opens it, and the old one no longer does.
    forgetDataKey();
    expect(await unlockDataKey(S, 'anna', 'nieuw-wachtwoord', store, FAST)).toBe('ok');
    expect(currentDataKey()).toEqual(key);
    forgetDataKey();
    expect(await unlockDataKey(S, 'anna', 'oud-wachtwoord', store, FAST)).toBe('changed');
  });

  it('re-wraps an open key when the password changed while the app was only locked', async () => {
    const store = memoryStore();
    await unlockDataKey(S, 'anna', 'voor', store, FAST);
    const key = currentDataKey()!;
    await rewrapOpenKey(S, 'anna', 'na', store, FAST);
    forgetDataKey();
    expect(await unlockDataKey(S, 'anna', 'na', store, FAST)).toBe('ok');
    expect(currentDataKey()).toEqual(key);
  });

  it('keeps users apart', async () => {
    const store = memoryStore();
    await unlockDataKey(S, 'anna', 'pw-anna', store, FAST);
    const anna = currentDataKey();
    forgetDataKey();
    await unlockDataKey(S, 'bert', 'pw-bert', store, FAST);
    expect(currentDataKey()).not.toEqual(anna);
  });
});
