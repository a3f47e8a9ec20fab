import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../testing';
import { runImportCandidates } from './import-candidates';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test-fixtures/import/${name}`, import.meta.url));

describe('admin: import candidates', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 3 });
  });
  afterAll(async () => server?.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { authorization: basicAuth('admin', TEST_ADMIN_PASSWORD), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return res;
  };
  const imported = async () => {
    const body = (await (await call('GET', '/region-twente/_all_docs?include_docs=true')).json()) as { rows: { doc: Record<string, unknown> }[] };
    return body.rows.map((r) => r.doc).filter((d) => d.source === 'import' || d.type === 'note');
  };

  it('writes the Airtable export through _bulk_docs, and a second run skips those it recognises as duplicates', async () => {
    const lines: string[] = [];
    await runImportCandidates(call, [fixture('airtable-kandidaten.csv')], { region: ['twente'] }, (s) => lines.push(s));
    expect(lines[0]).toMatch(/wachtlijst/);
    expect(lines.join('\n')).toMatch(/Created 9 candidates in twente; 1 possible duplicates skipped; 2 rejected/);
    expect(lines.join('\n')).toMatch(/line 10 Kelly Sall: rejected: email invalidEmail/);
    const docs = await imported();
    expect(docs.filter((d) => d.type === 'candidate')).toHaveLength(9);
    expect(docs.filter((d) => d.type === 'note')).toHaveLength(3);

    const again: string[] = [];
    await runImportCandidates(call, [fixture('airtable-kandidaten.csv')], { region: ['twente'] }, (s) => again.push(s));
    // Rows with e-mail or phone are recognised; three people with only a name are not (a name alone is no evidence).
    expect(again.join('\n')).toMatch(/Created 3 candidates in twente; 7 possible duplicates skipped/);
    expect((await imported()).filter((d) => d.type === 'candidate')).toHaveLength(12);
  });

  it('refuses a broken file and writes nothing', async () => {
    await expect(runImportCandidates(call, [fixture('broken.xlsx')], { region: ['twente'] }, () => undefined)).rejects.toThrow(/brokenXlsx.*Nothing was imported/);
    await expect(runImportCandidates(call, [fixture('comma.csv')], {}, () => undefined)).rejects.toThrow(/--region/);
  });
});
