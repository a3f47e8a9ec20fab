import { canManageRegion, type Principal } from '../../../shared';
import type { QuarterReport } from '../../../shared/report/compute';
import { makeSyncFetch } from '../../sync/replication';

export interface Alliance {
  id: string;
  name: string;
  regions: string[];
}

/** `region:<code>` or `alliance:<id>`: what the report is about. */
export type SubjectKey = `region:${string}` | `alliance:${string}`;

/** The alliances a user may make a report of: an admin all, a supervisor those holding her regions. */
export function reportableAlliances(p: Principal, all: Alliance[]): Alliance[] {
  return all.filter((a) => p.admin || a.regions.some((r) => canManageRegion(p, r)));
}

export async function fetchAlliances(server: string): Promise<Alliance[]> {
  const res = await makeSyncFetch(server)(`${server}/_regiodesk/alliances`);
  if (!res.ok) return [];
  return ((await res.json()) as { alliances: Alliance[] }).alliances;
}

export class ReportError extends Error {
  constructor(
    readonly kind: 'offline' | 'refused',
    message: string,
  ) {
    super(message);
  }
}

/** The report model as the server computes it (an alliance's suppressed). */
export async function fetchReport(server: string, subject: SubjectKey, quarter: string): Promise<QuarterReport> {
  const [kind, id] = subject.split(':') as ['region' | 'alliance', string];
  const q = new URLSearchParams({ quarter, [kind]: id });
  let res: Response;
  try {
    res = await makeSyncFetch(server)(`${server}/_regiodesk/report?${q}`);
  } catch {
    throw new ReportError('offline', 'offline');
  }
  const body = (await res.json().catch(() => ({}))) as QuarterReport & { reason?: string };
  if (!res.ok) throw new ReportError('refused', body.reason ?? String(res.status));
  return body;
}
