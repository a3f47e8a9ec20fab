import type { IncomingMessage } from 'node:http';
import { tooLarge } from '../http/errors';
import { bytes } from '../util/bytes';

/**
 * Reads a website submission's body (a few hundred bytes, one chunk as a rule) up to `limit`
 * bytes; a larger one is a 413 without reading it all. The same contract as http/body.ts's
 * readBody, with listeners instead of `for await`: the async iterator allocated an iterator, a
 * promise per chunk and per end, and was ~4% of the server's main thread at 1,000 submissions/s.
 */
export function readSubmission(req: IncomingMessage, limit: number): Promise<Buffer> {
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
