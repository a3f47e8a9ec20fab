import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) of process trees, from /proc: what a bench's children used —
 * Chromium's browser process (where IndexedDB does its work), its renderers and helpers, a
 * server — which the page's own ThreadTime does not see. Linux only.
 */
export interface ProcessTrees {
  /** CPU seconds of every descendant of `root` (not `root` itself). */
  descendantsOf(root: number): number;
  /** The pids of `root` and all its descendants. */
  tree(root: number): Set<number>;
  /** CPU seconds of one process. */
  cpuOf(pid: number): number;
}

export function readProcessTrees(): ProcessTrees {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // gone meanwhile
    }
  }
  const tree = (root: number): Set<number> => {
    const set = new Set([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, st] of stats) if (!set.has(pid) && set.has(st.ppid)) (set.add(pid), (grew = true));
    }
    return set;
  };
  const cpuOf = (pid: number) => (stats.get(pid)?.ticks ?? 0) / 100;
  return {
    tree,
    cpuOf,
    descendantsOf(root) {
      let s = 0;
      for (const pid of tree(root)) if (pid !== root) s += cpuOf(pid);
      return s;
    },
  };
}
