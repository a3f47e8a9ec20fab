import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../../testing';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
let server: TestServer;
let tmp: string;
let bundle: string;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: 40 });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-report-cli-'));
  bundle = path.join(tmp, 'cli.mjs');
  await build({ entryPoints: [CLI], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The admin CLI as a child process, as an operator runs it. */
function admin(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle, ...args], { env: { ...process.env, REGIODESK_URL: server.url, REGIODESK_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr }),
    );
  });
}

/** Twente's candidates created before the end of 2026Q2, counted from the database itself. */
async function twenteStockAtEndOfQ2(): Promise<number> {
  const res = await fetch(`${server.url}/region-twente/_all_docs?include_docs=true`, { headers: { Authorization: basicAuth('admin', TEST_ADMIN_PASSWORD) } });
  const rows = ((await res.json()) as { rows: { doc: { type?: string; createdAt: string } }[] }).rows;
  return rows.filter((r) => r.doc.type === 'candidate' && Date.parse(r.doc.createdAt) < Date.parse('2026-07-01T00:00:00Z')).length;
}

describe('admin CLI: alliances and report', () => {
  it('adds, lists and removes alliances', async () => {
    expect((await admin(['--help'])).out).toContain('report (--region <code> | --alliance <id>)');
    const add = await admin(['alliances', 'add', 'oost', 'Oost-Nederland', 'twente', 'utrecht']);
    expect(add.code, add.err).toBe(0);
    expect((await admin(['alliances', 'add', 'leeg', 'Leeg', 'nowhere'])).code).toBe(1);
    expect((await admin(['alliances', 'add', 'leeg'])).code).toBe(2);
    expect((await admin(['alliances', 'list'])).out).toMatch(/oost\s+Oost-Nederland\s+twente, utrecht/);
    expect((await admin(['alliances', 'add', 'tmp', 'Tijdelijk', 'twente'])).code).toBe(0);
    expect((await admin(['alliances', 'remove', 'tmp'])).code).toBe(0);
    expect((await admin(['alliances', 'list'])).out).not.toContain('tmp');
    expect((await admin(['alliances', 'remove', 'tmp'])).code).toBe(1);
  }, 60_000);

  it('writes a region report as CSV, XLSX and PDF whose figures equal the database', async () => {
    const stock = await twenteStockAtEndOfQ2();
    const csvFile = path.join(tmp, 'twente.csv');
    const csv = await admin(['report', '--region', 'twente', '--quarter', '2026Q2', '--format', 'csv', '--out', csvFile]);
    expect(csv.code, csv.err).toBe(0);
    const text = await readFile(csvFile, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`Totaal in bestand;${stock};`);

    const xlsxFile = path.join(tmp, 'twente.xlsx');
    expect((await admin(['report', '--region', 'twente', '--quarter', '2026Q2', '--format', 'xlsx', '--out', xlsxFile])).code).toBe(0);
    const [sheet] = (await readXlsxFile(xlsxFile)) as unknown as { sheet: string; data: unknown[][] }[];
    expect(sheet!.sheet).toBe('2026Q2');
    const rows = sheet!.data;
    expect(rows[0]![0]).toBe('Onderdeel');
    expect(rows.find((r) => r[1] === 'Totaal in bestand')![2]).toBe(stock);

    const pdfFile = path.join(tmp, 'twente.pdf');
    const pdf = await admin(['report', '--region', 'twente', '--quarter', '2026Q2', '--format', 'pdf', '--out', pdfFile], { REGIODESK_ADMIN_USER: 'carla', REGIODESK_ADMIN_PASSWORD: 'regiodesk' });
    expect(pdf.code, pdf.err).toBe(0);
    expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe('%PDF-');

    const alliance = await admin(['report', '--alliance', 'oost', '--quarter', '2026Q2', '--format', 'csv', '--out', path.join(tmp, 'oost.csv')]);
    expect(alliance.code, alliance.err).toBe(0);
  }, 60_000);

  it('refuses bad input with exit code 2 and what the server refuses with 1', async () => {
    const out = path.join(tmp, 'x.csv');
    expect((await admin(['report', '--region', 'twente', '--quarter', '2026Q2', '--format', 'csv'])).code).toBe(2);
    expect((await admin(['report', '--region', 'twente', '--quarter', '2026-2', '--format', 'csv', '--out', out])).code).toBe(2);
    expect((await admin(['report', '--region', 'twente', '--alliance', 'oost', '--format', 'csv', '--out', out])).code).toBe(2);
    expect((await admin(['report', '--region', 'twente', '--format', 'doc', '--out', out])).code).toBe(2);
    const notHers = await admin(['report', '--region', 'utrecht', '--quarter', '2026Q2', '--format', 'csv', '--out', out], { REGIODESK_ADMIN_USER: 'carla', REGIODESK_ADMIN_PASSWORD: 'regiodesk' });
    expect(notHers.code).toBe(1);
    expect(notHers.err).toContain('403');
    await expect(readFile(out)).rejects.toThrow(); // nothing written
  }, 60_000);
});
