import { describe, expect, it } from 'vitest';
import { compareHlc, Hlc, parseHlc } from './hlc';

describe('hybrid logical clock', () => {
  it('ticks strictly upwards even when the wall clock stands still or goes back', () => {
    let now = 1000;
    const c = new Hlc('anna', () => now);
    const a = c.tick();
    const b = c.tick();
    now = 500;
    const d = c.tick();
    expect(compareHlc(a, b)).toBeLessThan(0);
    expect(compareHlc(b, d)).toBeLessThan(0);
    expect(parseHlc(d)).toEqual({ wall: 1000, counter: 2, node: 'anna' });
  });

  it('sorts as a string in clock order, the node breaking ties', () => {
    const x = new Hlc('a', () => 9).tick();
    const y = new Hlc('b', () => 9).tick();
    const z = new Hlc('a', () => 10).tick();
    expect([z, y, x].sort()).toEqual([x, y, z]);
  });

  it('moves past a clock from a laptop running a week ahead, so that laptop cannot win forever', () => {
    const week = 7 * 24 * 3600 * 1000;
    const wrong = new Hlc('laptop', () => 1_000_000 + week);
    const right = new Hlc('desk', () => 1_000_000);
    const early = wrong.tick();
    right.receive(early);
    expect(compareHlc(right.tick(), early)).toBeGreaterThan(0);
  });

  it('resumes from a persisted clock and ignores garbage', () => {
    const c = new Hlc('n', () => 5, '000000000000100-00007-n');
    c.receive('not a clock');
    expect(c.tick()).toBe('000000000000100-00008-n');
  });
});
