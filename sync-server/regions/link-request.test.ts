import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateDoc } from '../fanout/fixtures';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

let server: TestServer;
const auth = { anna: basicAuth('anna', 'regiodesk'), bram: basicAuth('bram', 'regiodesk'), admin: basicAuth('admin', TEST_ADMIN_PASSWORD) };

async function call(who: keyof typeof auth, method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: auth[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 2 });
  const person = { ...candidateDoc('xutrecht1', ['utrecht'], 'utrecht'), owner: 'bram', email: 'sanne.bakker@example.nl' };
  expect((await call('bram', 'POST', '/region-utrecht/_bulk_docs', { docs: [person] })).status).toBe(201);
});
afterAll(() => server?.close());

const tasksOn = async (id: string) =>
  ((await call('admin', 'GET', '/region-utrecht/_all_docs?include_docs=true')).body.rows as { doc: Record<string, unknown> }[])
    .map((r) => r.doc)
    .filter((d) => d.type === 'task' && d.candidateId === id);

describe('POST /_regiodesk/link-request', () => {
  it("asks the owner region through a task on its candidate, without telling the asker who it is", async () => {
    const r = await call('anna', 'POST', '/_regiodesk/link-request', { fromRegion: 'twente', email: 'Sanne.Bakker@example.nl' });
    expect(r).toMatchObject({ status: 200, body: { asked: [{ region: 'utrecht' }] } });
    expect(JSON.stringify(r.body)).not.toMatch(/xutrecht1|Zoë|bram/);
    const tasks = await tasksOn('xutrecht1');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ region: 'utrecht', assignee: 'bram', createdBy: 'anna', done: false });
    expect(String(tasks[0]!.title)).toMatch(/^Koppelverzoek van .*\(anna\)/);
    // Asking again the same day does not add a second task.
    expect((await call('anna', 'POST', '/_regiodesk/link-request', { fromRegion: 'twente', email: 'sanne.bakker@example.nl' })).status).toBe(200);
    expect(await tasksOn('xutrecht1')).toHaveLength(1);
  });

  it('asks nobody when nobody matches', async () => {
    expect(await call('anna', 'POST', '/_regiodesk/link-request', { fromRegion: 'twente', email: 'niemand@example.nl' })).toMatchObject({ status: 200, body: { asked: [] } });
  });

  it('refuses bad input and regions the user cannot write in', async () => {
    expect(await call('anna', 'POST', '/_regiodesk/link-request', { fromRegion: 'utrecht', email: 'sanne.bakker@example.nl' })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await call('anna', 'POST', '/_regiodesk/link-request', { fromRegion: 'twente' })).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect(await call('anna', 'POST', '/_regiodesk/link-request', { fromRegion: 'twente', email: 42 })).toMatchObject({ status: 400 });
  });
});
