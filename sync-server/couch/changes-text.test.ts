import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonText } from '../http/respond';
import { LogStore } from '../store/log/log-store';
import { RawDoc } from '../store/raw-doc';
import type { ChangesQuery, StoreDb } from '../store/types';
import { asciiJson, changesText, rxShapedDoc, rxShapedText } from './changes-text';
import { planChanges } from './private-views';

/** The spliced `_changes` answer (documents as stored text) must equal the one built from parsed documents, byte for byte. */
describe('changes answer from stored text', () => {
  let dir: string;
  let store: LogStore;
  let db: StoreDb;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-changes-text-'));
    store = new LogStore(dir);
    await store.create('plain');
    db = (await store.open('plain'))!;
    await db.bulkDocs([{ _id: 'a', n: 1, nested: { s: 'é "quoted" \\ \n', list: [1, null, true] } }, { _id: 'empty' }, { _id: 'gone', x: 1 }], true);
    const gone = (await db.get('gone')) as { _rev: string };
    await db.bulkDocs([{ _id: 'gone', _rev: gone._rev, _deleted: true }], true);
    // A conflict: two branches of `c`.
    await db.bulkDocs([{ _id: 'c', _rev: '1-aaa', v: 1 }, { _id: 'c', _rev: '1-bbb', v: 2 }], false);
    await db.bulkDocs([
      { _id: 'view-1', type: 'savedView', shared: false, owner: 'anna', name: 'mine' },
      { _id: 'view-2', type: 'savedView', shared: true, owner: 'anna', name: 'ours' },
      { _id: 'note-1', type: 'note', text: 'mentions "savedView" in text' },
    ], true);
  });

  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const queries: [string, ChangesQuery][] = [
    ['include_docs', { since: 0, includeDocs: true }],
    ['include_docs + conflicts + all_docs', { since: 0, includeDocs: true, conflicts: true, allLeaves: true }],
    ['descending with limit', { since: 0, includeDocs: true, descending: true, limit: 3 }],
    ['selector', { since: 0, includeDocs: true, selector: { type: 'savedView' } }],
  ];
  for (const [name, q] of queries) {
    for (const user of ['anna', 'bram']) {
      it(`${name}, read by ${user}`, async () => {
        const plan = planChanges(q, user);
        const parsed = await db.changes(plan.query);
        const raw = await db.changes({ ...plan.query, rawDocs: true });
        expect(raw.results.some((r) => r.doc instanceof RawDoc)).toBe(true);
        const expected = jsonText({ results: plan.rows(parsed.results), last_seq: parsed.last_seq, pending: 0 });
        expect(changesText(plan.rows(raw.results), raw.last_seq, 0)).toBe(expected);
      });
    }
  }

  it('hides a private view from others also when its body is text', async () => {
    const rows = planChanges({ since: 0, includeDocs: true, rawDocs: true }, 'bram').rows((await db.changes({ since: 0, includeDocs: true, rawDocs: true })).results);
    const text = changesText(rows, 0, undefined);
    expect(text).not.toContain('mine');
    expect(text).toContain('ours');
  });

  it("writes the stored texts in RxDB's shape by cutting their prefix, equal to the rewritten objects", async () => {
    const raw = await db.changes({ since: 0, includeDocs: true, conflicts: true, rawDocs: true });
    for (const r of raw.results) {
      const doc = r.doc as RawDoc;
      const id = String(r.id);
      // The fast path's precondition: every stored text starts with `_id` and `_rev`.
      expect(doc.text.startsWith(`{"_id":${JSON.stringify(id)},"_rev":"`)).toBe(true);
      const shaped = rxShapedText(doc.text, id);
      expect(shaped).not.toContain('"_rev"');
      expect(JSON.parse(shaped)).toEqual(rxShapedDoc(JSON.parse(doc.text)));
    }
    expect(rxShapedText('{"_id":"gone","_rev":"2-x","_deleted":true}', 'gone')).toBe('{"id":"gone","_deleted":true}');
    expect(rxShapedText('{"_id":"e","_rev":"1-x"}', 'e')).toBe('{"id":"e"}');
  });

  it('rewrites texts in another order by parsing them', () => {
    expect(JSON.parse(rxShapedText('{"a":1,"_rev":"1-x","_id":"q"}', 'q'))).toEqual({ id: 'q', a: 1 });
    expect(JSON.parse(rxShapedText('{"_id":"q","a":1}', 'q'))).toEqual({ id: 'q', a: 1 });
  });
});

describe('asciiJson', () => {
  it('escapes every character above U+007F and stays equal JSON', () => {
    const value = { name: 'Chloë Ruïne', sign: '✓', smile: '😀', plain: 'abc', quote: '"\\' };
    const text = asciiJson(JSON.stringify(value));
    expect(text).toMatch(/^[\x00-\x7f]*$/);
    expect(text).toContain('Chlo\\u00eb');
    expect(text).toContain('\\ud83d\\ude00');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('hands back an ASCII text as it is', () => {
    const text = JSON.stringify({ a: 'plain', b: [1, 2] });
    expect(asciiJson(text)).toBe(text);
  });
});
