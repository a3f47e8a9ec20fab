import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newCandidate } from '../src/shared';
import { basicAuth } from '../sync-server/testing';
import { eventually, serverDocs } from './support/couch';
import { withApp } from './support/app';
import { VacanciesPage } from './pages/vacancies';
import { seriousViolations } from './pages/caseHandling';

/**
 * Holds every read and write of one collection in the page until the returned function is called:
 * a readwrite IndexedDB transaction kept open on its Dexie database(s), so that RxDB's later
 * transactions there wait. A save that touches the collection stays in flight meanwhile.
 */
async function holdCollection(page: Page, collection: string): Promise<() => Promise<void>> {
  await page.evaluate(async (suffix) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('rxdb-dexie-') && n.endsWith(suffix));
    if (names.length === 0) throw new Error(`no IndexedDB database ends with ${suffix}`);
    const w = window as unknown as { releaseHeld?: () => void };
    let held = true;
    w.releaseHeld = () => {
      held = false;
    };
    await Promise.all(
      names.map(
        (name) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open(name);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const idb = open.result;
              const stores = Array.from(idb.objectStoreNames);
              const tx = idb.transaction(stores, 'readwrite');
              tx.oncomplete = () => idb.close();
              // A transaction lives while it has requests: one after the other until released.
              const store = tx.objectStore(stores[0]!);
              const next = () => {
                if (held) store.count().onsuccess = next;
              };
              store.count().onsuccess = () => {
                next();
                resolve(); // running: RxDB's transactions on these stores now wait behind it
              };
            };
          }),
      ),
    );
  }, `--${collection}`);
  return () => page.evaluate(() => (window as unknown as { releaseHeld: () => void }).releaseHeld());
}

/**
 * Vacancies in a real browser against the real server: a desk enters a public vacancy, finds the
 * best candidate for it with reasons, takes her through the pipeline to `aangenomen`, and sees the
 * vacancy filled, the candidate placed and the school contact made; the public list shows the
 * vacancy while open and public only, without personal data.
 */
describe('vacancies and matching', () => {
  let page: Page;
  const anna = { user: 'anna', password: 'regiodesk' };
  const now = new Date().toISOString();
  const fatima = newCandidate(
    { firstName: 'Fatima', lastName: 'Bakkali', phase: 'matchen', sectors: ['vo'], functions: ['docent'], subjects: ['wiskunde'], postcode: '7512 AB', preferredRoute: 'zij_instroom', email: 'fatima@example.nl', regions: ['twente'], ownerRegion: 'twente', consent: { given: true } },
    { id: 'cand-fatima-e2e', user: 'anna', now },
  );

  const app = withApp({
    demoSize: 5,
    setupTimeoutMs: 120_000,
    setup: async (a) => {
      const { id, ...body } = fatima;
      const put = await fetch(`${a.url}/region-twente/${id}`, { method: 'PUT', headers: { Authorization: basicAuth('anna', 'regiodesk'), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(put.status).toBe(201);
      ({ page } = await a.loginAs('anna'));
      page.on('dialog', (d) => void d.accept());
    },
  });

  const docs = () => serverDocs(app.url, 'region-twente', anna);

  it('creates a vacancy, ranks the candidate with reasons, takes her to aangenomen: vacancy filled, candidate placed', async () => {
    const ui = new VacanciesPage(page);
    await ui.open();
    await page.getByText('Nog geen vacatures in deze regio').waitFor();

    // A field error next to the field, and what was typed is kept.
    await page.getByRole('button', { name: 'Nieuwe vacature' }).click();
    await page.getByLabel('Titel').fill('Docent wiskunde');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#vac-sector-error').waitFor();
    expect(await page.getByLabel('Titel').inputValue()).toBe('Docent wiskunde');
    await page.getByRole('button', { name: 'Annuleren' }).click();

    await ui.create({ title: 'Docent wiskunde', organisation: 'Het Twents Lyceum', sector: 'Voortgezet onderwijs', subject: 'Wiskunde', postcode: '7511 JJ', route: 'Zij-instroom', public: true });
    await page.getByRole('heading', { name: 'Docent wiskunde' }).waitFor();

    // Fatima is the best candidate, with the reasons in short Dutch.
    const first = ui.ranked.locator('li').first();
    await expect.poll(() => first.textContent(), { timeout: 30_000 }).toContain('Fatima Bakkali');
    const line = (await first.textContent()) ?? '';
    expect(line).toContain('Wiskunde ✓');
    expect(line).toMatch(/\d+ km/);
    expect(line).toContain('Zij-instroom mogelijk');

    await ui.propose('Fatima Bakkali');
    await expect.poll(() => ui.pipeline('Fatima Bakkali').getAttribute('data-step')).toBe('voorgesteld');
    expect(await seriousViolations(page)).toEqual([]); // detail with ranked list and pipeline form

    // She goes on while a save is still writing (held here before the match is written): what she
    // chooses and types meanwhile stays in the form, through the live re-render with the changed
    // match and through the save's end; the save cannot be sent twice meanwhile. (The save's end used
    // to reset the form: the next click then recorded `meeloopdag` without her note.)
    const pipeline = ui.pipeline('Fatima Bakkali');
    const release = await holdCollection(page, 'matches');
    await ui.step('Fatima Bakkali', 'Gesprek', 'Goed eerste gesprek');
    await pipeline.getByLabel('Stap', { exact: true }).selectOption({ label: 'Aangenomen' });
    await pipeline.getByLabel('Notitie').fill('Start in januari');
    expect(await pipeline.getByRole('button', { name: 'Stap vastleggen' }).isDisabled()).toBe(true);
    expect(await pipeline.getAttribute('data-step')).toBe('voorgesteld'); // nothing written yet
    await release();
    await expect.poll(() => pipeline.getAttribute('data-step')).toBe('gesprek');
    await pipeline.getByText('Stap vastgelegd.').waitFor(); // the save has ended
    expect(await pipeline.getByLabel('Stap', { exact: true }).inputValue()).toBe('aangenomen');
    expect(await pipeline.getByLabel('Notitie').inputValue()).toBe('Start in januari');
    await pipeline.getByRole('button', { name: 'Stap vastleggen' }).click();
    await page.getByText('De vacature is vervuld en de kandidaat staat op geplaatst.').waitFor();
    await expect.poll(() => page.getByTestId('vacancy-detail-status').textContent()).toContain('Vervuld');

    // Her file: phase geplaatst, the match with its history, the school contact.
    await ui.pipeline('Fatima Bakkali').getByRole('link', { name: 'Fatima Bakkali' }).click();
    await page.getByRole('heading', { name: 'Fatima Bakkali' }).waitFor();
    const section = page.getByTestId('candidate-vacancies');
    await expect.poll(() => section.getByTestId('match-step').textContent()).toBe('Aangenomen');
    // The hiring message comes from the stored step, so a freshly mounted pipeline shows it too.
    expect(await section.getByTestId('match-filled').textContent()).toBe('De vacature is vervuld en de kandidaat staat op geplaatst.');
    await expect.poll(() => page.locator('#file-history').locator('..').textContent()).toContain('Geplaatst');

    // What reached the server: the synced documents.
    const synced = await eventually(async () => {
      const all = await docs();
      const cand = all.find((d) => d._id === fatima.id);
      const vac = all.find((d) => d.type === 'vacancy');
      const match = all.find((d) => d.type === 'match');
      const contact = all.find((d) => d.type === 'contact' && d.candidateId === fatima.id);
      return cand?.phase === 'geplaatst' && vac?.status === 'filled' && match?.step === 'aangenomen' && contact?.status === 'aangenomen' ? { cand, vac, match, contact } : undefined;
    }, 'placement synced', 30_000);
    expect((synced.cand.phaseHistory as { to: string }[]).map((p) => p.to)).toEqual(['matchen', 'geplaatst']);
    expect((synced.match.history as { step: string; note?: string }[]).map((h) => h.step)).toEqual(['voorgesteld', 'gesprek', 'aangenomen']);
    expect(synced.contact.organisationName).toBe('Het Twents Lyceum');
  }, 120_000);

  it('the public list shows only public open vacancies, without personal data', async () => {
    const ui = new VacanciesPage(page);
    await ui.open();
    // A second, public and open vacancy and a third that is not public.
    await ui.create({ title: 'Docent natuurkunde', organisation: 'Het Twents Lyceum 2', sector: 'Voortgezet onderwijs', subject: 'Natuurkunde', postcode: '7511 JJ', route: 'Zij-instroom', public: true });
    await page.getByRole('heading', { name: 'Docent natuurkunde' }).waitFor();
    await ui.open();
    await ui.create({ title: 'Interne vacature', organisation: 'Basisschool De Es', sector: 'Primair onderwijs', subject: 'Groepsleerkracht (po)', postcode: '7522 AA', route: 'Zij-instroom', public: false });
    await page.getByRole('heading', { name: 'Interne vacature' }).waitFor();
    // And one from a spreadsheet: a dry run with the refused row and its reason, then the import.
    await ui.open();
    await page.getByText('Importeren uit CSV of Excel').click();
    const csv = 'Titel;Organisatie;Sector;Vakken;Openbaar\nDocent Engels;Het Twents Lyceum;vo;Engels;ja\nDocent Klingon;Het Twents Lyceum;vo;Klingon;ja\n';
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles({ name: 'vacatures.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('Klaar om te importeren: 1. Afgewezen: 1.').waitFor();
    expect(await page.locator('.import-refused').textContent()).toContain('Regel 3');
    await page.getByRole('button', { name: '1 vacature importeren' }).click();
    await page.getByText('1 vacature geïmporteerd.').waitFor();
    await eventually(async () => ((await docs()).filter((d) => d.type === 'vacancy').length === 4 ? true : undefined), 'four vacancies synced', 30_000);

    await ui.open();
    await page.getByTestId('vacancy-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]); // list with filters

    const json = await (await fetch(`${app.url}/vacatures/twente.json`)).text();
    const titles = (JSON.parse(json) as { vacancies: { title: string }[] }).vacancies.map((v) => v.title);
    expect(titles).toEqual(['Docent Engels', 'Docent natuurkunde']); // the filled one and the internal one are not shown
    for (const secret of ['Fatima', 'Bakkali', 'fatima@example.nl']) expect(json).not.toContain(secret);

    const pub = await (await app.newContext()).newPage();
    await pub.goto(`${app.url}/vacatures/twente`);
    await pub.getByRole('heading', { name: 'Docent natuurkunde' }).waitFor();
    expect(await pub.getByRole('heading', { name: 'Interne vacature' }).count()).toBe(0);
    await pub.getByRole('link', { name: /Interesse in Docent natuurkunde/ }).click();
    await pub.getByLabel('Je vraag of motivatie').waitFor();
    expect(await pub.getByLabel('Je vraag of motivatie').inputValue()).toContain('Docent natuurkunde');
  }, 120_000);
});
