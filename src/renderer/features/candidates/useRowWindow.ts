import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface RowWindow {
  /** First item in the DOM (overscan included). */
  start: number;
  /** One past the last item in the DOM. */
  end: number;
}

/**
 * Which of `count` fixed-height rows are in sight in the scroller `ref`, plus `overscan` on each
 * side. Fixed heights make this arithmetic (no measuring, no layout reads per row). The window is
 * recomputed at most once per frame, in a requestAnimationFrame after a scroll, and committed
 * synchronously there (flushSync) so the new rows are in the DOM before that frame paints.
 * `offset` is the height above the first row inside the scroller (the table header).
 */
export function useRowWindow(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan: number,
  offset = 0,
): { range: RowWindow; scrollToIndex: (index: number) => void } {
  const [range, setRange] = useState<RowWindow>(() => ({ start: 0, end: Math.min(count, 30 + overscan) }));

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const compute = (): RowWindow => {
      const top = Math.max(0, el.scrollTop - offset);
      const first = Math.floor(top / rowHeight);
      const last = Math.ceil((top + (el.clientHeight || 600)) / rowHeight);
      return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
    };
    const apply = (sync: boolean) => {
      const next = compute();
      const set = () => setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
      if (sync) flushSync(set);
      else set();
    };
    const onFrame = () => {
      frame = 0;
      apply(true);
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(onFrame);
    };
    apply(false);
    el.addEventListener('scroll', onScroll, { passive: true });
    // A taller window (resize, a bar above the table closing) needs more rows.
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(onScroll) : null;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref, count, rowHeight, overscan, offset]);

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = ref.current;
      if (el) el.scrollTop = Math.max(0, offset + index * rowHeight - el.clientHeight / 2 + rowHeight / 2);
    },
    [ref, rowHeight, offset],
  );
  return { range, scrollToIndex };
}
