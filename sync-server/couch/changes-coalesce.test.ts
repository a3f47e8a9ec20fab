import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

/**
 * Long-polls woken by one write share one read (coalesce.ts). Whatever is shared, every waiting
 * client must get the write, later writes must still wake later long-polls, and a database
 * deleted and created again under the same name must still wake its long-polls.
 */
let server: TestServer;
const admin = { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), 'Content-Type': 'application/json' };
beforeAll(async () => {
  server = await startTestServer({ demo: false, maxLongpollMs: 5000 });
});
afterAll(() => server?.close());

const req = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${server.url}${path}`, { method, headers: admin, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
const seqOf = async (db: string) => ((await (await req(`/${db}`)).json()) as { update_seq: number }).update_seq;
const longpoll = (db: string, since: number) =>
  req(`/${db}/_changes?feed=longpoll&include_docs=true&timeout=5000&since=${since}`).then((r) => r.json() as Promise<{ results: { id: string }[]; last_seq: number }>);
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('coalesced long-polls', () => {
  it('one write reaches all of 60 waiting clients, and the next write the next round', async () => {
    expect((await req('/coalesce-a', 'PUT')).status).toBe(201);
    let since = await seqOf('coalesce-a');
    for (const round of [1, 2, 3]) {
      const polls = Array.from({ length: 60 }, () => longpoll('coalesce-a', since));
      await settle();
      expect((await req(`/coalesce-a/doc-${round}`, 'PUT', { round })).status).toBe(201);
      const answers = await Promise.all(polls);
      for (const a of answers) expect(a.results.map((r) => r.id)).toEqual([`doc-${round}`]);
      since = answers[0]!.last_seq;
    }
  });

  it('a database deleted and created again still wakes its long-polls', async () => {
    expect((await req('/coalesce-b', 'PUT')).status).toBe(201);
    expect((await req('/coalesce-b/_changes')).status).toBe(200); // the server now watches this database
    expect((await req('/coalesce-b', 'DELETE')).status).toBe(200);
    expect((await req('/coalesce-b', 'PUT')).status).toBe(201);
    const since = await seqOf('coalesce-b');
    const poll = longpoll('coalesce-b', since);
    await settle();
    await req('/coalesce-b/again', 'PUT', { v: 1 });
    expect((await poll).results.map((r) => r.id)).toEqual(['again']);
  });
});
