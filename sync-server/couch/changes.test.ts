import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3, maxLongpollMs: 3000 });
});
afterAll(() => server?.close());

const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };
const changes = (q: string, init: RequestInit = {}) => fetch(`${server.url}/region-twente/_changes?${q}`, { headers: anna, ...init });

function doc(id: string) {
  const { id: _id, ...rest } = newCandidate({ firstName: 'Noor', lastName: 'Nijhuis', regions: ['twente'], ownerRegion: 'twente' }, { id, user: 'anna', now: new Date().toISOString() });
  return { _id, ...rest };
}

describe('_changes', () => {
  it('normal feed with limit, include_docs, style=all_docs and since', async () => {
    const first = (await (await changes('style=all_docs&include_docs=true&limit=2&since=0&seq_interval=2')).json()) as any;
    expect(first.results).toHaveLength(2);
    expect(first.results[0].doc.type).toBe('candidate');
    const all = (await (await changes('since=0')).json()) as any;
    const rest = (await (await changes(`since=${first.last_seq}`)).json()) as any;
    expect(rest.results).toHaveLength(all.results.length - 2);
  });

  it('longpoll answers at the next change', async () => {
    const t0 = Date.now();
    const pending = changes('feed=longpoll&since=now&include_docs=true&heartbeat=10000');
    await new Promise((r) => setTimeout(r, 200));
    await fetch(`${server.url}/region-twente/_bulk_docs`, { method: 'POST', headers: anna, body: JSON.stringify({ docs: [doc('lp-1')] }) });
    const body = (await (await pending).json()) as any;
    expect(body.results.map((r: any) => r.id)).toEqual(['lp-1']);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('longpoll with nothing new ends within the heartbeat with an empty result', async () => {
    const t0 = Date.now();
    const body = (await (await changes('feed=longpoll&since=now&heartbeat=500')).json()) as any;
    expect(body.results).toEqual([]);
    expect(typeof body.last_seq).not.toBe('undefined');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(450);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('clients that disconnect during a longpoll leave nothing behind', async () => {
    for (let i = 0; i < 20; i++) {
      const ac = new AbortController();
      const p = changes('feed=longpoll&since=now&heartbeat=60000', { signal: ac.signal }).catch(() => null);
      setTimeout(() => ac.abort(), 50);
      await p;
    }
    // A later change and request are served normally.
    await fetch(`${server.url}/region-twente/lp-2`, { method: 'PUT', headers: anna, body: JSON.stringify(doc('lp-2')) });
    const body = (await (await changes('since=0')).json()) as any;
    expect(body.results.some((r: any) => r.id === 'lp-2')).toBe(true);
  });

  it('filter=_doc_ids by POST', async () => {
    const res = await changes('filter=_doc_ids', { method: 'POST', body: JSON.stringify({ doc_ids: ['lp-1'] }) });
    const body = (await res.json()) as any;
    expect(body.results.map((r: any) => r.id)).toEqual(['lp-1']);
  });
});

describe('CORS', () => {
  it('answers preflights with credentials for allowed origins only', async () => {
    const pre = (origin: string) =>
      fetch(`${server.url}/region-twente/_changes`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    const ok = await pre('app://regiodesk');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('app://regiodesk');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const bad = await pre('https://evil.example');
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });
});
