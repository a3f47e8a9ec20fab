import type { ServerResponse } from 'node:http';
import type { ChangesQuery, Json, StoreDb } from '../store/types';
import { rowText, type DocShape } from './changes-text';

export interface ContinuousOptions {
  /** Milliseconds between newline heartbeats; the feed then runs until the client leaves. */
  heartbeat?: number;
  /** Without heartbeat: end the feed after this many idle milliseconds. */
  timeout: number;
  /** Checked before each wait: false ends the feed (the user was disabled or lost the region). */
  stillAllowed: () => Promise<boolean>;
  /** The rows as the reader may see them (private-views.ts). */
  rows?: (rows: Json[]) => Json[];
  /** The documents' shape (changes-text.ts; default CouchDB's). */
  shape?: DocShape;
}

/**
 * `_changes?feed=continuous`: one JSON object per line for every change, newline heartbeats
 * while idle, and a closing `{"last_seq": …}` line when the feed ends by timeout or limit, as
 * CouchDB writes it. Waits on the store's change notifications, never polls.
 */
export async function continuousFeed(db: StoreDb, res: ServerResponse, query: ChangesQuery, opts: ContinuousOptions): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'must-revalidate', 'Transfer-Encoding': 'chunked' });
  let closed = false;
  res.on('close', () => (closed = true));
  let since = query.since;
  let left = query.limit;
  let wake: (() => void) | null = null;
  const unsubscribe = db.subscribe(() => wake?.());
  try {
    for (;;) {
      const batch = await db.changes({ ...query, since, ...(left !== undefined ? { limit: left } : {}) });
      if (closed) return;
      for (const row of opts.rows ? opts.rows(batch.results) : batch.results) res.write(rowText(row, opts.shape) + '\n');
      since = batch.last_seq;
      if (left !== undefined) {
        left -= batch.results.length;
        if (left <= 0) break;
      }
      if (batch.results.length > 0) continue; // drain before waiting
      if (!(await opts.stillAllowed())) break;
      const waitMs = opts.heartbeat ?? opts.timeout;
      const changed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), waitMs);
        const onClose = () => done(false);
        function done(v: boolean) {
          clearTimeout(timer);
          wake = null;
          res.off('close', onClose);
          resolve(v);
        }
        wake = () => done(true);
        res.on('close', onClose);
      });
      if (closed) return;
      if (!changed) {
        if (opts.heartbeat === undefined) break; // idle timeout
        res.write('\n');
      }
    }
    res.end(JSON.stringify({ last_seq: since }) + '\n');
  } finally {
    unsubscribe();
  }
}
