import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { startCouchCompatible, type CouchCompatible } from './couch-compatible';

/** Two Regiodesk servers in front of one CouchDB, as behind a load balancer. */
let couch: CouchCompatible | null = null;
let a: TestServer;
let b: TestServer;
beforeAll(async () => {
  couch = await startCouchCompatible();
  const url = couch.url;
  a = await startTestServer({ demo: true, demoSize: 3, couchdbUrl: url, maxLongpollMs: 5000 });
  b = await startTestServer({ couchdbUrl: url, maxLongpollMs: 5000 });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await couch?.close();
});

function doc(id: string) {
  const { id: _id, ...rest } = newCandidate({ firstName: 'Lars', lastName: 'Kamp', regions: ['twente'], ownerRegion: 'twente' }, { id, user: 'anna', now: new Date().toISOString() });
  return { _id, ...rest };
}
const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };

describe('scale-out on CouchDB', () => {
  it('a session from one server is valid on the other', async () => {
    const login = await fetch(`${a.url}/_session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'anna', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const s = (await (await fetch(`${b.url}/_session`, { headers: { Cookie: cookie } })).json()) as { userCtx: { name: string } };
    expect(s.userCtx.name).toBe('anna');
  });

  it('a write through one server answers a long-poll waiting on the other', async () => {
    const seq = ((await (await fetch(`${b.url}/region-twente/`, { headers: anna })).json()) as { update_seq: unknown }).update_seq;
    const poll = fetch(`${b.url}/region-twente/_changes?feed=longpoll&since=${encodeURIComponent(String(seq))}&timeout=4000`, { headers: anna });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = Date.now();
    expect((await fetch(`${a.url}/region-twente/so-1`, { method: 'PUT', headers: anna, body: JSON.stringify(doc('so-1')) })).status).toBe(201);
    const body = (await (await poll).json()) as { results: { id: string }[] };
    expect(body.results.map((r) => r.id)).toEqual(['so-1']);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('a user disabled on one server is refused by the other, and her continuous feed ends', async () => {
    const feed = await fetch(`${b.url}/region-twente/_changes?feed=continuous&since=now&heartbeat=1000`, { headers: { Authorization: basicAuth('vera', DEMO_PASSWORD) } });
    expect(feed.status).toBe(200);
    const text = feed.text();
    const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
    expect((await fetch(`${a.url}/_regiodesk/admin/users/vera`, { method: 'PATCH', headers: admin, body: JSON.stringify({ disabled: true }) })).status).toBe(200);
    expect(await text).toMatch(/"last_seq"/); // the feed closed itself at its next heartbeat
    expect((await fetch(`${b.url}/region-twente/`, { headers: { Authorization: basicAuth('vera', DEMO_PASSWORD) } })).status).toBe(401);
  });
});
