import { candidateOf, CANDIDATE_TYPE, deepEqual, regionDbName, regionOfDb, regionsFor, REFERRAL_TYPE, SHARING, type Referral } from '../../src/shared';
import type { Json, Store, StoreDb } from '../store/types';
import { mergeConflicts } from './server-merge';
import { hasLinks, laterLinks, latestLinks, linksClock, type Copy } from './links';
import { applyReferral } from './referral';
import { copyLeaves, isPurgeStub } from './copy';
import { childRange, stringsOf, unlinkElsewhere } from './unlink';
import { serverEdit } from './stamp';

/** Internal database of the fan-out: one checkpoint per source database. No client reaches it. */
export const FANOUT_DB = '_regiodesk_fanout';

export interface FanOutOptions {
  /** Changes read from a source database per round. */
  batchSize?: number;
  /** How often new region databases are looked for, in ms. */
  rescanMs?: number;
  /** Called with unexpected errors (the worker retries after `retryMs`). */
  onError?: (err: unknown, db: string) => void;
  retryMs?: number;
}

type Change = { id: string; seq: number | string; deleted?: boolean; changes: { rev: string }[]; doc?: Json };


/**
 * The fan-out: a filtered replication between region databases, run by the server. Every shared
 * document (src/shared/sharing.ts) written in one region's database is copied to the databases
 * of the other regions it belongs to, with its revision history (`new_edits:false`), so every
 * replica holds the same revision tree and resolves conflicts the same way.
 *
 * - Idempotent: before copying it asks the target which revisions it lacks (`_revs_diff`).
 * - Never loops: a copy is a change in the target; fanning that out finds nothing missing.
 * - Resumes: the last processed sequence of each source database is a checkpoint in FANOUT_DB,
 *   saved after each batch; after a crash the batch is done again, which changes nothing.
 * - Unlinking: when a candidate's `regions` no longer hold a region whose database has it, the
 *   candidate and its shared documents are purged there (Store.purge), which leaves laptops a
 *   data-free deletion to pull.
 * - Referrals: an accepted referral links the candidate to the receiving region (a transfer also
 *   makes it the owner), written by the server into the sending region's database.
 */
export class FanOut {
  private workers = new Map<string, Worker>();
  private stopped = false;
  private rescanTimer: NodeJS.Timeout | null = null;
  private meta!: StoreDb;
  readonly batchSize: number;

  constructor(
    readonly store: Store,
    private readonly opts: FanOutOptions = {},
  ) {
    // REGIODESK_FANOUT_BATCH: smaller rounds (tests that kill the server in the middle of one).
    this.batchSize = opts.batchSize ?? (Number(process.env.REGIODESK_FANOUT_BATCH) || 200);
  }

  async start(): Promise<void> {
    await this.store.create(FANOUT_DB);
    this.meta = (await this.store.open(FANOUT_DB))!;
    await this.rescan();
    const every = this.opts.rescanMs ?? 5000;
    this.rescanTimer = setInterval(() => void this.rescan().catch((e: unknown) => this.opts.onError?.(e, '*')), every);
    this.rescanTimer.unref();
  }

  /** Starts a worker for every region database not yet watched. */
  async rescan(): Promise<void> {
    if (this.stopped) return;
    for (const name of await this.store.list()) {
      if (regionOfDb(name) === null || this.workers.has(name)) continue;
      const db = await this.store.open(name);
      if (!db || this.stopped) continue;
      const w = new Worker(this, db);
      this.workers.set(name, w);
      w.start();
    }
  }

  /** Resolves when every worker has processed every change written so far (for tests and benchmarks). */
  async idle(): Promise<void> {
    await this.rescan();
    for (;;) {
      const ws = [...this.workers.values()];
      await Promise.all(ws.map((w) => w.caughtUp()));
      // A round of one worker may have written into another's database: check once more.
      const again = await Promise.all(ws.map((w) => w.hasPending()));
      if (!again.some(Boolean)) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async regionDb(region: string): Promise<StoreDb | null> {
    try {
      return await this.store.open(regionDbName(region));
    } catch {
      return null;
    }
  }

  /** Every region database that exists. */
  async regionDbs(): Promise<StoreDb[]> {
    const out: StoreDb[] = [];
    for (const name of await this.store.list()) {
      if (regionOfDb(name) === null) continue;
      const db = await this.store.open(name);
      if (db) out.push(db);
    }
    return out;
  }

  async loadCheckpoint(db: string): Promise<{ seq: number | string; rev?: string }> {
    try {
      const doc = (await this.meta.get(`checkpoint:${db}`)) as { seq: number | string; _rev: string };
      return { seq: doc.seq, rev: doc._rev };
    } catch {
      return { seq: 0 };
    }
  }

  async saveCheckpoint(db: string, seq: number | string, rev: string | undefined): Promise<string | undefined> {
    const [r] = await this.meta.bulkDocs([{ _id: `checkpoint:${db}`, ...(rev ? { _rev: rev } : {}), seq }], true);
    if (r && 'ok' in r) return r.rev;
    // Someone else wrote it (should not happen: one worker per database); start from theirs.
    return (await this.loadCheckpoint(db)).rev;
  }

  onError(err: unknown, db: string): void {
    if (this.opts.onError) this.opts.onError(err, db);
    else console.error(`fan-out ${db}:`, err);
  }

  get retryMs(): number {
    return this.opts.retryMs ?? 1000;
  }
}

class Worker {
  private running: Promise<void> | null = null;
  private dirty = true;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private checkpoint: { seq: number | string; rev?: string } | null = null;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly fan: FanOut,
    private readonly db: StoreDb,
  ) {}

  start(): void {
    this.unsubscribe = this.db.subscribe(() => this.kick());
    this.kick();
  }

  private kick(): void {
    this.dirty = true;
    if (this.running || this.stopped) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.dirty && !this.stopped) this.kick();
      else for (const w of this.waiters.splice(0)) w();
    });
  }

  private async loop(): Promise<void> {
    while (this.dirty && !this.stopped) {
      this.dirty = false;
      try {
        this.checkpoint ??= await this.fan.loadCheckpoint(this.db.name);
        for (;;) {
          if (this.stopped) return;
          const res = await this.db.changes({ since: this.checkpoint.seq, limit: this.fan.batchSize, includeDocs: true, allLeaves: true });
          if (res.results.length === 0) break;
          await this.process(res.results as unknown as Change[]);
          this.checkpoint = { seq: res.last_seq, rev: await this.fan.saveCheckpoint(this.db.name, res.last_seq, this.checkpoint.rev) };
        }
      } catch (err) {
        if (this.stopped || this.fan.isStopped) return;
        this.fan.onError(err, this.db.name);
        this.checkpoint = null;
        await new Promise((r) => setTimeout(r, this.fan.retryMs));
        this.dirty = true;
      }
    }
  }

  async caughtUp(): Promise<void> {
    if (!this.running && !(await this.hasPending())) return;
    await new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.kick();
    });
  }

  async hasPending(): Promise<boolean> {
    if (this.running) return true;
    const cp = this.checkpoint ?? (await this.fan.loadCheckpoint(this.db.name));
    const res = await this.db.changes({ since: cp.seq, limit: 1 });
    return res.results.length > 0;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await this.running?.catch(() => undefined);
    for (const w of this.waiters.splice(0)) w();
  }

  /** One batch of changes of this (source) database. */
  private async process(changes: Change[]): Promise<void> {
    const source = regionOfDb(this.db.name)!;
    const docs = changes.filter((c) => !c.id.startsWith('_') && c.doc);
    // The linked regions of every candidate a shared document in this batch is about, as its
    // owner region has them (ownerLinks); null when this database does not hold it alive.
    const linked = new Map<string, string[] | null>();
    // This database's copy of each (the winner, and the other leaves' revisions).
    const here = new Map<string, Copy>();
    for (const c of docs) {
      if (c.doc!.type !== CANDIDATE_TYPE || c.doc!._deleted === true) continue;
      here.set(c.id, { doc: c.doc!, others: c.changes.map((x) => x.rev).filter((rev) => rev !== c.doc!._rev) });
    }
    // The leaf revisions of the candidates read below (not in this batch): their notes bring them along.
    const leaves = new Map<string, string[]>();
    const missing = [...new Set(docs.map((c) => candidateOf(c.doc!)).filter((id): id is string => !!id && !here.has(id)))];
    if (missing.length) {
      const rows = ((await this.db.allDocs({ keys: missing, include_docs: true, conflicts: true })) as { rows: { key: string; doc?: Json | null }[] }).rows;
      for (const r of rows) {
        if (!hasLinks(r.doc)) {
          linked.set(r.key, null);
          continue;
        }
        const others = Array.isArray(r.doc._conflicts) ? (r.doc._conflicts as string[]) : [];
        here.set(r.key, { doc: r.doc, others });
        leaves.set(r.key, [String(r.doc._rev), ...others]);
      }
    }
    const links = await this.ownerLinks(source, here, linked);
    // Which documents (with which leaf revisions) go to which region.
    const plan = new Map<string, Map<string, string[]>>();
    const add = (region: string, id: string, revs: string[]) => {
      if (region === source) return;
      let m = plan.get(region);
      if (!m) plan.set(region, (m = new Map()));
      m.set(id, [...new Set([...(m.get(id) ?? []), ...revs])]);
    };
    const candidates: Json[] = [];
    const accepted: Referral[] = [];
    for (const c of docs) {
      const doc = c.doc!;
      if (isPurgeStub(doc)) continue;
      const revs = c.changes.map((x) => x.rev);
      if (doc._deleted === true) {
        // A deletion (an erasure) reaches every region that holds the document.
        for (const other of await this.fan.regionDbs()) {
          const r = regionOfDb(other.name)!;
          if (r === source) continue;
          const has = ((await other.allDocs({ keys: [c.id] })) as { rows: { value?: { rev: string } }[] }).rows[0]?.value;
          if (has) add(r, c.id, revs);
        }
        continue;
      }
      // A candidate goes where its owner's links say, not where a stale copy of them says.
      const cid = candidateOf(doc) ?? '';
      const targets = doc.type === CANDIDATE_TYPE ? stringsOf(linked.get(c.id)) : regionsFor(doc, linked.get(cid) ?? null);
      for (const r of targets) add(r, c.id, revs);
      // A shared note goes with its candidate. Its links were read after this batch was (a later
      // revision than the batch holds): when that revision linked a region and the next one
      // unlinks it again, the candidate's own change never reached the region, so the unlink found
      // nothing to clean up there and the note stayed behind, alone. Sent along, the candidate is
      // there to be unlinked (`_revs_diff` skips it where it is already).
      const along = SHARING[String(doc.type)] === 'linked' ? leaves.get(cid) : undefined;
      if (along) for (const r of targets) add(r, cid, along);
      if (doc.type === CANDIDATE_TYPE) candidates.push(doc);
      if (doc.type === REFERRAL_TYPE && doc.status === 'accepted' && doc.kind !== 'link') accepted.push(doc as unknown as Referral);
    }

    // A candidate's shared documents follow it into every region it is linked to (a new link
    // brings the earlier notes), and leave the regions it no longer is.
    for (const cand of candidates) {
      const id = String(cand._id);
      const regions = stringsOf(linked.get(id));
      // A candidate of this region alone has nowhere to send its documents (most of them).
      if (!regions.some((r) => r !== source)) continue;
      const children = ((await this.db.allDocs({ ...childRange(id), include_docs: true })) as { rows: { id: string; value: { rev: string }; doc?: Json }[] }).rows;
      for (const row of children) {
        if (!row.doc || isPurgeStub(row.doc)) continue;
        for (const r of regionsFor(row.doc, regions)) add(r, row.id, [row.value.rev]);
      }
    }
    if (candidates.length) await unlinkElsewhere(this.db, () => this.fan.regionDbs(), candidates, source, linked);

    for (const [region, docsOf] of plan) {
      const target = await this.fan.regionDb(region);
      if (target) await copyLeaves(this.db, target, docsOf);
    }
    for (const ref of accepted) {
      const from = await this.fan.regionDb(ref.fromRegion);
      if (from) await applyReferral(from, ref);
    }
    // Conflicting live leaves (two regions' edits the fan-out brought together): merged here
    // (server-merge.ts); the merge's revisions are changes of this database, fanned out next round.
    const merged = await mergeConflicts(this.db, docs.filter((c) => c.changes.length > 1 && c.doc!._deleted !== true).map((c) => c.id), () => this.fan.regionDbs());
    for (const id of merged) here.delete(id);
    await this.showLinks(source, here, links);
  }

  /**
   * Links are the owner region's to edit. A copy in another region can still list a region the
   * owner has just unlinked, or lack one it has just linked (its laptop had not synced, or the
   * fan-out had not reached it yet, when it wrote an edit of another field): fanned out by its own
   * list, the edit went back into the unlinked region after the unlink's clean-up there, and
   * `unlinkElsewhere` purged the newly linked one. So `linked` gets, for each candidate, the links
   * of the owner region's copy when this copy names another owner (one `allDocs` per owner region
   * per batch; none for a region's own candidates).
   *
   * Which version's links count is decided by their field clocks (`regions`, `ownerRegion`: only
   * the owner, or the server on its behalf, writes them), not by CouchDB's pick among conflicting
   * revisions (an edit here and the owner's link change, each made before the other arrived),
   * which is blind to who may edit links: the stale side wins when its branch is longer, or by
   * revision id. So of a copy's conflicting leaves (one `bulkGet`, only for conflicted
   * candidates) the latest links count, and of this copy's and the owner's the later; without
   * clocks (documents from before them) the owner's winner, when it names itself the owner.
   */
  private async ownerLinks(source: string, here: Map<string, Copy>, linked: Map<string, string[] | null>): Promise<Map<string, Json>> {
    const mine = await latestLinks(this.db, here);
    const byOwner = new Map<string, string[]>();
    for (const [id, d] of mine) {
      const owner = d.ownerRegion;
      if (typeof owner === 'string' && owner !== source) byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
    }
    for (const [owner, ids] of byOwner) {
      const ownerDb = await this.fan.regionDb(owner);
      if (!ownerDb) continue;
      const rows = ((await ownerDb.allDocs({ keys: ids, include_docs: true, conflicts: true })) as { rows: { key: string; doc?: Json | null }[] }).rows;
      const there = new Map<string, Copy>();
      for (const r of rows) if (hasLinks(r.doc)) there.set(r.key, { doc: r.doc, others: Array.isArray(r.doc._conflicts) ? (r.doc._conflicts as string[]) : [] });
      for (const [id, theirs] of await latestLinks(ownerDb, there)) {
        const ours = mine.get(id)!;
        const clocked = linksClock(ours) !== undefined || linksClock(theirs) !== undefined;
        mine.set(id, clocked ? laterLinks(ours, theirs) : theirs.ownerRegion === owner ? theirs : ours);
      }
    }
    for (const [id, d] of mine) linked.set(id, d.regions as string[]);
    return mine;
  }

  /**
   * CouchDB's winner is what laptops pull and the app shows. When a stale edit's branch won over
   * the owner's link change (ownerLinks), every region showed the stale links, and the owner's next
   * link change, made from that view, re-linked the region it had unlinked. So the owner region's
   * worker writes the latest links onto the winner as a server edit (as an accepted referral
   * does), with a fresh clock. Only links: the other fields of the losing revision stay where
   * they are, as for every revision conflict. Written once: afterwards the winner agrees.
   */
  private async showLinks(source: string, here: Map<string, Copy>, links: Map<string, Json>): Promise<void> {
    for (const [id, copy] of here) {
      const best = links.get(id);
      const shown = copy.doc;
      if (!best || best === shown || best.ownerRegion !== source || copy.others.length === 0) continue;
      if (deepEqual(shown.regions, best.regions) && shown.ownerRegion === best.ownerRegion) continue;
      const next: Json = { ...shown, regions: best.regions, ownerRegion: best.ownerRegion, updatedAt: new Date().toISOString(), updatedBy: 'regiodesk' };
      delete next._conflicts;
      delete next._revisions;
      // A conflict (a laptop wrote meanwhile) is fine: that write's batch comes here again.
      await this.db.bulkDocs([serverEdit(shown, next)], true);
    }
  }
}
