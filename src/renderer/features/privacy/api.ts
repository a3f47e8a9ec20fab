import { serverFetch } from '../../sync/serverFetch';

/**
 * The privacy endpoints of the sync server (sync-server/privacy), for the screens. Errors come
 * back as the server's `reason` so the screen can show it next to the field; a lost connection
 * is `offline`.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; offline: boolean; reason: string; status: number };

export async function call<T>(server: string, path: string, init: RequestInit = {}): Promise<Result<T>> {
  try {
    // serverFetch: the session cookie in web mode, the stored credentials on the desktop.
    const res = await serverFetch(server)(`${server.replace(/\/+$/, '')}${path}`, {
      ...init,
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string> | undefined) },
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { reason?: string };
      return { ok: false, offline: false, reason: body.reason ?? String(res.status), status: res.status };
    }
    const type = res.headers.get('content-type') ?? '';
    const value = (type.includes('json') ? await res.json() : await res.blob()) as T;
    return { ok: true, value };
  } catch {
    return { ok: false, offline: true, reason: '', status: 0 };
  }
}

export interface AuditEntry {
  id: string;
  at: string;
  region: string;
  user: string | null;
  action: string;
  docIds?: string[];
  what?: string;
}

export interface RetentionList {
  region: string;
  months: number;
  cutoff: string;
  candidates: { id: string; firstName: string; lastName: string; phase?: string; lastActivity: string; withdrawnAt?: string }[];
}

interface ViewEvent {
  action: 'viewed';
  region: string;
  docId: string;
  what: string;
  at: string;
}

/** Views made offline wait here (ids and times only) and go out with the next view online. */
const QUEUE_KEY = 'regiodesk.audit.queue';
const MAX_QUEUED = 500;

function queued(): ViewEvent[] {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(QUEUE_KEY) ?? '[]') as ViewEvent[];
  } catch {
    return [];
  }
}

function saveQueue(events: ViewEvent[]): void {
  try {
    globalThis.localStorage?.setItem(QUEUE_KEY, JSON.stringify(events.slice(-MAX_QUEUED)));
  } catch {
    // storage full or unavailable: the view goes unrecorded, which the README says
  }
}

const eventKey = (ev: ViewEvent): string => `${ev.region}|${ev.docId}|${ev.at}`;

/** One send at a time per page, so two quick views never send the same queued event twice. */
let sending: Promise<void> = Promise.resolve();

/**
 * Tells the server's audit log that a file was opened, with the time it was opened. The event is
 * queued on this device first and leaves the queue only once the server has answered, so a page
 * closed (or a network lost) mid-send keeps it; the queue goes out with the next view online.
 * `keepalive` lets a send that has started finish after the page is gone.
 */
export function reportViewed(server: string, region: string, docId: string): Promise<void> {
  saveQueue([...queued(), { action: 'viewed', region, docId, what: 'candidate-file', at: new Date().toISOString() }]);
  sending = sending.then(() => sendQueued(server)).catch(() => undefined);
  return sending;
}

async function sendQueued(server: string): Promise<void> {
  const done = new Set<string>();
  for (const ev of queued()) {
    const res = await call(server, '/_regiodesk/audit', { method: 'POST', body: JSON.stringify(ev), keepalive: true });
    // Refused events (e.g. a region taken away) are dropped; only a lost connection keeps them.
    if (res.ok || !res.offline) done.add(eventKey(ev));
  }
  // Re-read: views made while this send ran were queued meanwhile and must stay.
  saveQueue(queued().filter((ev) => !done.has(eventKey(ev))));
}

export { saveBlob as download } from '../../ui/saveBlob';
