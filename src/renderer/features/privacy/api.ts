/**
 * The privacy endpoints of the sync server (sync-server/privacy), for the screens. Errors come
 * back as the server's `reason` so the screen can show it next to the field; a lost connection
 * is `offline`.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; offline: boolean; reason: string; status: number };

export async function call<T>(server: string, path: string, init: RequestInit = {}): Promise<Result<T>> {
  try {
    const res = await fetch(`${server.replace(/\/+$/, '')}${path}`, {
      ...init,
      credentials: 'include',
      cache: 'no-store',
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
  candidates: { id: string; firstName: string; lastName: string; phase?: string; lastActivity: string }[];
}

/** Tells the server's audit log that a file was opened; offline it is not recorded (see README). */
export function reportViewed(server: string, region: string, docId: string): void {
  void call(server, '/_regiodesk/audit', { method: 'POST', body: JSON.stringify({ action: 'viewed', region, docId, what: 'candidate-file' }) });
}

/** Saves a blob under a file name through a temporary link (web and Electron alike). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
