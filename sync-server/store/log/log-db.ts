import { EventEmitter } from 'node:events';
import type { AllDocsOptions, BulkResult, ChangesQuery, ChangesResult, GetOptions, Json, StoreDb } from '../types';
import { bulkDocs } from './log-bulk-docs';
import { changes } from './log-changes';
import { CommitQueue } from './log-commit';
import { LogFile } from './log-file';
import { compact, purge } from './log-purge';
import { allDocs, bulkGet, get, revsDiff } from './log-read';
import { LogState, type Rec } from './log-state';

/**
 * One database of the log store: everything in memory (index and bodies as JSON text), every
 * write appended to the database's file and synced before it is answered. Revision trees,
 * conflict detection and winners are PouchDB's own code (pouchdb-merge, pouchdb-adapter-utils),
 * so the semantics equal the LevelDB store's.
 *
 * The parts: log-state.ts (what readers see, and the replay of the file's records),
 * log-commit.ts (the group commit), log-bulk-docs.ts (writes), log-read.ts, log-changes.ts,
 * log-purge.ts (purge and compaction).
 */
export class LogDb implements StoreDb {
  private events = new EventEmitter();
  private commits: CommitQueue;

  private constructor(
    readonly name: string,
    private state: LogState,
    private file: LogFile,
  ) {
    this.events.setMaxListeners(0);
    this.commits = new CommitQueue(name, state, file, () => this.events.emit('change'));
  }

  static async open(name: string, file: string): Promise<LogDb> {
    const state = new LogState();
    const log = await LogFile.open(file, (line) => {
      for (const rec of JSON.parse(line) as Rec[]) state.replay(rec);
    });
    return new LogDb(name, state, log);
  }

  bulkDocs(docs: Json[], newEdits: boolean): Promise<BulkResult[]> {
    return bulkDocs(this.commits, docs, newEdits);
  }

  async info(): Promise<Json> {
    return {
      db_name: this.name,
      doc_count: this.state.docCount,
      doc_del_count: this.state.delCount,
      update_seq: this.state.seq,
      purge_seq: 0,
      compact_running: false,
      instance_start_time: '0',
      disk_format_version: 8,
      sizes: { file: this.file.bytes, external: 0, active: 0 },
      props: {},
    };
  }

  async updateSeq(): Promise<number> {
    return this.state.seq;
  }

  get(id: string, opts: GetOptions = {}): Promise<unknown> {
    return get(this.state, id, opts);
  }

  allDocs(opts: AllDocsOptions): Promise<Json> {
    return allDocs(this.state, opts);
  }

  changes(q: ChangesQuery): Promise<ChangesResult> {
    return changes(this.state, q);
  }

  revsDiff(body: Record<string, string[]>): Promise<Json> {
    return revsDiff(this.state, body);
  }

  bulkGet(docs: { id: string; rev?: string }[], opts: { revs?: boolean; latest?: boolean }): Promise<Json> {
    return bulkGet(this.state, docs, opts);
  }

  subscribe(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  purge(docs: Record<string, string[]>): Promise<Record<string, string[]>> {
    return purge(this.state, this.commits, docs, () => this.events.emit('change'));
  }

  compact(): Promise<void> {
    return compact(this.state, this.commits, this.file);
  }

  async close(): Promise<void> {
    await this.commits.close();
    await this.file.close();
  }
}
