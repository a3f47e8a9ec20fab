import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { newCandidate, type Candidate } from '../../shared';
import { candidateConflictHandler } from './collections';
import { createDatabase, databaseNameFor, type RegiodeskDatabase } from './database';

const storage = () => getRxStorageDexie({ indexedDB, IDBKeyRange });

type MasterDoc = Candidate & { _deleted: boolean };

/** An in-memory stand-in for a server: linear revisions, rejects writes based on a stale state. */
class FakeMaster {
  docs = new Map<string, { doc: MasterDoc; seq: number }>();
  seq = 0;
  stream$ = new Subject<any>();
  write(doc: MasterDoc) {
    this.seq += 1;
    this.docs.set(doc.id, { doc: structuredClone(doc), seq: this.seq });
  }
  changesSince(seq: number, limit: number) {
    const rows = [...this.docs.values()].filter((r) => r.seq > seq).sort((a, b) => a.seq - b.seq).slice(0, limit);
    return {
      documents: rows.map((r) => structuredClone(r.doc)),
      checkpoint: { seq: rows.length ? rows[rows.length - 1]!.seq : seq },
    };
  }
}

function replicate(db: RegiodeskDatabase, master: FakeMaster) {
  return replicateRxCollection<Candidate, { seq: number }>({
    collection: db.candidates,
    replicationIdentifier: 'fake-master',
    live: true,
    retryTime: 50,
    waitForLeadership: false,
    pull: {
      batchSize: 10,
      handler: async (cp, batchSize) => master.changesSince(cp?.seq ?? 0, batchSize) as any,
      stream$: master.stream$.asObservable(),
    },
    push: {
      handler: async (rows) => {
        const conflicts: MasterDoc[] = [];
        for (const row of rows) {
          const current = master.docs.get(row.newDocumentState.id)?.doc;
          const assumed = row.assumedMasterState;
          const ok = current
            ? !!assumed && candidateConflictHandler.isEqual(current as any, assumed as any, 'test')
            : !assumed;
          if (ok) master.write(row.newDocumentState as MasterDoc);
          else conflicts.push(structuredClone(current!));
        }
        return conflicts as any;
      },
    },
  });
}

const dbs: RegiodeskDatabase[] = [];
afterEach(async () => {
  while (dbs.length) await dbs.pop()!.remove();
});

describe('databaseNameFor', () => {
  it('separates users and servers and gives a valid RxDB name', () => {
    const a = databaseNameFor('http://127.0.0.1:5990', 'anna');
    expect(a).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(databaseNameFor('http://127.0.0.1:5990/', 'anna')).toBe(a);
    expect(databaseNameFor('http://127.0.0.1:5990', 'bram')).not.toBe(a);
    expect(databaseNameFor('http://other:5990', 'anna')).not.toBe(a);
  });
});

describe('candidate database with conflict handler', () => {
  it('keeps local edits of two fields and a concurrent server edit of a third', async () => {
    const db = await createDatabase('test_conflicts_' + Date.now(), { storage: storage(), devMode: true, multiInstance: false });
    dbs.push(db);
    const master = new FakeMaster();
    const t0 = '2026-11-01T10:00:00.000Z';
    const base = newCandidate(
      { firstName: 'Sanne', lastName: 'de Vries', regions: ['utrecht'], ownerRegion: 'utrecht', place: 'Utrecht' },
      { id: 'c1', user: 'anna', now: t0 },
    );
    master.write({ ...base, _deleted: false });

    const rep = replicate(db, master);
    await rep.awaitInitialReplication();
    const doc = await db.candidates.findOne('c1').exec();
    expect(doc?.place).toBe('Utrecht');

    // Offline: the replication is paused while two local edits happen ...
    await rep.pause();
    await doc!.incrementalPatch({ phase: 'orienteren', updatedAt: '2026-11-02T09:00:00.000Z', updatedBy: 'anna' });
    await doc!.incrementalPatch({ phone: '06 12345678', updatedAt: '2026-11-02T09:01:00.000Z', updatedBy: 'anna' });
    // ... while a colleague changes another field on the server.
    master.write({ ...base, motivation: 'Wil wiskunde geven', updatedAt: '2026-11-02T08:00:00.000Z', updatedBy: 'bram', _deleted: false });

    await rep.start();
    rep.reSync();
    await rep.awaitInSync();
    // The merged state was written locally and then pushed; wait until the master has it.
    for (let i = 0; i < 50 && master.docs.get('c1')!.doc.phone === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      rep.reSync();
      await rep.awaitInSync();
    }

    const local = (await db.candidates.findOne('c1').exec())!.toJSON();
    const remote = master.docs.get('c1')!.doc;
    for (const c of [local, remote]) {
      expect(c.phase).toBe('orienteren');
      expect(c.phone).toBe('06 12345678');
      expect(c.motivation).toBe('Wil wiskunde geven');
      expect(c.updatedAt).toBe('2026-11-02T09:01:00.000Z');
    }
    await rep.cancel();
  });

  it('treats documents that differ only in bookkeeping fields as equal', () => {
    const c = newCandidate(
      { firstName: 'A', lastName: 'B', regions: ['utrecht'], ownerRegion: 'utrecht' },
      { id: 'x', user: 'anna', now: '2026-11-01T10:00:00.000Z' },
    );
    const a = { ...c, _deleted: false, _attachments: {} } as any;
    const b = { ...c, _deleted: false } as any;
    expect(candidateConflictHandler.isEqual(a, b, 't')).toBe(true);
    expect(candidateConflictHandler.isEqual(a, { ...b, place: 'X' }, 't')).toBe(false);
  });
});

describe('collection budget', () => {
  it('stays within the 13 collections RxDB open source allows, with room for a second database', async () => {
    const { COLLECTIONS, MAX_COLLECTIONS } = await import('./collections');
    expect(Object.keys(COLLECTIONS).length).toBeLessThanOrEqual(MAX_COLLECTIONS - 1);
  });
});
