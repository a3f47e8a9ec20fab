// @vitest-environment node
/**
 * electron-builder.yml cannot be exercised here (no platform binaries can be downloaded), so it
 * is checked against electron-builder's own JSON schema and for the settings that matter for
 * security and for IT departments: fuses, per-user install, hardened runtime, update feed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
// js-yaml (electron-builder's own YAML reader) ships no type declarations.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    // The validator is live: an unknown key is rejected.
    expect(validate({ ...config, nsis: { ...config.nsis, perMachineTypo: true } })).toBe(false);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('targets NSIS per user, dmg with hardened runtime and notarisation, AppImage and deb', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('entitlements allow nothing beyond what V8 needs', () => {
    const plist = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(/disable-library-validation|allow-dyld-environment-variables|allow-unsigned-executable-memory/);
  });

  it('has an icon of at least 512×512 in build/', () => {
    const png = readFileSync(path.join(root, config.directories.buildResources, 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('publishes a generic https feed in the sync server /updates/<os>/ layout', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https:\/\/[^/]+\/updates\/\$\{os\}$/);
  });

  it('packages only the built app', () => {
    expect(config.files).toEqual(['dist/main/**', 'dist/renderer/**', 'package.json']);
    expect(existsSync(path.join(root, 'build', 'entitlements.mac.plist'))).toBe(true);
  });
});
