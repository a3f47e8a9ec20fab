/** An error that maps onto a CouchDB-style JSON answer: `{ error, reason }` with a status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${error}: ${reason}`);
  }
}

export const badRequest = (reason: string) => new HttpError(400, 'bad_request', reason);
export const unauthorized = (reason = 'You are not authorized to access this db.') =>
  new HttpError(401, 'unauthorized', reason);
export const forbidden = (reason: string) => new HttpError(403, 'forbidden', reason);
export const notFound = (reason = 'missing') => new HttpError(404, 'not_found', reason);
export const noDb = () => new HttpError(404, 'not_found', 'Database does not exist.');
export const methodNotAllowed = (allowed: string) =>
  new HttpError(405, 'method_not_allowed', `Only ${allowed} allowed`, { Allow: allowed });
export const conflict = () => new HttpError(409, 'conflict', 'Document update conflict.');
export const tooLarge = (limit: number) =>
  new HttpError(413, 'too_large', `The request body is larger than ${limit} bytes.`);
export const unsupportedMedia = (reason: string) => new HttpError(415, 'bad_content_type', reason);

/**
 * Errors raised by PouchDB carry `status`, `name` and `message` (or `reason`); they are the
 * same CouchDB errors, so they pass through. Anything else is an unexpected 500.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { status?: unknown; name?: unknown; error?: unknown; message?: unknown; reason?: unknown };
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const name = typeof e.name === 'string' ? e.name : typeof e.error === 'string' ? e.error : 'error';
    const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : name;
    return new HttpError(e.status, name, reason);
  }
  return new HttpError(500, 'internal_server_error', 'An unexpected error occurred.');
}

const CLIENT_GONE = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * A client that went away mid-request (a closed lid, a lost network, a cancelled fetch): the
 * socket error is theirs, not a server fault, and there is nobody left to answer. The socket
 * must really be gone too, so a reset on the server's own way to CouchDB still counts as an error.
 */
export function isClientAbort(err: unknown, req: { destroyed: boolean; socket?: { destroyed: boolean } | null }): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CLIENT_GONE.has(code) && (req.destroyed || !!req.socket?.destroyed);
}
