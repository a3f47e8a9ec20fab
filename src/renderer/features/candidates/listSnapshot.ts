/**
 * The list's snapshot: every candidate the cache holds, kept as a few sealed chunks in an
 * IndexedDB database of our own (not an RxDB collection: 12 of the 13 allowed are used), with
 * the write time (`_meta.lwt`) of the newest candidate it holds. A cold start opens it (one
 * decryption and one JSON.parse per chunk) instead of reading and decrypting 100,000 documents
 * one by one through the encrypting storage (~0.3 ms each), then applies only what changed since.
 *
 * At rest nothing personal is in clear: each chunk is one XChaCha20-Poly1305 box under the
 * database's own data key, its associated data binding it to the database, its place and the
 * snapshot's checkpoint (a chunk moved to another snapshot or position does not open).
 * Whatever goes wrong (missing, other format, wrong key, damaged) reads as "no snapshot": the
 * caller falls back to the full read. Nothing here decides what the list shows; see
 * snapshotLoad.ts for the checks against the store.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import type { Candidate } from '../../../shared';

/** Bumped when the snapshot's layout changes: an older one is then ignored (and overwritten). */
export const SNAPSHOT_FORMAT = 1;
const IDB_NAME = 'regiodesk-list-snapshots';
const STORE = 'snapshots';
const NONCE = 24;
/** Candidates per sealed chunk: small enough that sealing or opening one is a short task (~50 ms). */
export const SNAPSHOT_CHUNK = 10_000;

export interface SnapshotCheckpoint {
  /** The newest `_meta.lwt` among the candidates in the snapshot (deleted ones are not in it). */
  lwt: number;
  /**
   * The greatest id among the candidates written at `lwt`: one bulk write stamps all its
   * documents with the same time (10,000 of an import chunk), and without the id every start
   * would read that whole bulk back as "changed".
   */
  id: string;
}

interface SnapshotRecord {
  db: string;
  format: number;
  /** The candidate schema's version: documents of another version are not what the store holds. */
  schemaVersion: number;
  checkpoint: SnapshotCheckpoint;
  count: number;
  writtenAt: number;
  chunks: ArrayBuffer[];
}

export interface Snapshot {
  checkpoint: SnapshotCheckpoint;
  docs: Candidate[];
  writtenAt: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function context(dbName: string, index: number, count: number, lwt: number): Uint8Array {
  return encoder.encode(`regiodesk-list-snapshot|${SNAPSHOT_FORMAT}|${dbName}|${index}|${count}|${lwt}`);
}

export function sealChunk(key: Uint8Array, plain: Uint8Array, ctx: Uint8Array): ArrayBuffer {
  const out = new Uint8Array(NONCE + plain.length + 16);
  const nonce = randomBytes(NONCE);
  out.set(nonce);
  xchacha20poly1305(key, nonce, ctx).encrypt(plain, out.subarray(NONCE));
  return out.buffer;
}

/** Throws on a wrong key, damaged bytes or another context. */
export function openChunk(key: Uint8Array, sealed: ArrayBuffer, ctx: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(sealed);
  if (bytes.length < NONCE + 16) throw new Error('snapshot chunk too short');
  return xchacha20poly1305(key, bytes.subarray(0, NONCE), ctx).decrypt(bytes.subarray(NONCE));
}

/** What a candidate needs in the snapshot: its data and write time, not the storage's bookkeeping. */
function forSnapshot(doc: Candidate): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const d = doc as unknown as Record<string, unknown>;
  for (const field in d) {
    if (field === '_rev' || field === '_attachments' || field === '_deleted' || field === '_meta') continue;
    out[field] = d[field];
  }
  const lwt = (d._meta as { lwt?: number } | undefined)?.lwt;
  if (typeof lwt === 'number') out._meta = { lwt };
  return out;
}

function openIdb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(IDB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'db' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('snapshot database blocked'));
  });
}

async function inStore<T>(factory: IDBFactory, mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const idb = await openIdb(factory);
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = idb.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('snapshot transaction aborted'));
    });
  } finally {
    idb.close();
  }
}

const defaultFactory = (): IDBFactory | null => (typeof indexedDB === 'undefined' ? null : indexedDB);
const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Seals and stores the candidates as one snapshot, replacing the database's previous one.
 * Chunk by chunk with a pause between, so the page stays responsive while it is written.
 */
export async function writeSnapshot(
  dbName: string,
  key: Uint8Array,
  schemaVersion: number,
  docs: readonly Candidate[],
  factory: IDBFactory | null = defaultFactory(),
): Promise<SnapshotCheckpoint | null> {
  if (!factory) return null;
  let lwt = 0;
  let id = '';
  for (const d of docs) {
    const t = (d as unknown as { _meta?: { lwt?: number } })._meta?.lwt ?? 0;
    if (t > lwt || (t === lwt && d.id > id)) {
      lwt = t;
      id = d.id;
    }
  }
  const checkpoint = { lwt, id };
  const chunks: ArrayBuffer[] = [];
  for (let i = 0, index = 0; i < docs.length || index === 0; i += SNAPSHOT_CHUNK, index++) {
    const part = docs.slice(i, i + SNAPSHOT_CHUNK).map(forSnapshot);
    chunks.push(sealChunk(key, encoder.encode(JSON.stringify(part)), context(dbName, index, docs.length, lwt)));
    await yieldToPage();
  }
  const record: SnapshotRecord = { db: dbName, format: SNAPSHOT_FORMAT, schemaVersion, checkpoint, count: docs.length, writtenAt: Date.now(), chunks };
  await inStore(factory, 'readwrite', (s) => s.put(record));
  return checkpoint;
}

/**
 * The database's snapshot, opened; undefined when there is none, null when it is of another
 * format or schema version, or any chunk does not open or parse (wrong key, damaged): the caller
 * reads the store.
 */
export async function readSnapshot(dbName: string, key: Uint8Array, schemaVersion: number, factory: IDBFactory | null = defaultFactory()): Promise<Snapshot | null | undefined> {
  if (!factory) return undefined;
  try {
    const record = (await inStore(factory, 'readonly', (s) => s.get(dbName))) as SnapshotRecord | undefined;
    if (!record) return undefined;
    if (record.format !== SNAPSHOT_FORMAT || record.schemaVersion !== schemaVersion || !Array.isArray(record.chunks)) return null;
    const docs: Candidate[] = [];
    for (let index = 0; index < record.chunks.length; index++) {
      const plain = openChunk(key, record.chunks[index]!, context(dbName, index, record.count, record.checkpoint.lwt));
      const part = JSON.parse(decoder.decode(plain)) as Candidate[];
      if (!Array.isArray(part)) return null;
      for (const d of part) docs.push(d);
      await yieldToPage();
    }
    if (docs.length !== record.count) return null;
    return { checkpoint: record.checkpoint, docs, writtenAt: record.writtenAt };
  } catch {
    return null;
  }
}

/** Removes the database's snapshot (e.g. when the store was purged of someone). */
export async function dropSnapshot(dbName: string, factory: IDBFactory | null = defaultFactory()): Promise<void> {
  if (!factory) return;
  try {
    await inStore(factory, 'readwrite', (s) => s.delete(dbName));
  } catch {
    // Nothing to drop, or the database is blocked: the checks at the next start still apply.
  }
}
