// @vitest-environment node
/**
 * Runs Doyensec's electronegativity (static checks for Electron misconfigurations) over the main
 * process and fails on any HIGH finding. It works offline: it only warns that it could not fetch
 * Electron's release list, so the Electron version is passed explicitly.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const ELECTRON_VERSION = '45.5.0';

interface Finding {
  issue: string;
  severity: string;
  filename: string;
  location: string;
}

/**
 * HIGH findings accepted with a reason, as "CHECK file". Empty on purpose: the window's
 * webPreferences are written literally in window.ts so the checker can see them.
 */
const ALLOWED_HIGH: ReadonlySet<string> = new Set<string>([]);

async function scan(): Promise<Finding[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'regiodesk-eneg-'));
  try {
    const out = path.join(dir, 'findings.csv');
    const bin = path.join(root, 'node_modules', '.bin', 'electronegativity');
    await run(bin, ['-i', path.join(root, 'src', 'main'), '-o', out, '-e', ELECTRON_VERSION, '-r'], {
      cwd: root,
      timeout: 60_000,
    });
    const parsed = Papa.parse<Record<string, string>>(await readFile(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
      transformHeader: (header) => header.trim(),
    });
    return parsed.data.map((row) => ({
      issue: row.issue ?? '',
      severity: (row.severity ?? '').trim(),
      filename: (row.filename ?? '').trim(),
      location: (row.location ?? '').trim(),
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('electronegativity over src/main', () => {
  it('reports no HIGH findings outside the allow-list', async () => {
    const findings = await scan();
    // The scan really ran: it always has something to say (e.g. the reviewed openExternal calls).
    expect(findings.length).toBeGreaterThan(0);
    const high = findings
      .filter((finding) => finding.severity === 'HIGH')
      .map((finding) => `${finding.issue} ${finding.filename}`)
      .filter((key) => !ALLOWED_HIGH.has(key));
    expect(high).toEqual([]);
  }, 90_000);
});
