import { bytes } from '../util/bytes';
import type { IncomingMessage } from 'node:http';
import { badRequest, tooLarge } from './errors';

/** Reads a request body up to `limit` bytes; larger bodies end in 413 without reading them all. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks.map(bytes));
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** Parses a JSON body (or, where allowed, a form); malformed input is a 400. */
export async function readJson(
  req: IncomingMessage,
  limit: number,
  opts: { allowForm?: boolean; allowEmpty?: boolean } = {},
): Promise<unknown> {
  const raw = await readBody(req, limit);
  const text = raw.toString('utf8');
  if (opts.allowForm && isForm(req)) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') {
    if (opts.allowEmpty) return undefined;
    throw badRequest('Request body is empty.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON.');
  }
}

/** Like readJson, but the body must be a JSON object. */
export async function readJsonObject(
  req: IncomingMessage,
  limit: number,
  opts: { allowForm?: boolean } = {},
): Promise<Record<string, unknown>> {
  const body = await readJson(req, limit, opts);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
