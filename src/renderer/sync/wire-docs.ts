import type { ChangesPage } from './kind-fetch';

/**
 * A document's `"_rev":"…"` member in compact JSON, with the comma that joins it to the next
 * member, or (as the last member) to the one before. A revision holds no quote or backslash. In a
 * string value the quotes would be escaped (`\"_rev\"`), so text inside values never matches.
 */
const REV_MEMBER = /"_rev":"[^"\\]*",|,"_rev":"[^"\\]*"(?=\})/g;
const ID_KEY = /"_id":/g;

/**
 * Parses a `_changes` page with every document already in RxDB's shape: `id` instead of `_id`,
 * no `_rev`. RxDB's CouchDB pull renames `_id` and removes `_rev` itself, by `delete` on a copy
 * of each document; V8 then turns the copy into a slow dictionary object, and cloning those again
 * (RxDB's `flatClone` in handlePulledDocuments) was 8–12 % of an initial sync of 100,000
 * (npm run bench:sync profile) and the copies fed the GC. Done on the text, JSON.parse builds
 * the documents in their final shape and RxDB's rename and delete have nothing left to do.
 * Only the page's documents carry `_id` and `_rev` (a row has `id`, `seq`, `changes`); JSON not
 * in the compact form our server and CouchDB send simply keeps its `_rev` for RxDB to remove.
 */
export function parseChangesPage(text: string): ChangesPage {
  if (!text.includes('"_id":')) return JSON.parse(text) as ChangesPage;
  return JSON.parse(text.replace(REV_MEMBER, '').replace(ID_KEY, '"id":')) as ChangesPage;
}
