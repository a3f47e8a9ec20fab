import type { RegiodeskDatabase } from '../../db/database';
import { serverFetch } from '../../sync/serverFetch';

/** One export of personal data: who, when, what (never the data itself). */
export interface ExportLogEntry {
  at: string;
  user: string;
  region: string;
  format: 'csv' | 'xlsx';
  rows: number;
  columns: string[];
  /** Whether the server's audit log (`POST /_regiodesk/audit`) accepted it; false offline. */
  reported: boolean;
}

const KEY = 'export-log';
const MAX_LOCAL = 1000;

/**
 * Logs an export: to the region's audit log on the server when online, and always in an
 * append-only local record on this device (so an offline export is still accounted for).
 */
export async function logExport(db: RegiodeskDatabase, server: string, entry: Omit<ExportLogEntry, 'reported'>): Promise<ExportLogEntry> {
  let reported = false;
  try {
    const res = await serverFetch(server)(`${server.replace(/\/+$/, '')}/_regiodesk/audit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ region: entry.region, action: 'exported', what: `candidates ${entry.format} ${entry.rows} rows` }),
    });
    reported = res.ok;
  } catch {
    reported = false;
  }
  const full = { ...entry, reported };
  const doc = await db.getLocal<{ entries: ExportLogEntry[] }>(KEY);
  const entries = doc?.get('entries') ?? [];
  await db.upsertLocal(KEY, { entries: [...entries, full].slice(-MAX_LOCAL) });
  return full;
}

export async function exportLog(db: RegiodeskDatabase): Promise<ExportLogEntry[]> {
  return (await db.getLocal<{ entries: ExportLogEntry[] }>(KEY))?.get('entries') ?? [];
}
