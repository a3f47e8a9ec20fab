import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCandidate } from '../../src/shared';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, type TestServer } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 2 });
});
afterAll(() => server?.close());

const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };
const vera = { Authorization: basicAuth('vera', DEMO_PASSWORD), 'Content-Type': 'application/json' };

function candidate(id: string, region = 'twente') {
  const { id: _id, ...rest } = newCandidate(
    { firstName: 'Zoë', lastName: 'de Vries', regions: [region], ownerRegion: region },
    { id, user: 'anna', now: '2026-01-01T10:00:00.000Z' },
  );
  return { _id, ...rest };
}

interface Case {
  name: string;
  request: () => Promise<Response>;
  status: number;
  body?: unknown;
  check?: (body: any) => void;
}

const url = (p: string) => `${server.url}/${p}`;

const CASES: Case[] = [
  {
    name: 'malformed JSON in _bulk_docs',
    request: () => fetch(url('region-twente/_bulk_docs'), { method: 'POST', headers: anna, body: '{"docs": [' }),
    status: 400,
    body: { error: 'bad_request', reason: 'Request body is not valid JSON.' },
  },
  {
    name: '_bulk_docs without docs',
    request: () => fetch(url('region-twente/_bulk_docs'), { method: 'POST', headers: anna, body: '{"doc": []}' }),
    status: 400,
    check: (b) => expect(b.error).toBe('bad_request'),
  },
  {
    name: '_bulk_docs with a non-object document',
    request: () => fetch(url('region-twente/_bulk_docs'), { method: 'POST', headers: anna, body: '{"docs": [1]}' }),
    status: 400,
  },
  {
    name: 'malformed JSON in a PUT',
    request: () => fetch(url('region-twente/abc'), { method: 'PUT', headers: anna, body: 'nope' }),
    status: 400,
  },
  {
    name: 'malformed JSON in _session',
    request: () => fetch(url('_session'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }),
    status: 400,
  },
  {
    name: 'malformed query parameter',
    request: () => fetch(url('region-twente/_all_docs?keys=[oops'), { headers: anna }),
    status: 400,
  },
  {
    name: 'malformed since',
    request: () => fetch(url('region-twente/_changes?since=banana'), { headers: anna }),
    status: 400,
  },
  {
    name: 'unknown database (admin-only name)',
    request: () => fetch(url('nothing-here/'), { headers: { Authorization: basicAuth('admin', 'admin-secret') } }),
    status: 404,
    body: { error: 'not_found', reason: 'Database does not exist.' },
  },
  {
    name: 'unknown region database of a region the user is not in',
    request: () => fetch(url('region-atlantis/'), { headers: anna }),
    status: 403,
  },
  {
    name: 'oversize body',
    request: () =>
      fetch(url('region-twente/_bulk_docs'), { method: 'POST', headers: anna, body: '{"docs":["' + 'x'.repeat(17 * 1024 * 1024) + '"]}' }),
    status: 413,
    check: (b) => expect(b.error).toBe('too_large'),
  },
  {
    name: 'invalid document id',
    request: () => fetch(url('region-twente/_weird'), { method: 'PUT', headers: anna, body: '{}' }),
    status: 400,
    check: (b) => expect(b.error).toBe('illegal_docid'),
  },
  {
    name: 'invalid candidate in _bulk_docs: per-document forbidden naming the field, the valid one written',
    request: () =>
      fetch(url('region-twente/_bulk_docs'), {
        method: 'POST',
        headers: anna,
        body: JSON.stringify({ docs: [{ ...candidate('bad-1'), postcode: '12' }, candidate('good-1')] }),
      }),
    status: 201,
    check: (b) => {
      expect(b[0]).toMatchObject({ id: 'bad-1', error: 'forbidden' });
      expect(b[0].reason).toContain('postcode');
      expect(b[1]).toMatchObject({ ok: true, id: 'good-1' });
    },
  },
  {
    name: 'invalid candidate with new_edits:false',
    request: () =>
      fetch(url('region-twente/_bulk_docs'), {
        method: 'POST',
        headers: anna,
        body: JSON.stringify({ new_edits: false, docs: [{ ...candidate('bad-2'), _rev: '1-abc', firstName: '' }] }),
      }),
    status: 201,
    check: (b) => {
      expect(b).toHaveLength(1);
      expect(b[0]).toMatchObject({ id: 'bad-2', error: 'forbidden' });
      expect(b[0].reason).toContain('firstName');
    },
  },
  {
    name: 'document of another region',
    request: () => fetch(url('region-twente/other-1'), { method: 'PUT', headers: anna, body: JSON.stringify(candidate('other-1', 'utrecht')) }),
    status: 403,
    check: (b) => expect(b).toMatchObject({ error: 'forbidden', reason: 'document is not linked to region twente' }),
  },
  {
    name: 'unknown document type',
    request: () => fetch(url('region-twente/x-1'), { method: 'PUT', headers: anna, body: '{"type":"pizza"}' }),
    status: 403,
  },
  {
    name: 'viewer write',
    request: () => fetch(url('region-twente/v-1'), { method: 'PUT', headers: vera, body: JSON.stringify(candidate('v-1')) }),
    status: 403,
    check: (b) => expect(b.error).toBe('forbidden'),
  },
  {
    name: 'attachments',
    request: () => fetch(url('region-twente/good-1/photo.jpg'), { method: 'PUT', headers: anna, body: 'x' }),
    status: 415,
    check: (b) => expect(b.reason).toContain('Attachments are not supported'),
  },
  {
    name: 'attachments inline',
    request: () =>
      fetch(url('region-twente/att-1'), {
        method: 'PUT',
        headers: anna,
        body: JSON.stringify({ ...candidate('att-1'), _attachments: { 'a.txt': { content_type: 'text/plain', data: 'aGk=' } } }),
      }),
    status: 403,
    check: (b) => expect(b.reason).toContain('Attachments are not supported'),
  },
  {
    name: 'update conflict',
    request: () => fetch(url('region-twente/good-1'), { method: 'PUT', headers: anna, body: JSON.stringify(candidate('good-1')) }),
    status: 409,
    body: { error: 'conflict', reason: 'Document update conflict.' },
  },
  {
    name: 'missing document',
    request: () => fetch(url('region-twente/nobody'), { headers: anna }),
    status: 404,
    check: (b) => expect(b.error).toBe('not_found'),
  },
  {
    name: 'unsupported changes feed',
    request: () => fetch(url('region-twente/_changes?feed=eventsource'), { headers: anna }),
    status: 400,
  },
  {
    name: 'malformed URL escape',
    request: () => fetch(url('region-twente/%E0%A4%A'), { headers: anna }),
    status: 400,
  },
  {
    name: 'wrong method',
    request: () => fetch(url('_all_dbs'), { method: 'POST', headers: anna }),
    status: 405,
  },
];

describe('bad input never crashes the server', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const res = await c.request();
      expect(res.status).toBe(c.status);
      const body = await res.json();
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
      if (c.body) expect(body).toEqual(c.body);
      c.check?.(body);
      const welcome = await fetch(server.url + '/');
      expect(welcome.status).toBe(200);
      expect(await welcome.json()).toMatchObject({ couchdb: 'Welcome' });
    });
  }

  it('the valid document of a mixed batch was written, the invalid one not', async () => {
    expect((await fetch(url('region-twente/good-1'), { headers: anna })).status).toBe(200);
    expect((await fetch(url('region-twente/bad-1'), { headers: anna })).status).toBe(404);
  });

  it('deletion stubs pass validation; _local documents are not validated', async () => {
    const doc = (await (await fetch(url('region-twente/good-1'), { headers: anna })).json()) as { _rev: string };
    const del = await fetch(url(`region-twente/good-1?rev=${doc._rev}`), { method: 'DELETE', headers: anna });
    expect(del.status).toBe(200);
    const local = await fetch(url('region-twente/_local/anything'), { method: 'PUT', headers: anna, body: '{"whatever":1}' });
    expect(local.status).toBe(201);
  });
});
