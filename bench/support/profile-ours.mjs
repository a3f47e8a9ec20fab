// Inclusive time of the server's own functions in a .cpuprofile (frames in the esbuild bundle),
// and what the native "(anonymous)" frames hang under. Usage: node profile-ours.mjs file [N]
import { readFileSync } from 'node:fs';

const [file, topN = '30'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const ours = (n) => /regiodesk-reliability|sync-server/.test(n.callFrame.url);
const incl = new Map();
const under = new Map();
for (const [id, us] of self) {
  const seen = new Set();
  let first = null;
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (ours(n)) {
      const k = name(n);
      if (!seen.has(k)) incl.set(k, (incl.get(k) ?? 0) + us), seen.add(k);
      first ??= k;
    }
  }
  const n = byId.get(id);
  if (!n.callFrame.url && n.callFrame.functionName === '') {
    const par = parent.get(id) !== undefined ? name(byId.get(parent.get(id))) : '(root)';
    under.set(par, (under.get(par) ?? 0) + us);
  }
}
const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + ' %';
console.log(`total ${(total / 1e6).toFixed(2)} s; our functions, inclusive:`);
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(topN))) console.log(pct(v), k);
console.log('-- native (anonymous) frames by parent');
for (const [k, v] of [...under].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(pct(v), k);
