import type { ServerResponse } from 'node:http';
import type { HttpError } from './errors';

/** A JSON body as sent: serialise once, send to many (sendJsonText). */
export function jsonText(body: unknown): string {
  return JSON.stringify(body) + '\n';
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  sendJsonText(res, status, jsonText(body), headers);
}

export function sendJsonText(res: ServerResponse, status: number, text: string, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'must-revalidate',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: err.error, reason: err.reason }, err.headers);
}
