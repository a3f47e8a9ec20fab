import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../testing';

const fixture = (name: string) => readFile(new URL(`../../test-fixtures/reference/${name}`, import.meta.url));
const ADMIN = basicAuth('admin', TEST_ADMIN_PASSWORD);
const ANNA = basicAuth('anna', 'regiodesk');

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 4 });
});
afterAll(async () => {
  await server?.close();
});

interface Report {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  closed: number;
  rejected: { line: number; reason: string }[];
}

/** Posts a file to the import and reads the NDJSON answer: progress lines, then the report. */
async function importFile(name: string, format: 'duo' | 'programmes', auth = ADMIN, query = '') {
  const res = await fetch(`${server.url}/_regiodesk/reference/import?format=${format}${query}`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'text/csv' },
    body: new Uint8Array(await fixture(name)),
  });
  const text = await res.text();
  if (!res.ok) return { status: res.status, body: JSON.parse(text) as { error: string; reason: string }, progress: [], report: null as unknown as Report };
  const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { progress?: { done: number; total: number }; report?: Report });
  return { status: res.status, body: null, progress: lines.filter((l) => l.progress).map((l) => l.progress!), report: lines.at(-1)!.report! };
}

async function referenceDocs(auth = ANNA): Promise<Map<string, Record<string, unknown>>> {
  const res = await fetch(`${server.url}/reference/_all_docs?include_docs=true`, { headers: { Authorization: auth } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rows: { id: string; doc: Record<string, unknown> }[] };
  return new Map(body.rows.map((r) => [r.id, r.doc]));
}

async function regionOrganisations(): Promise<string> {
  const res = await fetch(`${server.url}/region-twente/_all_docs?include_docs=true`, { headers: { Authorization: ADMIN } });
  const body = (await res.json()) as { rows: { id: string; value: { rev: string }; doc: { type?: string } }[] };
  const orgs = body.rows.filter((r) => r.doc.type === 'organisation');
  expect(orgs.length).toBeGreaterThan(0);
  return JSON.stringify(orgs.map((r) => [r.id, r.value.rev]));
}

describe('reference import', () => {
  it('imports DUO locations once, then a re-import changes nothing', async () => {
    const before = await regionOrganisations();
    const first = await importFile('duo-vestigingen-2022.csv', 'duo');
    expect(first.status).toBe(200);
    expect(first.report).toMatchObject({ rows: 30, created: 30, updated: 0, unchanged: 0, closed: 0, rejected: [] });
    expect(first.progress!.at(-1)).toEqual({ done: 30, total: 30 });
    const docs = await referenceDocs();
    // Windows-1252 decoded, DUO capitals shown as place names.
    expect(docs.get('duo-24AB00')).toMatchObject({ name: 'Basisschool ’t Ravelijn' });
    expect(docs.get('duo-11CD01')).toMatchObject({ name: 'Kindcentrum Oriënt', kind: 'school', source: 'duo', region: 'reference', place: 'Oldenzaal', postcode: '7571 AB', parentId: 'duo-bg-41237' });
    const revs = JSON.stringify([...docs].map(([id, d]) => [id, d._rev]));

    const again = await importFile('duo-vestigingen-2022.csv', 'duo');
    expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: 30, closed: 0 });
    expect(JSON.stringify([...(await referenceDocs())].map(([id, d]) => [id, d._rev]))).toBe(revs);
    expect(await regionOrganisations()).toBe(before);
  });

  it('a newer file with the newer headers updates in place, adds, and closes instead of deleting', async () => {
    const before = await regionOrganisations();
    const { report } = await importFile('duo-vestigingen-2025.csv', 'duo');
    expect(report).toMatchObject({ rows: 31, created: 2, updated: 2, unchanged: 26, closed: 2, rejected: [] });
    const docs = await referenceDocs();
    expect(docs.size).toBe(32);
    expect(docs.get('duo-11AB00')).toMatchObject({ name: 'OBS De Vlinderboom (Kindcentrum)' });
    expect(String(docs.get('duo-11AB00')!._rev)).toMatch(/^2-/);
    expect(docs.get('duo-14CD01')).toMatchObject({ name: 'IKC Het Palet', closed: true }); // missing from the newer file
    expect(docs.get('duo-16CD00')).toMatchObject({ closed: true, closedOn: '2024-07-31' }); // end date
    expect(docs.get('duo-30AB01')).toMatchObject({ name: 'Dependance De Nieuwe Es Zeist', vestiging: '01' });
    expect(await regionOrganisations()).toBe(before);
  });

  it('reports bad rows with line and reason and imports the good ones', async () => {
    const { report } = await importFile('duo-vestigingen-kapot.csv', 'duo', ADMIN, '&partial=1');
    expect(report.created).toBe(2);
    expect(report.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(report.rejected[0]!.reason).toContain('BRIN');
    expect(report.rejected[1]!.reason).toContain('POSTCODE');
    // A partial file closes nothing.
    expect(report.closed).toBe(0);
  });

  it('imports boards and programmes, with their relations', async () => {
    const boards = await importFile('duo-besturen.csv', 'duo');
    expect(boards.report).toMatchObject({ created: 4, rejected: [] });
    const progs = await importFile('opleidingen.csv', 'programmes');
    expect(progs.report).toMatchObject({ rows: 11, created: 13, closed: 0 });
    expect(progs.report.rejected.map((r) => r.line)).toEqual([11, 12]);
    const docs = await referenceDocs();
    expect(docs.get('duo-bg-41237')).toMatchObject({ kind: 'schoolbestuur', name: 'Stichting Primair Onderwijs Utrecht' });
    expect(docs.get('prog-39110')).toMatchObject({ kind: 'lerarenopleiding', parentId: 'inst-21ui', sectors: ['po'] });
    expect(docs.get('prog-35199')).toMatchObject({ closed: true, closedOn: '2023-08-31' });
    expect(docs.get('inst-21ui')).toMatchObject({ kind: 'instelling', name: 'Saxion', brin: '21UI' });
    // The boards file closed no schools: another kind.
    expect([...docs.values()].filter((d) => d.kind === 'school' && d.closed).length).toBe(2);
  });

  it('refuses unreadable files whole, non-admins, and anything but reference organisations', async () => {
    const res = await fetch(`${server.url}/_regiodesk/reference/import?format=duo`, { method: 'POST', headers: { Authorization: ADMIN }, body: 'naam;plaats\nx;y\n' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad_request', reason: expect.stringContaining('BRIN') });
    expect((await fetch(`${server.url}/_regiodesk/reference/import?format=xls`, { method: 'POST', headers: { Authorization: ADMIN }, body: 'a' })).status).toBe(400);
    const count = (await referenceDocs()).size;

    const refused = await importFile('duo-vestigingen-2022.csv', 'duo', ANNA);
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await fetch(`${server.url}/_regiodesk/reference/import?format=duo`, { method: 'POST', body: 'a;b' })).status).toBe(401);
    const doc = { _id: 'duo-99ZZ00', type: 'organisation', name: 'Nep', kind: 'school', source: 'duo', region: 'reference', createdAt: '2026-01-01T00:00:00Z', createdBy: 'anna', updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'anna' };
    const put = await fetch(`${server.url}/reference/duo-99ZZ00`, { method: 'PUT', headers: { Authorization: ANNA, 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
    expect(put.status).toBe(403);
    // Even an administrator cannot put a region's record (or anything invalid) into the reference database.
    const bulk = await fetch(`${server.url}/reference/_bulk_docs`, {
      method: 'POST',
      headers: { Authorization: ADMIN, 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs: [{ ...doc, region: 'twente', source: 'region' }, { _id: 'x', type: 'candidate' }] }),
    });
    expect(((await bulk.json()) as { error?: string }[]).map((r) => r.error)).toEqual(['forbidden', 'forbidden']);
    expect((await referenceDocs()).size).toBe(count);
  });
});
