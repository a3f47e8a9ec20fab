import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kindSelector } from '../../../src/renderer/sync/kind-fetch';
import { EmbeddedStore } from '../embedded';
import { RawDoc } from '../raw-doc';
import type { ChangesQuery, Json, StoreDb } from '../types';
import { readsOnlyType, selectorFields } from './log-kind';
import { LogStore } from './log-store';

/**
 * The log engine decides a selector that reads only `type` (the app's kind selector) from the
 * `type` it keeps per document (log-kind.ts). Its answers must equal the LevelDB engine's and its
 * own general path's (the same selector made to read `_id` too) through every way a winner's
 * type can change: new documents, updates that change the kind, a conflict won or lost by another
 * kind, deletions with and without a body, purge, compaction and a reopen (the file's replay).
 */
describe('log store: the kind selector without parsing bodies', () => {
  let dir: string;
  let log: LogStore;
  let level: EmbeddedStore;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-log-kind-'));
    log = new LogStore(path.join(dir, 'log'));
    level = new EmbeddedStore(path.join(dir, 'level'));
    await log.create('db');
    await level.create('db');
  });

  afterAll(async () => {
    await log.close();
    await level.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('knows which selectors read only `type`', () => {
    expect(readsOnlyType(kindSelector('candidate'))).toBe(true);
    expect(readsOnlyType({ type: { $in: ['a', 'b'] } })).toBe(true);
    expect(readsOnlyType({ 'type.sub': 1, $nor: [{ type: 'x' }], $not: { type: 'y' } })).toBe(true);
    expect(readsOnlyType({ type: 'a', region: 'twente' })).toBe(false);
    expect(readsOnlyType({ $or: [{ type: 'a' }, { _id: 'x' }] })).toBe(false);
    expect(readsOnlyType({ $where: 'x' })).toBe(false);
    expect(readsOnlyType({ 'ty\\.pe': 1 })).toBe(false);
    expect(readsOnlyType({})).toBe(false);
    expect(selectorFields({ $and: [{ a: 1 }, { 'b.c': { $exists: true } }] })).toEqual(new Set(['a', 'b']));
    expect(selectorFields({ $or: 'not an array' })).toBeNull();
  });

  /** Writes the same to both engines; answers must agree. */
  async function both(docs: Json[], newEdits = true): Promise<void> {
    const a = await (await log.open('db'))!.bulkDocs(docs, newEdits);
    const b = await (await level.open('db'))!.bulkDocs(docs, newEdits);
    expect(a).toEqual(b);
  }
  const revOf = async (id: string) => ((await (await log.open('db'))!.get(id)) as Json)._rev as string;

  /** The rows of a kind: ids, leaves, deletion flags and the documents as text. */
  async function kindRows(db: StoreDb, selector: Record<string, unknown>, extra: Partial<ChangesQuery> = {}): Promise<unknown[]> {
    const res = await db.changes({ since: 0, includeDocs: true, allLeaves: true, conflicts: true, selector, ...extra });
    return res.results.map(({ seq: _seq, doc, ...row }) => ({ ...row, doc: doc instanceof RawDoc ? doc.value : doc }));
  }

  /** The log engine's shortcut against its general path and against LevelDB, for several kinds. */
  async function agree(): Promise<void> {
    const logDb = (await log.open('db'))!;
    const levelDb = (await level.open('db'))!;
    for (const type of ['candidate', 'note', 'task', 'none']) {
      const sel = kindSelector(type);
      const shortcut = await kindRows(logDb, sel, { rawDocs: true });
      const general = await kindRows(logDb, { $and: [sel, { _id: { $exists: true } }] }, { rawDocs: true });
      expect(shortcut).toEqual(general);
      expect(await kindRows(logDb, sel)).toEqual(general);
      expect(await kindRows(levelDb, sel)).toEqual(general);
    }
  }

  it('answers as the general path and the LevelDB engine while kinds change under it', async () => {
    // New documents (the batch path without PouchDB), one with a non-string type.
    await both([
      { _id: 'c1', type: 'candidate', name: 'A' },
      { _id: 'c2', type: 'candidate', name: 'B' },
      { _id: 'n1', type: 'note', text: 'x' },
      { _id: 'odd', type: { nested: 'candidate' } },
      { _id: 'untyped', v: 1 },
    ]);
    await agree();
    // Updates (PouchDB's path): one changes its kind, one loses its type.
    await both([
      { _id: 'c2', _rev: await revOf('c2'), type: 'note', name: 'B' },
      { _id: 'n1', _rev: await revOf('n1'), text: 'y' },
    ]);
    await agree();
    // A conflict: a branch of another kind that wins (higher hash), and one that loses.
    await both(
      [
        { _id: 't1', _rev: '1-aaa', type: 'task' },
        { _id: 't1', _rev: '1-fff', type: 'candidate' },
        { _id: 't2', _rev: '1-fff', type: 'task' },
        { _id: 't2', _rev: '1-aaa', type: 'candidate' },
      ],
      false,
    );
    await agree();
    // The winner deleted: the other branch (another kind) wins.
    await both([{ _id: 't1', _rev: '1-fff', _deleted: true }]);
    await agree();
    // Deletions with a body (keeps its type) and without (bare stub).
    await both([
      { _id: 'c1', _rev: await revOf('c1'), _deleted: true, type: 'candidate' },
      { _id: 'untyped', _rev: await revOf('untyped'), _deleted: true },
    ]);
    await agree();
  });

  it('keeps answering right after a purge, a compaction and a reopen (the replay of the file)', async () => {
    const logDb = (await log.open('db'))!;
    await logDb.purge({ t2: ['*'] });
    await (await level.open('db'))!.purge({ t2: ['*'] });
    await agree();
    const before = await kindRows(logDb, kindSelector('candidate'), { rawDocs: true });
    await log.close();
    log = new LogStore(path.join(dir, 'log'));
    const reopened = (await log.open('db'))!;
    expect(await kindRows(reopened, kindSelector('candidate'), { rawDocs: true })).toEqual(before);
    await agree();
    await reopened.compact!();
    await log.close();
    log = new LogStore(path.join(dir, 'log'));
    expect(await kindRows((await log.open('db'))!, kindSelector('candidate'), { rawDocs: true })).toEqual(before);
    await agree();
  });

  it('parses no stored body to answer the kind selector, after writes and after a reopen', async () => {
    // Its own database: the one above holds a document whose type is an object, read from its text.
    await log.create('plain');
    const db = (await log.open('plain'))!;
    const docs = Array.from({ length: 200 }, (_, i) => ({ _id: `k${i}`, type: i % 2 ? 'candidate' : 'note', i }));
    await db.bulkDocs(docs, true);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const res = await db.changes({ since: 0, includeDocs: true, rawDocs: true, selector: kindSelector('candidate') });
      expect(res.results.length).toBeGreaterThanOrEqual(100);
      expect(parse).not.toHaveBeenCalled();
      // The general path does parse: the spy sees it (the assertion above can fail).
      await db.changes({ since: 0, includeDocs: true, rawDocs: true, selector: { type: 'candidate', i: { $exists: true } } });
      expect(parse).toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
    await log.close();
    log = new LogStore(path.join(dir, 'log'));
    const reopened = (await log.open('plain'))!;
    const spy = vi.spyOn(JSON, 'parse');
    try {
      await reopened.changes({ since: 0, includeDocs: true, rawDocs: true, selector: kindSelector('note') });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
