// Summarises a .cpuprofile: self time per function (top N) and per package/folder.
// Usage: node bench/support/profile-top.mjs file.cpuprofile [N]
import { readFileSync } from 'node:fs';

const [file, topN = '30'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas;
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const fn = new Map();
const area = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const url = cf.url.replace(/^file:\/\//, '');
  const key = `${cf.functionName || '(anon)'} ${url.split('/').slice(-2).join('/')}:${cf.lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  const a = m ? m[1] : url.includes('regiodesk-reliability') ? 'server bundle' : url ? url.split('/').slice(0, 4).join('/') : cf.functionName || '(native)';
  area.set(a, (area.get(a) ?? 0) + us);
}
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + ' %';
console.log(`total sampled ${(total / 1e6).toFixed(2)} s`);
console.log('-- by area');
for (const [k, v] of [...area].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(pct(v), k);
console.log('-- by function');
for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, Number(topN))) console.log(pct(v), k);
