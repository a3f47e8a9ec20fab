import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, type TestServer } from '../../../../sync-server/testing';
import { reportViewed } from './api';

const QUEUE_KEY = 'regiodesk.audit.queue';

/** The browser's localStorage, as far as the audit queue uses it. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, v);
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}

const queue = (): { docId: string }[] => JSON.parse(globalThis.localStorage.getItem(QUEUE_KEY) ?? '[]');

describe('reporting a viewed file to the audit log (reportViewed)', () => {
  let server: TestServer;
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 5 });
    // What the browser's cookie jar does in web mode: anna's session goes along.
    globalThis.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      headers.set('authorization', basicAuth('anna', 'regiodesk'));
      return realFetch(input, { ...init, headers });
    }) as typeof fetch;
  });
  afterEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await server?.close();
  });

  const carlasLog = async (): Promise<{ docIds?: string[]; action: string }[]> => {
    const res = await realFetch(`${server.url}/_regiodesk/audit/twente?limit=500`, { headers: { authorization: basicAuth('carla', 'regiodesk') } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { entries: { docIds?: string[]; action: string }[] }).entries;
  };

  it('queues the view on the device before sending, so a page closed mid-send keeps it', async () => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
    const sent = reportViewed(server.url, 'twente', 'cand-mid-send');
    // Nothing has gone over the network yet, and the event is already on the device.
    expect(queue().map((e) => e.docId)).toEqual(['cand-mid-send']);
    await sent;
    expect(queue()).toEqual([]);
    expect((await carlasLog()).filter((e) => e.docIds?.[0] === 'cand-mid-send')).toHaveLength(1);
  });

  it('keeps offline views and sends each exactly once when back online, also when views overlap', async () => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
    const offline = 'http://127.0.0.1:9'; // nothing listens: a lost connection
    await Promise.all([reportViewed(offline, 'twente', 'cand-off-1'), reportViewed(offline, 'twente', 'cand-off-2')]);
    expect(queue().map((e) => e.docId).sort()).toEqual(['cand-off-1', 'cand-off-2']);
    // Online again: two views in quick succession must not send the queued ones twice.
    await Promise.all([reportViewed(server.url, 'twente', 'cand-on-1'), reportViewed(server.url, 'twente', 'cand-on-2')]);
    expect(queue()).toEqual([]);
    const log = await carlasLog();
    for (const id of ['cand-off-1', 'cand-off-2', 'cand-on-1', 'cand-on-2']) {
      expect(log.filter((e) => e.docIds?.[0] === id), id).toHaveLength(1);
    }
  });

  it('drops a view the server refuses (a region she is not in) instead of retrying it forever', async () => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
    await reportViewed(server.url, 'utrecht', 'cand-refused');
    expect(queue()).toEqual([]);
  });
});
