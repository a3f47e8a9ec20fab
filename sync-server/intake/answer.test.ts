import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPrivacy } from '../privacy';
import { addReadBarrier } from '../privacy/audited-store';
import { EmbeddedStore } from '../store/embedded';
import type { StoreDb } from '../store/types';
import { IntakeJournal } from './journal';
import { GroupWriter } from './writer';

const dirs: string[] = [];
const tmp = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-answer-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The real store, whose writes wait until `open()` (a slow or busy store, held as long as the test needs). */
function held(db: StoreDb): { db: StoreDb; open: () => void } {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === 'bulkDocs') return async (docs: Record<string, unknown>[], newEdits: boolean) => (await gate, target.bulkDocs(docs, newEdits));
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: proxy, open };
}

/** Whether `p` has settled by the time a real store read has gone round (no timing involved). */
async function settledAfterARead(p: Promise<unknown>, db: StoreDb): Promise<boolean> {
  let settled = false;
  void p.then(() => (settled = true));
  await db.allDocs({ limit: 1 });
  await new Promise((r) => setImmediate(r));
  return settled;
}

/** A region database whose store writes are held, its intake journal and a writer answering on the journal. */
async function heldIntake(maxUnstored?: number) {
  const dir = await tmp();
  const store = new EmbeddedStore(dir);
  await store.create('region-twente');
  const raw = (await store.open('region-twente'))!;
  const { db, open } = held(raw);
  const journal = new IntakeJournal(path.join(dir, 'intake-journal', 'twente.ndjson'));
  const writer = new GroupWriter(db, { journal, answerOnJournal: true, ...(maxUnstored ? { maxUnstored } : {}) });
  return { store, raw, open, journal, writer };
}

describe('answering on the journal', () => {
  it('answers once the journal has the batch, writes the store behind it, and names that write for readers', async () => {
    const { store, raw, open, journal, writer } = await heldIntake();
    expect(writer.answeredStored()).toBeUndefined();

    await Promise.all(['a', 'b', 'c'].map((id) => writer.write({ _id: id, type: 'test' })));
    // Answered while the store has none of them: the journal is their durable record.
    expect(((await raw.allDocs({})) as { rows: unknown[] }).rows).toHaveLength(0);
    expect((await journal.pending()).map((d) => d._id).sort()).toEqual(['a', 'b', 'c']);
    const barrier = writer.answeredStored();
    expect(barrier).toBeDefined();
    expect(await settledAfterARead(barrier!, raw)).toBe(false);

    open();
    await barrier;
    expect(((await raw.allDocs({})) as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect(writer.answeredStored()).toBeUndefined();
    await journal.close();
    await store.close();
  });

  it('answers after the store write again when too many answered submissions wait for the store', async () => {
    const { store, raw, open, journal, writer } = await heldIntake(2);
    const answered = Promise.all(['a', 'b', 'c'].map((id) => writer.write({ _id: id, type: 'test' })));
    expect(await settledAfterARead(answered, raw)).toBe(false);
    open();
    await answered;
    expect(((await raw.allDocs({})) as { rows: unknown[] }).rows).toHaveLength(3);
    await journal.close();
    await store.close();
  });

  it('closes only once what it answered is in the store, and then has nothing left in the journal', async () => {
    const { store, raw, open, journal, writer } = await heldIntake();
    await Promise.all(['a', 'b'].map((id) => writer.write({ _id: id, type: 'test' })));
    const closed = writer.close();
    expect(await settledAfterARead(closed, raw)).toBe(false);
    open();
    await closed;
    expect(((await raw.allDocs({})) as { rows: unknown[] }).rows).toHaveLength(2);
    expect(await journal.pending()).toEqual([]);
    await store.close();
  });

  it('writes answered batches to the store together after the delay, and at once when a reader waits for them', async () => {
    const dir = await tmp();
    const store = new EmbeddedStore(dir);
    await store.create('region-twente');
    const raw = (await store.open('region-twente'))!;
    const writes: string[][] = [];
    const counted = new Proxy(raw, {
      get(target, prop) {
        if (prop === 'bulkDocs') return (docs: Record<string, unknown>[], newEdits: boolean) => (writes.push(docs.map((d) => String(d._id))), target.bulkDocs(docs, newEdits));
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const journal = new IntakeJournal(path.join(dir, 'intake-journal', 'twente.ndjson'));
    // A delay no test run reaches: only the reader below can start the store write.
    const writer = new GroupWriter(counted, { journal, answerOnJournal: true, storeDelayMs: 3_600_000 });
    for (const batch of [['a'], ['b', 'c'], ['d']]) await Promise.all(batch.map((id) => writer.write({ _id: id, type: 'test' })));
    expect(await settledAfterARead(Promise.resolve(), raw)).toBe(true);
    expect(writes).toEqual([]); // three journal batches answered, none written yet
    await writer.answeredStored();
    expect(writes).toEqual([['a', 'b', 'c', 'd']]); // one store write for all of them
    expect(((await raw.allDocs({})) as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);

    // Without a reader, the delay ends the wait (a short one here), and close stores the rest.
    const short = new GroupWriter(counted, { journal, answerOnJournal: true, storeDelayMs: 1 });
    await short.write({ _id: 'e', type: 'test' });
    while (writes.length < 2) await new Promise((r) => setTimeout(r, 5));
    expect(writes[1]).toEqual(['e']);
    await writer.write({ _id: 'f', type: 'test' });
    await writer.close();
    expect(writes[2]).toEqual(['f']);
    expect(await journal.pending()).toEqual([]);
    await store.close();
  });

  it('makes reads of a region through the audited store wait for the writes answered before them', async () => {
    const dir = await tmp();
    const store = new EmbeddedStore(dir);
    await store.create('region-twente');
    const privacy = await openPrivacy(store);
    let release!: () => void;
    let waiting: Promise<void> | undefined = new Promise<void>((r) => (release = r));
    expect(addReadBarrier(privacy.store, (region) => (region === 'twente' ? waiting : undefined))).toBe(true);
    expect(addReadBarrier(store, () => undefined)).toBe(false); // a plain store has no readers to hold

    const audited = (await privacy.store.open('region-twente'))!;
    const raw = (await store.open('region-twente'))!;
    const read = audited.allDocs({});
    expect(await settledAfterARead(read, raw)).toBe(false);
    await raw.bulkDocs([{ _id: 'answered-earlier', type: 'test' }], true);
    release();
    waiting = undefined;
    expect(((await read) as { rows: { id: string }[] }).rows.map((r) => r.id)).toEqual(['answered-earlier']);
    // Nothing waiting: reads go straight through.
    expect(((await audited.allDocs({})) as { rows: unknown[] }).rows).toHaveLength(1);
    privacy.stop();
    await store.close();
  });
});
