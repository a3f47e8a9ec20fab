import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { openHeaderMenu } from './header';

/** The Kwartaalrapportage screen, by its accessible labels. */
export class ReportPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await openHeaderMenu(this.page, 'more');
    await this.page.getByRole('button', { name: 'Kwartaalrapportage' }).click();
    await this.page.getByRole('heading', { name: 'Kwartaalrapportage', level: 2 }).waitFor();
  }

  async show(quarterLabel: string, subject: string): Promise<void> {
    await this.page.getByLabel('Kwartaal', { exact: true }).selectOption({ label: quarterLabel });
    await this.page.getByLabel('Regio of samenwerkingsverband').selectOption({ label: subject });
    await this.page.getByRole('button', { name: 'Rapport tonen' }).click();
  }

  heading() {
    return this.page.getByRole('heading', { level: 3 });
  }

  /** The three counts of a table row, as shown. */
  async row(item: string): Promise<string[]> {
    return this.page.getByRole('row', { name: item, exact: false }).first().getByRole('cell').allTextContents();
  }

  /** Clicks a download button and answers the file's bytes and suggested name. */
  async download(label: 'Download PDF' | 'Download CSV' | 'Download Excel'): Promise<{ name: string; bytes: Buffer }> {
    const [dl] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: label }).click()]);
    const file = await dl.path();
    return { name: dl.suggestedFilename(), bytes: await readFile(file) };
  }
}

const require = createRequire(import.meta.url);
/** pdf.js is loaded by the page itself: an import() inside page.evaluate would be rewritten by vitest. */
const HTML = `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
window.pdfjsLib = pdfjs;
</script></body>`;
const PDFJS = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'legacy', 'build');

export interface RenderedPdf {
  pages: { png: Buffer; inked: number; coloured: number }[];
  text: string[];
}

/**
 * Renders every page of a PDF to a PNG with pdf.js in a Chromium page (pdf.js served from
 * node_modules through a route), and answers the images, how many pixels are not white (and
 * how many are clearly coloured, i.e. chart bars) per page, and the text items in order.
 */
export async function renderPdf(context: BrowserContext, pdf: Buffer): Promise<RenderedPdf> {
  const page = await context.newPage();
  const origin = 'http://pdfjs.test';
  await page.route(`${origin}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: HTML });
    if (name === 'pdf.mjs' || name === 'pdf.worker.mjs') return route.fulfill({ contentType: 'text/javascript', body: await readFile(path.join(PDFJS, name)) });
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => 'pdfjsLib' in window);
  const result = await page.evaluate(async (b64) => {
    const pdfjs = (window as unknown as { pdfjsLib: typeof import('pdfjs-dist') }).pdfjsLib;
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data }).promise;
    const pages: { png: string; inked: number; coloured: number }[] = [];
    const text: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const p = await doc.getPage(i);
      const viewport = p.getViewport({ scale: 1.5 });
      const canvas = document.createElement('canvas');
      canvas.width = viewport.width;
      canvas.height = viewport.height;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await p.render({ canvasContext: ctx, viewport }).promise;
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      let coloured = 0;
      for (let j = 0; j < px.length; j += 4) {
        const [r, g, b] = [px[j]!, px[j + 1]!, px[j + 2]!];
        if (r < 240 || g < 240 || b < 240) inked++;
        if (b - r > 60) coloured++;
      }
      pages.push({ png: canvas.toDataURL('image/png').split(',')[1]!, inked, coloured });
      const content = await p.getTextContent();
      for (const item of content.items) if ('str' in item && item.str.trim()) text.push(item.str);
    }
    return { pages, text };
  }, pdf.toString('base64'));
  await page.close();
  return { pages: result.pages.map((p) => ({ ...p, png: Buffer.from(p.png, 'base64') })), text: result.text };
}
