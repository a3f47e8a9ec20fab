import { bytes } from '../util/bytes';
import type { IncomingMessage } from 'node:http';
import { badRequest, tooLarge } from './errors';

/**
 * Reads a request body up to `limit` bytes; larger bodies end in 413 without reading them all.
 * Listeners instead of `for await`: the async iterator costs an iterator and a promise per chunk,
 * which showed in the intake's profile at 1,000 submissions/s; most bodies are one chunk.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise<Buffer>((resolve, reject) => {
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.resume(); // the rest is thrown away; the 413 closes the connection
        return reject(tooLarge(limit));
      }
      if (!first) first = chunk;
      else (more ??= [first]).push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(more ? Buffer.concat(more.map(bytes)) : (first ?? Buffer.alloc(0)));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    // The sender went away before the end of its body (no 'end', perhaps no 'error').
    const onClose = () => {
      done();
      reject(Object.assign(new Error('The request was aborted.'), { code: 'ECONNRESET' }));
    };
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
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
