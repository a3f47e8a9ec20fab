// Finds the Electron binary for `npm start`, which opens the desktop window when it exists and
// otherwise prints the web app's address. Importing this file does nothing by itself.
//
// Deliberately not `require('electron')`: in electron 45 that runs install.js when the binary is
// missing, i.e. a blocking download attempt (with a stack trace on stderr) before it throws. This
// reads the same files the package's index.js reads, and never touches the network.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

function installedElectronDir() {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * @param {{ env?: NodeJS.ProcessEnv, electronDir?: string | null }} [options] overridable for tests
 * @returns {string | null} absolute path of an existing Electron executable, or null
 */
export function electronBinaryPath(options = {}) {
  const env = options.env ?? process.env;
  const electronDir = options.electronDir === undefined ? installedElectronDir() : options.electronDir;
  if (!electronDir) return null;

  let executable = '';
  try {
    // path.txt names the executable inside dist/ (e.g. "electron", "Electron.app/Contents/MacOS/Electron").
    executable = readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    // No path.txt: the binary was never extracted.
  }

  // Same override the electron package honours, for binaries installed elsewhere.
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, executable || 'electron')
    : executable
      ? path.join(electronDir, 'dist', executable)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
