import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { basicAuth, startTestServer, type TestServer } from '../testing';
import { openStreamCount } from './db-updates';

let server: TestServer;
const auth = (u: string) => ({ authorization: basicAuth(u, 'regiodesk') });

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
});
afterAll(async () => {
  await server?.close();
});

/** Reads server-sent events until `until` says enough or the time is up. */
async function readEvents(res: Response, until: (events: string[]) => boolean, ms = 5000): Promise<string[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  const events: string[] = [];
  let buf = '';
  const deadline = Date.now() + ms;
  while (!until(events) && Date.now() < deadline) {
    const r = await Promise.race([reader.read(), new Promise<null>((ok) => setTimeout(() => ok(null), deadline - Date.now()))]);
    if (!r || r.done) break;
    buf += dec.decode(r.value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      events.push(buf.slice(0, i));
      buf = buf.slice(i + 2);
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /_regiodesk/db-updates', () => {
  it('says which watched database changed, with heartbeats, over one stream', async () => {
    const ac = new AbortController();
    const res = await fetch(`${server.url}/_regiodesk/db-updates?dbs=region-twente,region-utrecht&heartbeat=1000`, { headers: auth('daan'), signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const c = newCandidate({ firstName: 'Sse', lastName: 'Test', regions: ['utrecht'], ownerRegion: 'utrecht' }, { id: 'sse1', user: 'daan', now: new Date().toISOString() });
    setTimeout(() => {
      void fetch(`${server.url}/region-utrecht/sse1`, { method: 'PUT', headers: { ...auth('daan'), 'content-type': 'application/json' }, body: JSON.stringify(c) });
    }, 300);
    const events = await readEvents(res, (ev) => ev.some((e) => e.includes('event: change')) && ev.some((e) => e.startsWith(': hb')), 4000);
    expect(events[0]).toContain('event: ready');
    expect(events.find((e) => e.includes('event: change'))).toContain('"dbs":["region-utrecht"]');
    expect(events.some((e) => e.startsWith(': hb'))).toBe(true);
    ac.abort();
  });

  it('checks access to every database before opening the stream', async () => {
    expect((await fetch(`${server.url}/_regiodesk/db-updates?dbs=region-twente,region-utrecht`, { headers: auth('anna') })).status).toBe(403);
    expect((await fetch(`${server.url}/_regiodesk/db-updates?dbs=region-twente`)).status).toBe(401);
    expect((await fetch(`${server.url}/_regiodesk/db-updates?dbs=_users`, { headers: auth('anna') })).status).toBe(403);
    expect((await fetch(`${server.url}/_regiodesk/db-updates`, { headers: auth('anna') })).status).toBe(400);
  });

  it('leaves no stream or listener behind when clients go away', async () => {
    const before = openStreamCount();
    const acs = Array.from({ length: 5 }, () => new AbortController());
    const responses = await Promise.all(acs.map((ac) => fetch(`${server.url}/_regiodesk/db-updates?dbs=region-twente`, { headers: auth('anna'), signal: ac.signal })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(openStreamCount()).toBe(before + 5);
    for (const ac of acs) ac.abort();
    for (let i = 0; i < 50 && openStreamCount() !== before; i++) await new Promise((r) => setTimeout(r, 20));
    expect(openStreamCount()).toBe(before);
  });
});
