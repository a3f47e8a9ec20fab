// @vitest-environment node
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBinaryPath } from '../../scripts/start-electron.mjs';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'regiodesk-electron-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('electronBinaryPath (scripts/start-electron.mjs)', () => {
  it('returns null when the electron package is absent', () => {
    expect(electronBinaryPath({ electronDir: null, env: {} })).toBeNull();
  });

  it('returns null when the binary was never extracted', () => {
    expect(electronBinaryPath({ electronDir: dir, env: {} })).toBeNull();
  });

  it('returns null when path.txt names a missing file', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    expect(electronBinaryPath({ electronDir: dir, env: {} })).toBeNull();
  });

  it('returns the extracted binary', async () => {
    await writeFile(path.join(dir, 'path.txt'), 'electron');
    await mkdir(path.join(dir, 'dist'));
    await writeFile(path.join(dir, 'dist', 'electron'), '');
    expect(electronBinaryPath({ electronDir: dir, env: {} })).toBe(path.join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(path.join(elsewhere, 'electron'), '');
    expect(electronBinaryPath({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: elsewhere } })).toBe(
      path.join(elsewhere, 'electron'),
    );
  });

  it('answers on this machine without trying to download anything', () => {
    const found = electronBinaryPath();
    expect(found === null || existsSync(found)).toBe(true);
  });
});
