import { createRequire } from 'node:module';

/**
 * The LevelDB handle behind each embedded database, so that an erasure can make LevelDB rewrite
 * its files: a purge deletes values, but LevelDB keeps the old bytes in its log and table files
 * until a compaction merges them away.
 */
interface LevelDown {
  compactRange(start: Buffer, end: Buffer, cb: (err?: unknown) => void): void;
  put(key: Buffer, value: Buffer, cb: (err?: unknown) => void): void;
}

const require = createRequire(import.meta.url);
const leveldown = require('leveldown') as ((location: string) => LevelDown) & { destroy: unknown; repair: unknown };
const handles = new Map<string, LevelDown>();

/** PouchDB's `db` option: the usual leveldown, remembered by location. */
export function trackedLeveldown(location: string): LevelDown {
  const d = leveldown(location);
  handles.set(location, d);
  return d;
}
// PouchDB deletes a database's files through the factory's static `destroy`.
trackedLeveldown.destroy = leveldown.destroy;
trackedLeveldown.repair = leveldown.repair;

const LOW = Buffer.alloc(1, 0);
const HIGH = Buffer.alloc(16, 0xff);

/**
 * Rewrites the files of the database at `location` without dead values. LevelDB's CompactRange
 * flushes the memtable into a table that may land on a level it then never compacts; a second
 * round with two marker keys spanning the whole key space (outside PouchDB's prefixes) makes that
 * table overlap new input and merge, dropping every overwritten or deleted value.
 */
export async function compactFiles(location: string): Promise<void> {
  const d = handles.get(location);
  if (!d) return;
  const run = (f: (cb: (err?: unknown) => void) => void) => new Promise<void>((resolve, reject) => f((err) => (err ? reject(err) : resolve())));
  await run((cb) => d.compactRange(LOW, HIGH, cb));
  await run((cb) => d.put(LOW, Buffer.from('1'), cb));
  await run((cb) => d.put(HIGH, Buffer.from('1'), cb));
  await run((cb) => d.compactRange(LOW, HIGH, cb));
}
