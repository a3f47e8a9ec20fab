import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from './body';
import { isClientAbort } from './errors';

/** A real HTTP server whose only handler reads the body with readBody and reports what it got. */
async function bodyServer(limit: number): Promise<{ url: string; outcomes: Promise<unknown>[]; close(): Promise<void> }> {
  const outcomes: Promise<unknown>[] = [];
  const server = http.createServer((req, res) => {
    const outcome = readBody(req, limit).then(
      (body) => {
        res.writeHead(200).end(String(body.length));
        return body;
      },
      (err: unknown) => {
        const status = (err as { status?: number }).status;
        if (!res.destroyed) res.writeHead(status ?? 599).end(JSON.stringify(err));
        throw Object.assign(err as object, { clientGone: isClientAbort(err, req) });
      },
    );
    outcome.catch(() => undefined);
    outcomes.push(outcome);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, outcomes, close: () => new Promise((r) => server.close(() => r())) };
}

/** Sends the chunks one by one (chunked encoding); with `abort` the request is destroyed after them. */
function send(url: string, chunks: string[], abort = false): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    const next = (i: number): void => {
      if (i === chunks.length) return void (abort ? req.destroy() : req.end());
      req.write(chunks[i], () => setImmediate(() => next(i + 1)));
    };
    next(0);
  });
}

describe('readBody (every JSON route of the server)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('puts together a body sent in several chunks, byte for byte', async () => {
    const s = await bodyServer(1024);
    close = s.close;
    const text = '{"docs":[{"_id":"a","naam":"Jänneke"}]}';
    expect(await send(s.url, [text.slice(0, 5), text.slice(5, 20), text.slice(20)])).toBe(200);
    expect(((await s.outcomes[0]) as Buffer).toString('utf8')).toBe(text);
  });

  it('reads an empty body as zero bytes', async () => {
    const s = await bodyServer(1024);
    close = s.close;
    expect(await send(s.url, [])).toBe(200);
    expect(((await s.outcomes[0]) as Buffer).length).toBe(0);
  });

  it('ends a chunked body over the limit in 413 without reading it all', async () => {
    const s = await bodyServer(100);
    close = s.close;
    const status = await send(s.url, ['x'.repeat(60), 'x'.repeat(60), 'x'.repeat(60)]);
    await expect(s.outcomes[0]).rejects.toMatchObject({ status: 413 });
    // The server may close before the client has sent everything; never a 200.
    expect([0, 413]).toContain(status);
  });

  it('refuses a declared Content-Length over the limit at once', async () => {
    const s = await bodyServer(10);
    close = s.close;
    const status = await new Promise<number>((resolve) => {
      const req = http.request(s.url, { method: 'POST', headers: { 'Content-Length': '11' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(0));
      req.end('x'.repeat(11));
    });
    expect([0, 413]).toContain(status);
    await expect(s.outcomes[0]).rejects.toMatchObject({ status: 413 });
  });

  it('reports a sender that goes away mid-body as a client abort, not a server fault', async () => {
    const s = await bodyServer(1024);
    close = s.close;
    await send(s.url, ['{"docs":['], true);
    // The client's side ends first; wait for the server to have seen the request.
    while (s.outcomes.length === 0) await new Promise((r) => setTimeout(r, 5));
    await expect(s.outcomes[0]).rejects.toMatchObject({ code: 'ECONNRESET', clientGone: true });
  });
});
