/**
 * npm run bench — every `bench:<name>` script of package.json, one after the other (never in
 * parallel: each measures against a baseline in the same run, and parallel runs would disturb
 * each other). Exit code 1 when one of them fails; the others still run.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
const names = Object.keys(pkg.scripts ?? {})
  .filter((s) => s.startsWith('bench:'))
  .sort();

let failed = 0;
for (const name of names) {
  console.log(`\n=== npm run ${name} ===`);
  const r = spawnSync('npm', ['run', '--silent', name], { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`=== ${name} failed (exit ${r.status ?? r.signal}) ===`);
  }
}
console.log(`\n${names.length - failed} of ${names.length} benchmarks ran: ${names.join(', ')}`);
process.exit(failed ? 1 : 0);
