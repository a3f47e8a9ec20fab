// Bundles the Electron main process and preload into dist/main as CommonJS.
// Electron loads the main entry through package.json "main" (dist/main/main.cjs); the preload
// runs sandboxed, where `require` only knows 'electron' and a few polyfills, so it must be one
// self-contained file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'main');

const shared = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  outExtension: { '.js': '.cjs' },
  sourcemap: false,
  logLevel: 'info',
  absWorkingDir: root,
};

await build({ ...shared, entryPoints: { main: 'src/main/main.ts' }, outdir });
await build({ ...shared, entryPoints: { preload: 'src/main/preload.ts' }, outdir });

// Fail the build rather than ship a preload that dies at startup in the sandbox.
const preload = await readFile(path.join(outdir, 'preload.cjs'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
const forbidden = required.filter((name) => name !== 'electron');
if (forbidden.length > 0) {
  console.error(`preload.cjs must only require 'electron', but requires: ${forbidden.join(', ')}`);
  process.exit(1);
}
