import { describe, expect, it } from 'vitest';
import { DbNotifier } from './notifier';

/** A server-sent-events answer whose events the test pushes. */
function stream() {
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (ctl = c) });
  const send = (text: string) => ctl.enqueue(new TextEncoder().encode(text));
  return { body, send, end: () => ctl.close() };
}

describe('shared change stream', () => {
  it('wakes a waiting pull when its database changes, not for others', async () => {
    const s = stream();
    const n = new DbNotifier((async () => new Response(s.body, { status: 200 })) as typeof fetch, 'http://s', ['region-a', 'region-b'], 10_000).start();
    s.send('retry: 2000\nevent: ready\ndata: {"dbs":["region-a","region-b"]}\n\n');
    for (let i = 0; i < 50 && !n.connected; i++) await new Promise((r) => setTimeout(r, 5));
    expect(n.connected).toBe(true);
    const va = n.version('region-a');
    let woke = '';
    const a = n.waitForChange('region-a', va, 5000).then(() => (woke += 'a'));
    const b = n.waitForChange('region-b', n.version('region-b'), 5000).then(() => (woke += 'b'));
    s.send(': hb\n\nevent: change\ndata: {"dbs":["region-a"]}\n\n');
    await a;
    expect(woke).toBe('a');
    n.stop();
    await b;
    expect(woke).toBe('ab');
  });

  it('without the stream, a wait lasts at most the short fallback', async () => {
    const n = new DbNotifier((async () => new Response('nope', { status: 404 })) as typeof fetch, 'http://s', ['region-a'], 60_000, () => undefined, 50);
    n.start();
    const t0 = Date.now();
    await n.waitForChange('region-a', n.version('region-a'), 60_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(n.connected).toBe(false);
    n.stop();
  });
});
