import { CANDIDATE_TYPE } from '../../src/shared';
import type { Json, StoreDb } from '../store/types';
import { getOrNull, putDoc } from './privacy-db';

export const DEFAULT_RETENTION_MONTHS = 24;
export const MAX_RETENTION_MONTHS = 120;

export interface RetentionSetting {
  months: number;
  by?: string;
  at?: string;
}

export interface Extension {
  candidateId: string;
  region: string;
  until: string;
  reason: string;
  by: string;
  at: string;
}

export interface OverdueCandidate {
  id: string;
  firstName: string;
  lastName: string;
  phase?: string;
  lastActivity: string;
  /** Consent withdrawn (an erasure request the advisor could not carry out): listed whatever the activity. */
  withdrawnAt?: string;
}

export async function retentionOf(privacyDb: StoreDb, region: string): Promise<RetentionSetting> {
  const doc = await getOrNull<RetentionSetting>(privacyDb, `retention:${region}`);
  return doc ? { months: doc.months, ...(doc.by ? { by: doc.by } : {}), ...(doc.at ? { at: doc.at } : {}) } : { months: DEFAULT_RETENTION_MONTHS };
}

export async function setRetention(privacyDb: StoreDb, region: string, months: number, by: string): Promise<void> {
  await putDoc(privacyDb, `retention:${region}`, { months, by, at: new Date().toISOString() });
}

/** `months` calendar months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

const stamp = (d: Json) => [d.updatedAt, d.createdAt].filter((s): s is string => typeof s === 'string').sort().pop() ?? '';

/**
 * Candidates of the region with no activity since the cut-off: the latest of the candidate's own
 * `updatedAt` and those of every document about her (notes, tasks, registrations, …). People
 * with a running extension are left out. People who withdrew their consent are always listed
 * (first): their erasure waits for a supervisor. One pass over the region's changes.
 */
export async function overdue(db: StoreDb, privacyDb: StoreDb, region: string, months: number, now = new Date()): Promise<OverdueCandidate[]> {
  const cutoff = monthsBefore(now, months).toISOString();
  const latest = new Map<string, string>();
  const candidates = new Map<string, Json>();
  let since: number | string = 0;
  for (;;) {
    const res = await db.changes({ since, limit: 1000, includeDocs: true });
    if (res.results.length === 0) break;
    since = res.last_seq;
    for (const r of res.results as { id: string; deleted?: boolean; doc?: Json }[]) {
      if (r.deleted || !r.doc || r.id.startsWith('_')) continue;
      const about = r.doc.type === CANDIDATE_TYPE ? r.id : typeof r.doc.candidateId === 'string' ? r.doc.candidateId : null;
      if (!about) continue;
      if (r.doc.type === CANDIDATE_TYPE) candidates.set(r.id, r.doc);
      const s = stamp(r.doc);
      if (s > (latest.get(about) ?? '')) latest.set(about, s);
    }
  }
  const ext = (await privacyDb.allDocs({ include_docs: true, startkey: 'extension:', endkey: 'extension:\ufff0' })) as { rows: { doc: Extension }[] };
  const extended = new Set(ext.rows.filter((r) => r.doc.region === region && r.doc.until > now.toISOString()).map((r) => r.doc.candidateId));
  const out: OverdueCandidate[] = [];
  for (const [id, c] of candidates) {
    const last = latest.get(id) ?? '';
    const consent = (c.consent ?? {}) as { withdrawnAt?: unknown };
    const withdrawnAt = typeof consent.withdrawnAt === 'string' ? consent.withdrawnAt : undefined;
    if (!withdrawnAt && (last >= cutoff || extended.has(id))) continue;
    out.push({ id, firstName: String(c.firstName ?? ''), lastName: String(c.lastName ?? ''), ...(typeof c.phase === 'string' ? { phase: c.phase } : {}), lastActivity: last, ...(withdrawnAt ? { withdrawnAt } : {}) });
  }
  return out.sort((a, b) => Number(!!b.withdrawnAt) - Number(!!a.withdrawnAt) || a.lastActivity.localeCompare(b.lastActivity));
}

/** Keeps a person past the retention period until `until`, with the supervisor's reason. */
export async function extend(privacyDb: StoreDb, e: Extension): Promise<void> {
  await putDoc(privacyDb, `extension:${e.candidateId}:${e.region}`, e as unknown as Json);
}
