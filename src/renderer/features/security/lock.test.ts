// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LOCK_MINUTES, lockTimeoutMs, watchInactivity } from './lock';

afterEach(() => {
  vi.useRealTimers();
});

describe('inactivity lock', () => {
  it('locks after the timeout without input, and input postpones it', () => {
    vi.useFakeTimers();
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = watchInactivity(target, 60_000, onIdle);
    vi.advanceTimersByTime(59_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(59_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('locks at once when the timer fires late (laptop woke from sleep)', () => {
    vi.useFakeTimers();
    let clock = 0;
    const onIdle = vi.fn();
    watchInactivity(new EventTarget(), 60_000, onIdle, () => clock);
    clock = 10 * 60_000; // asleep for ten minutes; the timer then fires once
    vi.advanceTimersByTime(60_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stops watching when asked', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    const stop = watchInactivity(new EventTarget(), 1_000, onIdle);
    stop();
    vi.advanceTimersByTime(5_000);
    expect(onIdle).not.toHaveBeenCalled();
  });

  it('defaults to 15 minutes', () => {
    expect(DEFAULT_LOCK_MINUTES).toBe(15);
    // No localStorage in Node: the default applies.
    expect(lockTimeoutMs()).toBe(15 * 60_000);
  });
});
