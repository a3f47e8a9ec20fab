import type { AuditLog } from './audit';
import { monthsBefore } from './retention';

/**
 * How long the audit log keeps its entries. The log is evidence of who saw or changed a person's
 * data; it is personal data about the staff too, so it is not kept forever either. 24 months
 * by default; `REGIODESK_AUDIT_RETENTION_MONTHS` sets it per server (a whole number, 1–240).
 */
export const DEFAULT_AUDIT_RETENTION_MONTHS = 24;
export const MAX_AUDIT_RETENTION_MONTHS = 240;
const DAY_MS = 24 * 60 * 60 * 1000;

export function auditRetentionMonths(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REGIODESK_AUDIT_RETENTION_MONTHS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_AUDIT_RETENTION_MONTHS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_RETENTION_MONTHS) {
    throw new Error(`REGIODESK_AUDIT_RETENTION_MONTHS must be a whole number from 1 to ${MAX_AUDIT_RETENTION_MONTHS} (got ${raw}).`);
  }
  return n;
}

/**
 * Removes every region's audit entries older than `months`; each region that lost entries gets
 * one `retention` entry saying how many and up to when (so the trimming is itself on record).
 */
export async function trimAuditLogs(audit: AuditLog, months: number, now = new Date()): Promise<Record<string, number>> {
  const cutoff = monthsBefore(now, months).toISOString();
  const out: Record<string, number> = {};
  for (const region of await audit.regions()) {
    const n = await audit.trim(region, cutoff);
    out[region] = n;
    if (n > 0) await audit.append({ region, user: null, action: 'retention', what: `audit-trim ${n} before ${cutoff.slice(0, 10)}` });
  }
  return out;
}

/**
 * Applies the audit retention at start (in the background: a first trim after an upgrade may
 * take a while and must not hold up the server) and then once a day. `stop` waits for a running
 * trim, so the store is not closed under it.
 */
export function scheduleAuditRetention(audit: AuditLog, months: number, onError: (err: unknown) => void, onTrimmed?: (r: Record<string, number>) => void): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  const run = () => {
    if (stopped || running) return;
    running = trimAuditLogs(audit, months)
      .then((r) => onTrimmed?.(r))
      .catch((err: unknown) => {
        if (!stopped) onError(err);
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, 0);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(daily);
      await running;
    },
  };
}
