import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

  describe('values the wizard would ask about', () => {
    let dir: string;
    let file: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'rd-import-map-'));
      file = path.join(dir, 'base.csv');
      // Phase and function names of another Airtable base: Wachtlijst and Intake are not ours, Coach is no function we know.
      await writeFile(file, [
        'Naam;Fase;Functie voorkeur;Email',
        'Ada Aap;Wachtlijst;Docent;ada@map.nl',
        'Bas Beer;Intake;Coach, Docent;bas@map.nl',
        'Cor Cavia;wachtlijst;;cor@map.nl',
        'Dina Das;matchen;OOP;dina@map.nl',
      ].join('\n'));
    });
    afterAll(async () => rm(dir, { recursive: true, force: true }));
    const inUtrecht = async () =>
      ((await (await call('GET', '/region-utrecht/_all_docs?include_docs=true')).json()) as { rows: { doc: Record<string, unknown> }[] }).rows
        .map((r) => r.doc)
        .filter((d) => d.source === 'import');

    it('--dry-run lists unknown values per column with their counts and lines, and writes nothing', async () => {
      const lines: string[] = [];
      await runImportCandidates(call, [file], { region: ['utrecht'], 'dry-run': ['true'] }, (s) => lines.push(s));
      const text = lines.join('\n');
      expect(text).toContain('Column "Fase" (phase): 2 unknown values in 3 rows');
      expect(text).toContain('"Wachtlijst": 2 rows (lines 2, 4)');
      expect(text).toContain('"Intake": 1 row (line 3)');
      expect(text).toContain('Column "Functie voorkeur" (functions): 1 unknown value in 1 row');
      expect(text).toContain('"Coach": 1 row (line 3)');
      expect(text).toMatch(/Dry run: would create 1 candidates in utrecht; 0 possible duplicates skipped; 3 rejected/);
      expect(lines.findIndex((l) => l.startsWith('Column'))).toBeLessThan(lines.findIndex((l) => l.startsWith('Dry run')));
      expect(await inUtrecht()).toHaveLength(0);
    });

    it('maps values with --map and --mapping (as the wizard does) and imports those rows', async () => {
      const mappingFile = path.join(dir, 'mapping.json');
      await writeFile(mappingFile, JSON.stringify({ 'Functie voorkeur': { coach: null } }));
      const lines: string[] = [];
      await runImportCandidates(call, [file], { region: ['utrecht'], map: ['fase:wachtlijst=on_hold', 'Fase:Intake=nieuw'], mapping: [mappingFile] }, (s) => lines.push(s));
      expect(lines.join('\n')).not.toContain('unknown value');
      expect(lines.join('\n')).toMatch(/Created 4 candidates in utrecht; 0 possible duplicates skipped; 0 rejected/);
      const byMail = new Map((await inUtrecht()).map((d) => [d.email, d]));
      expect(byMail.get('ada@map.nl')).toMatchObject({ phase: 'on_hold', functions: ['docent'] });
      expect(byMail.get('bas@map.nl')).toMatchObject({ phase: 'nieuw', functions: ['docent'] });
      expect(byMail.get('cor@map.nl')).toMatchObject({ phase: 'on_hold' });
    });

    it('refuses a mapping onto a code we do not have, or of a column without coded values, before writing', async () => {
      const before = (await inUtrecht()).length;
      await expect(runImportCandidates(call, [file], { region: ['utrecht'], map: ['fase:Wachtlijst=wachten'] }, () => undefined)).rejects.toThrow(/"wachten" is not a phase code.*Nothing was imported/);
      await expect(runImportCandidates(call, [file], { region: ['utrecht'], map: ['Email:x=y'] }, () => undefined)).rejects.toThrow(/"Email" is not a column with coded values/);
      await expect(runImportCandidates(call, [file], { region: ['utrecht'], map: ['Wachtlijst'] }, () => undefined)).rejects.toThrow(/is not <column>:<value>=<code>/);
      expect(await inUtrecht()).toHaveLength(before);
    });
  });

  it('refuses a broken file and writes nothing', async () => {
    await expect(runImportCandidates(call, [fixture('broken.xlsx')], { region: ['twente'] }, () => undefined)).rejects.toThrow(/brokenXlsx.*Nothing was imported/);
    await expect(runImportCandidates(call, [fixture('comma.csv')], {}, () => undefined)).rejects.toThrow(/--region/);
  });
});
