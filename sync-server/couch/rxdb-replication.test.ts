import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateCouchDB, type RxCouchDBReplicationState } from 'rxdb/plugins/replication-couchdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { candidateMigrations, candidateRxSchema, newCandidate, type Candidate } from '../../src/shared';
import { candidateTombstone, stubPullModifier } from '../../src/shared/sync/stubs';
import { DEMO_PASSWORD } from '../demo/load';
import { basicAuth, startTestServer, type TestServer } from '../testing';

addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

const SIZE = 60;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true, demoSize: SIZE });
});
afterAll(() => server?.close());

type Db = RxDatabase<{ candidates: RxCollection<Candidate> }>;
const open: { db: Db; reps: RxCouchDBReplicationState<Candidate>[] }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await Promise.all(o.reps.map((r) => r.cancel()));
    await o.db.remove();
  }
});

let n = 0;
async function clientDb(): Promise<{ db: Db; reps: RxCouchDBReplicationState<Candidate>[] }> {
  const db = (await createRxDatabase({
    name: `rx-test-${process.pid}-${++n}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) }),
    multiInstance: false,
  })) as Db;
  await db.addCollections({
    candidates: { schema: candidateRxSchema as unknown as RxJsonSchema<Candidate>, migrationStrategies: candidateMigrations },
  });
  const entry = { db, reps: [] as RxCouchDBReplicationState<Candidate>[] };
  open.push(entry);
  return entry;
}

function replicate(entry: { db: Db; reps: RxCouchDBReplicationState<Candidate>[] }, live: boolean, user = 'anna') {
  const rep = replicateCouchDB<Candidate>({
    replicationIdentifier: `server-twente-${user}`,
    collection: entry.db.candidates,
    url: `${server.url}/region-twente/`,
    live,
    retryTime: 200,
    waitForLeadership: false,
    // The region database also holds other kinds (organisations, contacts, tasks); like the app's
    // own replication, this candidates-only client narrows its pulls to candidates and stubs.
    fetch: async (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('Authorization', basicAuth(user, DEMO_PASSWORD));
      const res = await fetch(url, { ...init, headers });
      if (!String(url).includes('/_changes?') || !res.ok) return res;
      const body = (await res.json()) as { results: { doc?: { type?: string; _deleted?: boolean } }[] };
      body.results = body.results.filter((r) => r.doc?.type === 'candidate' || r.doc?._deleted === true);
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    },
    pull: {
      batchSize: 50,
      heartbeat: 2000,
      modifier: stubPullModifier((id) => candidateTombstone(id, 'twente')) as (d: any) => any,
    },
    push: { batchSize: 50 },
  });
  const errors: unknown[] = [];
  rep.error$.subscribe((e) => errors.push(e));
  entry.reps.push(rep);
  return { rep, errors };
}

const anna = { Authorization: basicAuth('anna', DEMO_PASSWORD), 'Content-Type': 'application/json' };

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function candidate(id: string, firstName: string): Candidate {
  return newCandidate(
    { firstName, lastName: 'Oude Luttikhuis', place: 'Oldenzaal', regions: ['twente'], ownerRegion: 'twente', consent: { given: true, purpose: 'begeleiding' } },
    { id, user: 'anna', now: new Date().toISOString() },
  );
}

describe('RxDB CouchDB replication against the server', () => {
  it('pulls the demo candidates, pushes a new one to the server and through it to a second client', async () => {
    const a = await clientDb();
    const { rep, errors } = replicate(a, false);
    await rep.awaitInitialReplication();
    expect(errors).toEqual([]);
    expect(await a.db.candidates.count().exec()).toBe(SIZE);

    await a.db.candidates.insert(candidate('rx-new-1', 'Zoë'));
    const push = replicate(a, false);
    await push.rep.awaitInitialReplication();
    const res = await fetch(`${server.url}/region-twente/rx-new-1`, { headers: anna });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ _id: 'rx-new-1', firstName: 'Zoë', _rev: expect.stringMatching(/^1-/) });

    const b = await clientDb();
    const pullB = replicate(b, false, 'vera');
    await pullB.rep.awaitInitialReplication();
    expect(pullB.errors).toEqual([]);
    const got = await b.db.candidates.findOne('rx-new-1').exec();
    expect(got?.firstName).toBe('Zoë');
    expect(await b.db.candidates.count().exec()).toBe(SIZE + 1);
  });

  it('a live replication picks up server changes, including a deletion stub', async () => {
    const c = await clientDb();
    const { rep, errors } = replicate(c, true);
    await rep.awaitInitialReplication();
    const put = await fetch(`${server.url}/region-twente/rx-live-1`, {
      method: 'PUT',
      headers: anna,
      body: JSON.stringify((({ id, ...rest }) => ({ ...rest }))(candidate('rx-live-1', 'Bülent'))),
    });
    expect(put.status).toBe(201);
    await until(async () => (await c.db.candidates.findOne('rx-live-1').exec())?.firstName === 'Bülent');

    // A deletion through the CouchDB API arrives as a stub {_id,_rev,_deleted:true}.
    const { rev } = (await put.json()) as { rev: string };
    const del = await fetch(`${server.url}/region-twente/rx-live-1?rev=${rev}`, { method: 'DELETE', headers: anna });
    expect(del.status).toBe(200);
    await until(async () => (await c.db.candidates.findOne('rx-live-1').exec()) === null);

    // A local edit goes up while live.
    const doc = await c.db.candidates.findOne().exec();
    await doc!.incrementalPatch({ phase: 'matchen', updatedAt: new Date().toISOString() });
    await until(async () => {
      const r = await fetch(`${server.url}/region-twente/${doc!.id}`, { headers: anna });
      return ((await r.json()) as { phase?: string }).phase === 'matchen';
    });
    expect(errors).toEqual([]);
  });
});
