import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const AXE = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Injected through a function call (not a <script> tag), so the app's CSP does not block it.
  await page.evaluate((src) => {
    if (!(window as unknown as { axe?: unknown }).axe) (0, eval)(src);
  }, AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The list's views, the board, the file, tasks: by what a user sees. */
export class CaseHandlingPage {
  constructor(private readonly page: Page) {}

  tab(name: string | RegExp) {
    return this.page.getByRole('tab', { name });
  }
  get rows() {
    return this.page.locator('tbody tr.row-link');
  }
  get groupRows() {
    return this.page.locator('tbody tr.group-row');
  }
  get search() {
    return this.page.getByRole('searchbox');
  }
  column(phaseLabel: string) {
    return this.page.locator('.board-col').filter({ has: this.page.getByRole('heading', { name: new RegExp(`^${phaseLabel}`) }) });
  }
  async columnCount(phaseLabel: string): Promise<number> {
    return Number(await this.column(phaseLabel).locator('.board-title .count').textContent());
  }
  async tabCount(name: string | RegExp): Promise<number> {
    return Number(await this.tab(name).locator('.count').textContent());
  }
  async mode(name: 'Tabel' | 'Bord'): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }
  async openFile(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).first().click();
    await this.page.getByRole('heading', { level: 2, name }).waitFor();
  }
}
