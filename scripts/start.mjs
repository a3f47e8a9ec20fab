#!/usr/bin/env node
// `npm start`: builds what is missing or stale, starts the sync server with demo data, and opens
// the app in Electron when its binary is present; otherwise it prints the web app's address.
// It installs nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryPath } from './start-electron.mjs';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';

const root = new URL('..', import.meta.url).pathname;
const host = process.env.REGIODESK_HOST ?? '127.0.0.1';
const port = process.env.REGIODESK_PORT ?? '5984';
const base = `http://${host}:${port}`;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isStale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (isStale(join(root, 'dist/renderer/index.html'), ['src/renderer', 'src/shared'])) {
  console.log('Building the app (renderer)…');
  run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build']);
}
if (isStale(join(root, 'dist/main/main.cjs'), ['src/main', 'src/shared'])) {
  console.log('Building the desktop shell (main + preload)…');
  run(process.execPath, [join(root, 'scripts/build-main.mjs')]);
}

const server = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), ...SERVER_NODE_FLAGS, join(root, 'sync-server/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { REGIODESK_DEMO: '1', ...process.env },
});
server.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/_up`)).ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

if (!(await waitForServer())) {
  console.error(`The sync server did not answer at ${base} within 30 s.`);
  server.kill();
  process.exit(1);
}

const electron = electronBinaryPath();
if (electron) {
  const app = spawn(electron, [root], { cwd: root, stdio: 'inherit', env: { ...process.env, REGIODESK_SERVER: base } });
  app.on('exit', () => server.kill());
} else {
  console.log(`
Regiodesk is running.
  Web app:     ${base}/app/
  Sign in as:  anna / regiodesk (editor, Twente) — other demo users are in README.md
  (No Electron binary on this machine, so the desktop window is not opened.)
Press Ctrl+C to stop.`);
}
