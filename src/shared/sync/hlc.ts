/**
 * Hybrid logical clocks (Kulkarni et al.): wall time in ms, a counter for events within the same
 * millisecond (or while the wall clock lags behind a clock we have seen), and the node id as a
 * final tie-break. The string form sorts like the clock: `<ms, 15 digits>-<counter, 5 digits>-<node>`.
 *
 * `receive` moves the local clock past every clock seen from others, so after a laptop with a
 * clock running days ahead has synced, everybody's next edit still beats its earlier ones: a
 * wrong clock wins only edits made before anyone saw its clock, never forever.
 */
export interface HlcState {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;

export function formatHlc(c: HlcState): string {
  return `${String(c.wall).padStart(WALL_DIGITS, '0')}-${String(c.counter).padStart(COUNTER_DIGITS, '0')}-${c.node}`;
}

export function parseHlc(s: string): HlcState | null {
  const m = /^(\d{15})-(\d{5})-(.+)$/.exec(s);
  if (!m) return null;
  return { wall: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

/** Compares two clock strings; the string order is the clock order. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two clock strings (undefined counts as earliest). */
export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareHlc(a, b) >= 0 ? a : b;
}

/** A node id that is safe in the string form: letters, digits, `_`, at most 24 characters. */
export function sanitizeNode(node: string): string {
  return (node.replace(/[^A-Za-z0-9_]/g, '').slice(0, 24) || 'node');
}

export class Hlc {
  private wall = 0;
  private counter = 0;
  readonly node: string;

  constructor(node: string, private readonly now: () => number = Date.now, last?: string | null) {
    this.node = sanitizeNode(node);
    const p = last ? parseHlc(last) : null;
    if (p) {
      this.wall = p.wall;
      this.counter = p.counter;
    }
  }

  /** A new clock for a local event, later than every clock this node issued or received. */
  tick(): string {
    const pt = this.now();
    if (pt > this.wall) {
      this.wall = pt;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current();
  }

  /** Takes in a clock seen from another node: the next tick is later than it. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    if (!r) return;
    const pt = this.now();
    const wall = Math.max(this.wall, r.wall, pt);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter);
    else if (wall === r.wall) this.counter = r.counter;
    else if (wall !== this.wall) this.counter = 0;
    this.wall = wall;
  }

  /** The last clock issued or received (persist it so a restart never goes back). */
  current(): string {
    return formatHlc({ wall: this.wall, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter >= MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond.
      this.wall += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
