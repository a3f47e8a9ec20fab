import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastClosedQuarter, quarterLabel, quarterRange } from '../src/shared/report/quarter';
import { withApp } from './support/app';
import { renderPdf, ReportPage } from './pages/report';

/**
 * Carla, supervisor of Twente, opens the quarterly report of the last closed quarter from the
 * demo data, checks a figure against the database, downloads the PDF, and the PDF's pages are
 * rendered to images (pdf.js in Chromium) that must show text and chart bars and carry the
 * region, the quarter and the same figure.
 */
describe('Kwartaalrapportage', () => {
  const app = withApp({
    demoSize: 60,
    setup: async (a) => {
      const res = await a.asAdmin('/_regiodesk/admin/alliances', { id: 'oost', name: 'Oost-Nederland', regions: ['twente', 'utrecht'] });
      expect(res.status).toBe(201);
    },
  });

  it('shows last quarter of Twente and downloads a PDF that renders with the right figures', async () => {
    const quarter = lastClosedQuarter();
    const end = Date.parse(quarterRange(quarter).end);
    // Reference: Twente's candidates that existed at quarter end, counted from its database.
    const docs = (await app.docs('region-twente')) as { type?: string; createdAt: string }[];
    const stock = docs.filter((d) => d.type === 'candidate' && Date.parse(d.createdAt) < end).length;
    expect(stock).toBeGreaterThan(0);

    const { context, page } = await app.loginAs('carla');
    const report = new ReportPage(page);
    await report.open();
    await report.show(quarterLabel(quarter), 'Twente');
    await expect.poll(() => report.heading().textContent(), { timeout: 20_000 }).toBe(`Regio Twente, ${quarterLabel(quarter)}`);
    expect((await report.row('Totaal in bestand'))[0]).toBe(String(stock));

    const pdf = await report.download('Download PDF');
    expect(pdf.name).toBe(`kwartaalrapportage-twente-${quarter}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const rendered = await renderPdf(context, pdf.bytes);
    const out = path.join(os.tmpdir(), 'regiodesk-report-e2e');
    await mkdir(out, { recursive: true });
    await Promise.all(rendered.pages.map((p, i) => writeFile(path.join(out, `page-${i + 1}.png`), new Uint8Array(p.png))));
    expect(rendered.pages.length).toBeGreaterThanOrEqual(1);
    for (const p of rendered.pages) {
      expect(p.png.subarray(1, 4).toString()).toBe('PNG');
      expect(p.inked).toBeGreaterThan(2000); // not blank
    }
    expect(rendered.pages[0]!.coloured).toBeGreaterThan(2000); // the charts' bars
    expect(rendered.text).toContain('Kwartaalrapportage');
    expect(rendered.text).toContain('Regio Twente');
    expect(rendered.text.join(' ')).toContain(`${quarterLabel(quarter)} (${quarter})`);
    const at = rendered.text.indexOf('Totaal in bestand');
    expect(at).toBeGreaterThan(-1);
    expect(rendered.text[at + 1]).toBe(String(stock));

    // The same table as CSV (BOM, ;) and Excel (a zip).
    const csv = await report.download('Download CSV');
    expect(csv.bytes.toString('utf8')).toContain(`\uFEFFOnderdeel;Omschrijving;`);
    expect(csv.bytes.toString('utf8')).toContain(`Totaal in bestand;${stock};`);
    expect((await report.download('Download Excel')).bytes.subarray(0, 2).toString()).toBe('PK');

    // An alliance: counts from the server with small cells left out.
    await report.show(quarterLabel(quarter), 'Oost-Nederland');
    await expect.poll(() => report.heading().textContent(), { timeout: 20_000 }).toBe(`Samenwerkingsverband Oost-Nederland, ${quarterLabel(quarter)}`);
    await page.getByText('Aantallen onder de 5 zijn weggelaten').waitFor();

    // Offline the report cannot be made; the screen says so next to the choice.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Rapport tonen' }).click();
    await page.getByRole('alert').filter({ hasText: 'De server is niet bereikbaar' }).waitFor();
    await context.close();
  }, 90_000);
});
