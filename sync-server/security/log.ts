/**
 * Structured logs: one JSON object per line on stderr (errors) or stdout. Only what an operator
 * needs — event, method, route path without query, error class and code, stack frames — never
 * document bodies, names, e-mail addresses or error messages (a validation message may quote
 * the value it refused).
 */
export type LogLevel = 'info' | 'warn' | 'error';

export function logJson(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === 'info') process.stdout.write(line + '\n');
  else process.stderr.write(line + '\n');
}

/** The parts of an error that say where, not what: no message, which may quote personal data. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { errorType: typeof err };
  const e = err as Error & { code?: unknown; status?: unknown };
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).map((l) => l.trim());
  return {
    errorName: e.name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { errorCode: e.code } : {}),
    ...(typeof e.status === 'number' ? { errorStatus: e.status } : {}),
    frames,
  };
}

/** A request path fit for a log: no query string (it may hold search terms). */
export function logPath(url: string | undefined): string {
  return (url ?? '/').split('?')[0]!.slice(0, 200);
}
