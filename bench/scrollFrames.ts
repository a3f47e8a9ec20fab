/**
 * Scroll frame measurement for bench:ui's `scroll` step: frame times while a scroller moves a fixed
 * distance per frame, the same for a plain static table (the floor this Chromium reaches at all:
 * headless with --disable-gpu rasterises in software), and where the frame time goes (a Chromium
 * trace summed by kind: script, style, layout, paint, raster, other).
 */
import type { Page } from 'playwright-core';

export interface Breakdown {
  frames: number;
  /** Milliseconds per frame by kind, main thread (self time) plus raster threads. */
  perFrame: Record<string, number>;
}

/** Scrolls `selector` by `step` px in each of `count` frames; the frame intervals (ms), warm-up dropped. */
export function scrollFrames(page: Page, selector: string, count = 240, step = 410): Promise<number[]> {
  return page.evaluate(
    async ({ selector, count, step }) => {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) throw new Error(`no ${selector} to scroll`);
      const out: number[] = [];
      let last = performance.now();
      for (let i = 0; i < count; i++) {
        // A frame, or 100 ms when the page gets no frames (a hidden page): never waits forever.
        await Promise.race([new Promise((r) => requestAnimationFrame(() => r(null))), new Promise((r) => setTimeout(r, 100))]);
        const now = performance.now();
        out.push(now - last);
        last = now;
        // Wrap around at the end, so a short list keeps moving as a long one does.
        if (el.scrollTop + el.clientHeight + step >= el.scrollHeight) el.scrollTop = 0;
        else el.scrollTop += step;
      }
      return out.slice(5);
    },
    { selector, count, step },
  );
}

/**
 * The floor: a plain table with `rows` static rows (all in the DOM, no script per frame), as wide
 * and tall as the list's scroller and with as many columns, laid over the page and scrolled the
 * same way. What this reaches is what the browser can do here without any of our code.
 */
export async function staticBaselineFrames(page: Page, listSelector: string, rows = 3000, count = 240, step = 410): Promise<number[]> {
  await page.evaluate(
    ({ listSelector, rows }) => {
      const list = document.querySelector<HTMLElement>(listSelector);
      const box = list?.getBoundingClientRect();
      const cols = Math.max(1, list?.querySelector('thead tr')?.children.length ?? 6);
      const wrap = document.createElement('div');
      wrap.id = 'bench-static-scroll';
      wrap.style.cssText = `position:fixed;left:${box?.left ?? 0}px;top:${box?.top ?? 0}px;width:${box?.width ?? 900}px;height:${box?.height ?? 500}px;overflow:auto;background:#fff;z-index:9999`;
      // (No named helper functions in here: tsx would wrap them in a __name the page does not have.)
      let html = '';
      for (let i = 0; i < rows; i++) {
        html += '<tr class="row-link">';
        for (let j = 0; j < cols; j++) html += `<td>Rij ${i} kolom ${j} tekst</td>`;
        html += '</tr>';
      }
      wrap.innerHTML = `<table class="table vt-table"><tbody>${html}</tbody></table>`;
      document.body.append(wrap);
    },
    { listSelector, rows },
  );
  try {
    return await scrollFrames(page, '#bench-static-scroll', count, step);
  } finally {
    await page.evaluate(() => document.getElementById('bench-static-scroll')?.remove());
  }
}

const KIND: Record<string, string> = {
  FunctionCall: 'script', EvaluateScript: 'script', FireAnimationFrame: 'script', EventDispatch: 'script', TimerFire: 'script',
  RunMicrotasks: 'script', 'v8.execute': 'script', V8Execute: 'script', 'V8.Execute': 'script', FunctionCallGC: 'script',
  MinorGC: 'gc', MajorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', 'V8.GCFinalizeMC': 'gc', BlinkGC: 'gc',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ScheduleStyleRecalculation: 'style',
  Layout: 'layout', UpdateLayer: 'paint', UpdateLayerTree: 'paint', PrePaint: 'paint', Paint: 'paint', Layerize: 'paint',
  PaintImage: 'paint', CompositeLayers: 'composite', Commit: 'composite', ScrollLayer: 'composite',
  RasterTask: 'raster',
};

/** Runs `work` under a Chromium devtools.timeline trace; time by kind, per frame of `frames`. */
export async function traceBreakdown(page: Page, frames: number, work: () => Promise<unknown>): Promise<Breakdown> {
  const cdp = await page.context().newCDPSession(page);
  const events: any[] = [];
  cdp.on('Tracing.dataCollected', (e: any) => events.push(...e.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  try {
    await work();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  // The renderer's main thread and its raster workers, by name from the metadata events.
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const byThread = new Map<string, any[]>();
  for (const e of events) {
    if (e.ph !== 'X' && e.ph !== 'B' && e.ph !== 'E') continue;
    const k = `${e.pid}:${e.tid}`;
    const n = threadName.get(k) ?? '';
    if (n !== 'CrRendererMain' && !/Raster|Compositor/i.test(n)) continue;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const total: Record<string, number> = {};
  for (const [k, list] of byThread) {
    const main = threadName.get(k) === 'CrRendererMain';
    // B/E pairs to complete events, then self time with a stack (nested events are not counted twice).
    const spans: { name: string; ts: number; end: number }[] = [];
    const open: any[] = [];
    for (const e of list.sort((a, b) => a.ts - b.ts)) {
      if (e.ph === 'X') spans.push({ name: e.name, ts: e.ts, end: e.ts + (e.dur ?? 0) });
      else if (e.ph === 'B') open.push(e);
      else {
        const b = open.pop();
        if (b) spans.push({ name: b.name, ts: b.ts, end: e.ts });
      }
    }
    spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
    // Self time (minus direct children), counted for the span's kind, or the nearest known
    // ancestor's (a V8 compile inside a FunctionCall is script), so nothing is counted twice.
    type Open = { kind: string | undefined; ts: number; end: number; child: number };
    const stack: Open[] = [];
    const close = (s: Open) => {
      if (!s.kind || (!main && s.kind !== 'raster')) return;
      total[s.kind] = (total[s.kind] ?? 0) + (s.end - s.ts - s.child) / 1000;
    };
    for (const s of spans) {
      while (stack.length && stack[stack.length - 1]!.end <= s.ts) close(stack.pop()!);
      const parent = stack[stack.length - 1];
      const end = parent ? Math.min(s.end, parent.end) : s.end;
      if (parent) parent.child += end - s.ts;
      stack.push({ kind: KIND[s.name] ?? parent?.kind, ts: s.ts, end, child: 0 });
    }
    while (stack.length) close(stack.pop()!);
  }
  const perFrame: Record<string, number> = {};
  for (const [kind, ms] of Object.entries(total)) perFrame[kind] = ms / Math.max(1, frames);
  return { frames, perFrame };
}

export const formatBreakdown = (b: Breakdown) =>
  ['script', 'gc', 'style', 'layout', 'paint', 'composite', 'raster']
    .filter((k) => b.perFrame[k] !== undefined)
    .map((k) => `${k} ${b.perFrame[k]!.toFixed(1)}`)
    .join(' · ') + ' ms/frame';

/** The functions that took the most self time while `work` ran (V8's sampling profiler), for BENCH_UI_CPU=1. */
export async function cpuTop(page: Page, work: () => Promise<unknown>, top = 15): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    await work();
  } finally {
    var { profile } = (await cdp.send('Profiler.stop')) as { profile: any };
    await cdp.detach();
  }
  const dt = new Map<number, number>();
  profile.samples.forEach((id: number, i: number) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${String(f.url).split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
  }
  const all = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => `    ${ms.toFixed(0).padStart(6)} ms ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
}

/**
 * After a jump deep into the list (and a few frames): do the rows in the DOM cover the scroller's
 * view, and is the row at the top the one the arithmetic says? A row height that differs from the
 * window's assumption shows here as a blank band or a wrong row, growing with the depth.
 */
export function windowCheck(page: Page, selector: string, fraction = 0.83): Promise<string> {
  return page.evaluate(
    async ({ selector, fraction }) => {
      const el = document.querySelector<HTMLElement>(selector)!;
      el.scrollTop = Math.floor((el.scrollHeight - el.clientHeight) * fraction);
      for (let i = 0; i < 4; i++) await new Promise((r) => requestAnimationFrame(() => r(null)));
      const box = el.getBoundingClientRect();
      const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      const rows = Array.from(el.querySelectorAll<HTMLElement>('tbody tr.row-link, tbody tr.group-row'));
      if (!rows.length) return 'no rows in the DOM';
      const first = rows[0]!.getBoundingClientRect();
      const last = rows[rows.length - 1]!.getBoundingClientRect();
      const atTop = rows.find((r) => r.getBoundingClientRect().bottom > box.top + head);
      const covers = first.top <= box.top + head + 1 && last.bottom >= box.bottom - 1;
      return `${covers ? 'rows cover the view' : 'BLANK BAND in the view'} at ${Math.round(el.scrollTop).toLocaleString('en')} px; row at the top: #${Number(atTop?.getAttribute('aria-rowindex') ?? 0) - 1} of ${el.querySelector('table')?.getAttribute('aria-rowcount')}`;
    },
    { selector, fraction },
  );
}
