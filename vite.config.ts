import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = fileURLToPath(new URL('./src/renderer', import.meta.url));
// REGIODESK_RENDERER_OUT lets parallel work build elsewhere than the dist/renderer that tests serve.
const outDir = process.env.REGIODESK_RENDERER_OUT ?? fileURLToPath(new URL('./dist/renderer', import.meta.url));

/** Identifies one build; the service worker is registered with it so a new build installs a new worker. */
const BUILD_ID = Date.now().toString(36);

/**
 * Writes `precache-manifest.json` next to the built files: the list of everything the bundle
 * emitted (index.html, hashed scripts and styles), for the service worker to cache at install.
 */
function precacheManifest(): Plugin {
  return {
    name: 'regiodesk-precache-manifest',
    apply: 'build',
    // After writing: by then the bundle also holds index.html (emitted late by Vite's html plugin).
    writeBundle(options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map'))
        .sort();
      const dir = options.dir ?? outDir;
      writeFileSync(join(dir, 'precache-manifest.json'), JSON.stringify({ build: BUILD_ID, files }, null, 1));
    },
  };
}

/**
 * Production builds get a Content-Security-Policy meta tag (the dev server needs inline scripts
 * for React refresh, so development goes without). connect-src allows http(s) because the sync
 * server may be another origin (Electron's app:// page talking to a server on the network).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self' http: https:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'regiodesk-csp',
    apply: 'build',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head' }];
    },
  };
}

export default defineConfig({
  root,
  base: './',
  // Relative to root: src/renderer/public (sw.js and other static files, copied as they are).
  publicDir: 'public',
  plugins: [react(), precacheManifest(), contentSecurityPolicy()],
  define: {
    __REGIODESK_BUILD_ID__: JSON.stringify(BUILD_ID),
  },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    strictPort: false,
    // In development the app talks to a local sync server through this proxy, so the login form's
    // default (the page's own origin) works and the session cookie stays first-party.
    proxy: {
      '^/(_session|_all_dbs|region-[^/]+)(/.*)?$': {
        target: process.env.REGIODESK_DEV_SERVER ?? 'http://127.0.0.1:5990',
        changeOrigin: true,
      },
    },
  },
});
