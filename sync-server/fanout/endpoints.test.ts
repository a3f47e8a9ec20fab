import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';
import { candidateDoc, noteDoc } from './fixtures';

let server: TestServer;
const auth = { anna: basicAuth('anna', 'regiodesk'), bram: basicAuth('bram', 'regiodesk'), admin: basicAuth('admin', TEST_ADMIN_PASSWORD) };
type Who = keyof typeof auth;

async function call(who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: auth[who], ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, text: await res.text() };
}

async function until(what: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SECRET_COMMENT = 'Twijfelt over salaris (opmerking twente)';
const SHARED_NOTE = 'Gesprek over zij-instroom (notitie)';
const PRIVATE_PERSON = 'Onbekend-in-Utrecht';

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 3 });
  const linked = candidateDoc('xlinked', ['twente', 'utrecht'], 'twente');
  const only = { ...candidateDoc('xonly', ['twente'], 'twente'), lastName: PRIVATE_PERSON, email: 'only@example.nl' };
  const w = await call('anna', 'POST', '/region-twente/_bulk_docs', {
    docs: [linked, only, noteDoc('xlinked', 'n1', 'twente', 'shared', SHARED_NOTE), noteDoc('xlinked', 'k1', 'twente', 'region', SECRET_COMMENT), noteDoc('xonly', 'n2', 'twente', 'shared', 'over xonly')],
  });
  expect(w.status).toBe(201);
  await until(async () => (await call('bram', 'GET', '/region-utrecht/xlinked%3An%3An1')).status === 200);
}, 60_000);
afterAll(() => server?.close());

describe('what another linked region can read', () => {
  it('sees the shared note and the candidate, never the comment nor the unlinked person, by any endpoint', async () => {
    const db = '/region-utrecht';
    const reads: [string, string, unknown?][] = [
      ['GET', `${db}/xlinked`],
      ['GET', `${db}/xlinked?revs=true&open_revs=all&conflicts=true`],
      ['GET', `${db}/_all_docs?include_docs=true&conflicts=true`],
      ['POST', `${db}/_all_docs?include_docs=true`, { keys: ['xlinked', 'xonly', 'xlinked:n:k1', 'xonly:n:n2'] }],
      ['GET', `${db}/_changes?include_docs=true&style=all_docs&conflicts=true`],
      ['POST', `${db}/_changes?filter=_doc_ids&include_docs=true`, { doc_ids: ['xlinked:n:k1', 'xonly', 'xonly:n:n2'] }],
      ['POST', `${db}/_bulk_get?revs=true`, { docs: [{ id: 'xlinked:n:k1' }, { id: 'xonly' }, { id: 'xonly:n:n2' }, { id: 'xlinked' }] }],
      ['POST', `${db}/_revs_diff`, { 'xlinked:n:k1': ['1-x'], xonly: ['1-x'] }],
      ['GET', `${db}/xlinked%3An%3Ak1`],
      ['GET', `${db}/xonly`],
      ['GET', '/region-twente/_all_docs?include_docs=true'],
      ['GET', '/region-twente/_changes?include_docs=true'],
      ['GET', '/region-twente/xlinked%3An%3Ak1'],
      ['GET', '/_all_dbs'],
      ['GET', '/_regiodesk/regions'],
      ['POST', '/_regiodesk/duplicates', { email: 'only@example.nl' }],
    ];
    let sawShared = false;
    for (const [method, path, body] of reads) {
      const r = await call('bram', method, path, body);
      expect(r.text, `${method} ${path}`).not.toContain(SECRET_COMMENT);
      expect(r.text, `${method} ${path}`).not.toContain(PRIVATE_PERSON);
      expect(r.text, `${method} ${path}`).not.toContain('only@example.nl');
      expect(r.text, `${method} ${path}`).not.toContain('over xonly');
      if (r.text.includes(SHARED_NOTE)) sawShared = true;
    }
    expect(sawShared).toBe(true);
    // The duplicate check tells that a match exists and where, nothing else.
    const dup = JSON.parse((await call('bram', 'POST', '/_regiodesk/duplicates', { email: 'ONLY@example.nl' })).text);
    expect(dup).toEqual({ matches: [{ region: 'twente', name: expect.any(String), yours: false }] });
  });

  it('writes of another region’s note or comment are refused', async () => {
    const r = await call('bram', 'POST', '/region-utrecht/_bulk_docs', { docs: [noteDoc('xlinked', 'n9', 'twente', 'shared')] });
    expect(r.text).toContain('forbidden');
  });

  it('_purge is for administrators only', async () => {
    expect((await call('bram', 'POST', '/region-utrecht/_purge', { xlinked: ['*'] })).status).toBe(403);
    const r = await call('admin', 'POST', '/region-utrecht/_purge', { 'xlinked:n:n1': ['*'] });
    expect(r.status).toBe(201);
    expect((await call('bram', 'GET', '/region-utrecht/xlinked%3An%3An1')).status).toBe(404);
  });
});

describe('unlinking through the server', () => {
  it('is refused to an editor of the linked region, done for the owner region; the region then reads nothing of the person', async () => {
    expect((await call('bram', 'POST', '/_regiodesk/unlink', { candidateId: 'xlinked', region: 'utrecht' })).status).toBe(403);
    expect((await call('anna', 'POST', '/_regiodesk/unlink', { candidateId: 'xlinked', region: 'twente' })).status).toBe(400);
    expect((await call('anna', 'POST', '/_regiodesk/unlink', { candidateId: 'xlinked', region: 'utrecht' })).status).toBe(200);
    await until(async () => (await call('bram', 'GET', '/region-utrecht/xlinked')).status === 404);
    const all = await call('bram', 'GET', '/region-utrecht/_changes?include_docs=true&style=all_docs');
    expect(all.text).not.toContain('Test xlinked');
    expect(all.text).not.toContain(SHARED_NOTE);
    expect((await call('anna', 'GET', '/region-twente/xlinked')).text).toContain('Test xlinked');
  });
});
