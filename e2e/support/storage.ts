import type { Page } from 'playwright-core';
import { readIndexedDb, type StoredRecords } from '../../src/renderer/db/testing';

/**
 * What a browser profile keeps at rest for the app's origin, read in the page past RxDB and
 * Dexie: the same reader the Node tests use on fake-indexeddb (src/renderer/db/testing.ts).
 */
export function originIndexedDb(page: Page): Promise<StoredRecords[]> {
  // Runs in the page with no argument, so the reader takes the page's own `indexedDB`.
  return page.evaluate(readIndexedDb as () => Promise<StoredRecords[]>);
}

/** Every IndexedDB record and every localStorage entry of the origin, as one JSON text to search. */
export async function originDump(page: Page): Promise<string> {
  const out = await originIndexedDb(page);
  const local = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  return JSON.stringify({ out, local });
}
