import { describe, expect, it } from 'vitest';
import { SessionTokens } from './session';

describe('SessionTokens (verified tokens remembered)', () => {
  it('still refuses a remembered token after a password change and after expiry', () => {
    let now = 1_000_000_000_000;
    const tokens = new SessionTokens(Buffer.from('secret'), 60, () => now);
    const t = tokens.issue('anna', 'hash-1');
    expect(tokens.verify(t, 'hash-1')).toBe(true);
    expect(tokens.verify(t, 'hash-1')).toBe(true); // from memory
    expect(tokens.verify(t, 'hash-2')).toBe(false); // new password hash: a new key
    now += 61_000;
    expect(tokens.verify(t, 'hash-1')).toBe(false); // expired, remembered or not
  });

  it('refuses a forged token and does not remember it', () => {
    const tokens = new SessionTokens(Buffer.from('secret'), 60);
    const other = new SessionTokens(Buffer.from('other'), 60);
    const forged = other.issue('anna', 'hash-1');
    expect(tokens.verify(forged, 'hash-1')).toBe(false);
    expect(tokens.verify(forged, 'hash-1')).toBe(false);
    expect(SessionTokens.peek('not a token')).toBeNull();
  });
});
