import { describe, expect, it } from 'vitest';
import {
  clockOf, correctNote, DELETED_CLOCK, expandClocks, newNote, newReferral, retractNote, SAVED_VIEW_TYPE, type Note, type Referral, type SavedView,
} from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import type { RegiodeskDatabase } from '../../src/renderer/db/database';
import { deleteView, saveView } from '../../src/renderer/features/views/savedViews';
import { installFieldClocks } from '../../src/renderer/sync/clock';
import { rxClient, type AnyDb } from './rx-client';
import { twoAdvisors } from './two-advisors';

/**
 * Notes, referrals and saved views carry field clocks like every other kind (field-merge.ts):
 * between a deletion and a re-creation of the same id (an undo, a redo of an import) the later
 * one wins on every replica, and two advisors' concurrent edits are decided per field by the
 * hybrid logical clock, not by the laptops' wall clocks (`updatedAt`). Before, these three kinds
 * had no clocks: a re-creation after somebody else's deletion was lost, and of two edits of the
 * same field the one with the later wall clock won. Through the real server and the app's
 * replication of each kind (rx-client's replicateRegion), with the app's clock hooks.
 */
const REGION = 'twente';
const advisors = twoAdvisors(REGION);

type Kind = 'notes' | 'referrals' | 'savedViews';
type Doc = Record<string, unknown> & { id: string };

/** What a test does with a document of one kind, the way the app does it. */
interface KindCase {
  kind: Kind;
  make(tag: string): Doc;
  /** An edit of one field (a second one when `other`), as the app writes it. */
  edit(db: AnyDb, id: string, other?: boolean): Promise<void>;
  /** The fields the edit changes, and what they hold after it. */
  edited(other?: boolean): Record<string, unknown>;
  remove(db: AnyDb, id: string): Promise<void>;
  /** The undo of the deletion (or a redo of an import): the same document under its own id. */
  recreate(db: AnyDb, body: Doc): Promise<void>;
}

const now = () => new Date().toISOString();
const unique = (tag: string) => `${tag}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const asApp = (db: AnyDb) => db as unknown as RegiodeskDatabase;

async function removeDoc(db: AnyDb, kind: Kind, id: string): Promise<void> {
  await (await db[kind]!.findOne(id).exec())!.remove();
}

const CASES: KindCase[] = [
  {
    kind: 'notes',
    make: (tag) =>
      newNote({ candidateId: `c-${unique(tag)}`, visibility: 'shared', region: REGION, text: 'Gesprek over de pabo.' }, { suffix: 'n1', user: 'anna', now: now() }),
    // The author corrects the text (laptop) or retracts the note (desktop): two fields.
    async edit(db, id, other) {
      const doc = (await db.notes!.findOne(id).exec())!;
      const at = now();
      await doc.incrementalModify((cur: Note) => (other ? retractNote(cur, 'anna', at) : correctNote(cur, 'Gesprek over de pabo en de pdg.', 'anna', at)));
    },
    edited: (other) => (other ? { retracted: expect.objectContaining({ by: 'anna' }) } : { text: 'Gesprek over de pabo en de pdg.' }),
    remove: (db, id) => removeDoc(db, 'notes', id),
    // The import's redo and rollback write notes with bulkInsert (features/import/batch.ts).
    async recreate(db, body) {
      const { fieldClocks: _c, ...own } = body;
      void _c;
      const res = await db.notes!.bulkInsert([own]);
      expect(res.error).toEqual([]);
    },
  },
  {
    kind: 'referrals',
    make: (tag) =>
      newReferral(
        { candidateId: `c-${unique(tag)}`, kind: 'referral', fromRegion: REGION, toRegion: 'utrecht', reason: 'Verhuist naar Utrecht.', name: 'Sanne' },
        { suffix: 'r1', user: 'anna', now: now() },
      ),
    async edit(db, id, other) {
      const doc = (await db.referrals!.findOne(id).exec())!;
      const at = now();
      await doc.incrementalModify((cur: Referral) => (other ? { ...cur, summary: { name: 'Sanne de Vries' }, updatedAt: at } : { ...cur, reason: 'Verhuist naar Utrecht in maart.', updatedAt: at }));
    },
    edited: (other) => (other ? { summary: { name: 'Sanne de Vries' } } : { reason: 'Verhuist naar Utrecht in maart.' }),
    remove: (db, id) => removeDoc(db, 'referrals', id),
    async recreate(db, body) {
      const { fieldClocks: _c, ...own } = body;
      void _c;
      await db.referrals!.insert({ ...own, updatedAt: now() });
    },
  },
  {
    kind: 'savedViews',
    make: (tag): SavedView => {
      const at = now();
      return {
        id: `view-${unique(tag)}`, type: SAVED_VIEW_TYPE, name: 'Nieuw deze week', owner: 'anna', region: REGION, shared: true,
        spec: { phases: ['nieuw'], filter: { combinator: 'and', rules: [] }, sort: [{ field: 'lastName', dir: 'asc' }], columns: ['lastName', 'phase'], mode: 'table' },
        createdAt: at, updatedAt: at, updatedBy: 'anna',
      };
    },
    // The view bar's "Bijwerken" (saveView: an upsert of the whole view) with a new spec, or a new name.
    async edit(db, id, other) {
      const cur = (await db.savedViews!.findOne(id).exec())!.toJSON() as SavedView;
      const next = other ? { ...cur, name: 'Nieuw en oriënterend' } : { ...cur, spec: { ...cur.spec, phases: ['nieuw', 'orienteren'] } };
      await saveView(asApp(db), { ...next, updatedAt: now(), updatedBy: 'anna' });
    },
    edited: (other) => (other ? { name: 'Nieuw en oriënterend' } : { spec: expect.objectContaining({ phases: ['nieuw', 'orienteren'] }) }),
    async remove(db, id) {
      expect(await deleteView(asApp(db), id)).not.toBeNull();
    },
    // The undo of the view bar: saveView with the view as it was deleted (its old clocks included).
    async recreate(db, body) {
      await saveView(asApp(db), { ...(body as SavedView), updatedAt: now() });
    },
  },
];

/** A client as the app opens it: its local writes (inserts, edits, deletions) stamped with clocks. */
async function client(kind: Kind): Promise<AnyDb> {
  const db = await rxClient([kind]);
  installFieldClocks(db.collections);
  return db;
}

async function sync(db: AnyDb, kind: Kind, c: number, tag: string): Promise<void> {
  return advisors.syncOnce(db[kind]!, c, `clocks-${tag}-${c}`);
}

async function onServer(id: string): Promise<Doc | null> {
  const body = (await advisors.serverDoc(id)) as Doc | null;
  return body?._deleted === true ? null : body;
}

const local = async (db: AnyDb, kind: Kind, id: string): Promise<Doc | null> => ((await db[kind]!.findOne(id).exec())?.toJSON() as Doc | undefined) ?? null;

interface Seeded {
  a: AnyDb;
  b: AnyDb;
  id: string;
  body: Doc;
  tag: string;
  /** One-shot sync of client 0 (anna) or 1 (daan). */
  sync(c: 0 | 1): Promise<void>;
}

/** A document of the kind known to both clients and the server; both removed afterwards. */
async function withSeeded(k: KindCase, name: string, test: (s: Seeded) => Promise<void>): Promise<void> {
  const [a, b] = [await client(k.kind), await client(k.kind)];
  const tag = unique(name);
  try {
    const body = k.make(tag);
    await a[k.kind]!.insert(body);
    const s: Seeded = { a, b, id: body.id, body, tag, sync: (c) => sync(c === 0 ? a : b, k.kind, c, tag) };
    await s.sync(0);
    await s.sync(1);
    expect(await local(b, k.kind, body.id), 'seeded on the second client').not.toBeNull();
    await test(s);
  } finally {
    await Promise.all([a.remove(), b.remove()]);
  }
}

/** Both clients and the server hold the document alive, the same on all three. */
async function expectAliveEverywhere(k: KindCase, s: Seeded): Promise<Doc> {
  await s.sync(1);
  await s.sync(0);
  const [onA, onB, remote] = [await local(s.a, k.kind, s.id), await local(s.b, k.kind, s.id), await onServer(s.id)];
  expect(onA, 'alive on anna').not.toBeNull();
  expect(remote, 'alive on the server').not.toBeNull();
  expect(onB, 'alive on daan').not.toBeNull();
  const { _meta: _m, _rev: _r, _attachments: _x, ...a } = onA!;
  const { _meta: _m2, _rev: _r2, _attachments: _x2, ...b } = onB!;
  void [_m, _r, _x, _m2, _r2, _x2];
  expect(b).toEqual(a);
  return a as Doc;
}

async function expectGoneEverywhere(k: KindCase, s: Seeded): Promise<void> {
  await s.sync(1);
  await s.sync(0);
  expect(await local(s.a, k.kind, s.id), 'gone on anna').toBeNull();
  expect(await onServer(s.id), 'gone on the server').toBeNull();
  expect(await local(s.b, k.kind, s.id), 'gone on daan').toBeNull();
}

for (const k of CASES) {
  describe(`${k.kind}: field clocks`, () => {
    it('every local write is stamped: an insert on every field, a deletion on the clock of existence', async () => {
      const db = await client(k.kind);
      try {
        const body = k.make('stamp');
        await db[k.kind]!.insert(body);
        const first = expandClocks((await local(db, k.kind, body.id))!);
        expect(first?._deleted, 'existence clock of the creation').toMatch(/^\d{15}-\d{5}-/);
        await k.edit(db, body.id);
        const edited = expandClocks((await local(db, k.kind, body.id))!);
        for (const field of Object.keys(k.edited())) expect(edited[field]! > (first[field] ?? ''), `${field} re-stamped`).toBe(true);
        await k.remove(db, body.id);
        const [stone] = await db[k.kind]!.storageInstance.findDocumentsById([body.id], true);
        expect(clockOf(stone as unknown as Record<string, unknown>, DELETED_CLOCK)! > edited._deleted!, 'the deletion moved the existence clock').toBe(true);
      } finally {
        await db.remove();
      }
    }, 30_000);

    it("re-created (undo) after somebody else's deletion: the later re-creation wins everywhere", async () => {
      await withSeeded(k, 'other', async (s) => {
        await k.remove(s.b, s.id); // daan deletes and syncs
        await s.sync(1);
        const was = (await local(s.a, k.kind, s.id))!;
        await k.remove(s.a, s.id); // anna, offline, deletes too, then undoes
        await k.recreate(s.a, was);
        await s.sync(0);
        await expectAliveEverywhere(k, s);
      });
    }, 60_000);

    it('re-created over a deletion it had already pulled (a redo): alive everywhere', async () => {
      await withSeeded(k, 'redo', async (s) => {
        const was = (await local(s.b, k.kind, s.id))!;
        await k.remove(s.a, s.id);
        await s.sync(0);
        await s.sync(1);
        expect(await local(s.b, k.kind, s.id)).toBeNull();
        await k.recreate(s.b, was);
        await s.sync(1);
        await expectAliveEverywhere(k, s);
      });
    }, 60_000);

    it('a deletion later than the re-creation wins everywhere', async () => {
      await withSeeded(k, 'later', async (s) => {
        const was = (await local(s.a, k.kind, s.id))!;
        await k.remove(s.a, s.id); // anna deletes and undoes, offline
        await k.recreate(s.a, was);
        await k.remove(s.b, s.id); // daan deletes after that, and syncs first
        await s.sync(1);
        await s.sync(0);
        await expectGoneEverywhere(k, s);
      });
    }, 60_000);

    it('an offline edit still loses to a deletion (an edit is no re-creation)', async () => {
      await withSeeded(k, 'edit', async (s) => {
        await k.remove(s.a, s.id);
        await s.sync(0);
        await k.edit(s.b, s.id);
        await s.sync(1);
        await expectGoneEverywhere(k, s);
      });
    }, 60_000);

    it('concurrent offline edits of two different fields both survive', async () => {
      await withSeeded(k, 'two', async (s) => {
        await k.edit(s.a, s.id);
        await k.edit(s.b, s.id, true);
        await s.sync(0);
        await s.sync(1);
        const merged = await expectAliveEverywhere(k, s);
        expect(merged).toMatchObject({ ...k.edited(), ...k.edited(true) });
      });
    }, 60_000);

    it("the same field edited on two laptops: the later clock wins, not the laptop whose wall clock runs ahead", async () => {
      await withSeeded(k, 'skew', async (s) => {
        // Anna's laptop runs an hour ahead: her edit's updatedAt says so. Daan edits the same
        // field after her (by the clock both devices share once they have met).
        const ahead = new Date(Date.now() + 3_600_000).toISOString();
        await k.edit(s.a, s.id);
        await (await s.a[k.kind]!.findOne(s.id).exec())!.incrementalPatch({ updatedAt: ahead });
        const mine = (await local(s.a, k.kind, s.id))!;
        await editSameFieldDifferently(k, s.b, s.id);
        const daans = (await local(s.b, k.kind, s.id))!;
        await s.sync(0);
        await s.sync(1);
        const merged = await expectAliveEverywhere(k, s);
        const field = Object.keys(k.edited())[0]!;
        expect(merged[field], `${field}: daan's later edit`).toEqual(daans[field]);
        expect(merged[field]).not.toEqual(mine[field]);
      });
    }, 60_000);
  });
}

/** Changes the field `k.edit` changes, to another value (daan's version of the same edit). */
async function editSameFieldDifferently(k: KindCase, db: AnyDb, id: string): Promise<void> {
  const doc = (await db[k.kind]!.findOne(id).exec())!;
  const at = now();
  if (k.kind === 'notes') await doc.incrementalModify((cur: Note) => correctNote(cur, 'Gesprek over de pabo; belt terug.', 'anna', at));
  else if (k.kind === 'referrals') await doc.incrementalModify((cur: Referral) => ({ ...cur, reason: 'Verhuist naar Utrecht in april.', updatedAt: at }));
  else {
    const cur = doc.toJSON() as SavedView;
    await saveView(asApp(db), { ...cur, spec: { ...cur.spec, phases: ['nieuw', 'matchen'] }, updatedAt: at, updatedBy: 'daan' });
  }
}
