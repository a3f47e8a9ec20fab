// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../sync-server/testing';
import { memoryStore } from '../../app/session';
import { verifyPassword } from './unlock';
import { checkVerifier, createVerifier, loadVerifier, rememberVerifier } from './verifier';

let server: TestServer;
const OFFLINE = 'http://127.0.0.1:9';

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 5 });
});

afterAll(async () => {
  await server?.close();
});

describe('password verifier (PBKDF2)', () => {
  it('accepts the password, refuses others, and stores no trace of the password', async () => {
    const verifier = await createVerifier('Tulp-Paard-42', 1000);
    expect(await checkVerifier('Tulp-Paard-42', verifier)).toBe(true);
    expect(await checkVerifier('tulp-paard-42', verifier)).toBe(false);
    const store = memoryStore();
    await rememberVerifier(store, 'https://sync.nl/', 'anna', 'Tulp-Paard-42');
    const raw = [...store.data.values()].join('');
    expect(raw).not.toContain('Tulp');
    expect(raw).not.toContain(btoa('Tulp-Paard-42'));
    expect(loadVerifier(store, 'https://SYNC.nl', 'anna')?.iterations).toBe(310_000);
    // Salted: the same password gives a different verifier each time.
    expect((await createVerifier('x', 1000)).hash).not.toBe((await createVerifier('x', 1000)).hash);
  });
});

describe('unlocking', () => {
  it('asks the server when online and refreshes the local verifier', async () => {
    const store = memoryStore();
    await expect(verifyPassword(server.url, 'anna', 'wrong', store)).resolves.toBe('wrong');
    expect(loadVerifier(store, server.url, 'anna')).toBeNull();
    await expect(verifyPassword(server.url, 'anna', 'regiodesk', store)).resolves.toBe('ok');
    expect(loadVerifier(store, server.url, 'anna')).not.toBeNull();
  });

  it('uses the local verifier when the server cannot be reached', async () => {
    const store = memoryStore();
    await expect(verifyPassword(OFFLINE, 'anna', 'regiodesk', store)).resolves.toBe('noVerifier');
    await rememberVerifier(store, OFFLINE, 'anna', 'regiodesk');
    await expect(verifyPassword(OFFLINE, 'anna', 'regiodesk', store)).resolves.toBe('ok');
    await expect(verifyPassword(OFFLINE, 'anna', 'regiodesk!', store)).resolves.toBe('wrong');
  });
});
