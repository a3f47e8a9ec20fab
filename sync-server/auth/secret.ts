import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a random secret kept in the data folder, creating it (mode 0600) on first use. Used to
 * sign session cookies; never logged.
 */
export async function loadOrCreateSecret(dataDir: string, file = 'session-secret'): Promise<Buffer> {
  const p = path.join(dataDir, file);
  try {
    const text = (await readFile(p, 'utf8')).trim();
    if (text.length >= 64) return Buffer.from(text, 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  await writeFile(p, secret.toString('hex') + '\n', { mode: 0o600, flag: 'w' });
  await chmod(p, 0o600);
  return secret;
}
