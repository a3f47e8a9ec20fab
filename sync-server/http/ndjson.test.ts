import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ndjsonLines } from '../admin/commands/ndjson-lines';
import { ndjsonStream } from './ndjson';

/** A real HTTP server answering with ndjsonStream, read back with the CLI's line reader. */
let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('ndjsonStream', () => {
  it('sends the headers at once and heartbeats while a slow job has nothing to say', async () => {
    let jobDone!: () => void;
    const job = new Promise<void>((r) => (jobDone = r));
    const url = await serve(async (_req, res) => {
      const s = ndjsonStream(res, 10);
      s.line({ progress: 1 });
      await job;
      s.line({ result: 'ok' });
      s.end();
    });
    const res = await fetch(url);
    // The headers came before the job ended: a client's header timeout cannot hit.
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const reader = res.body!.getReader();
    const seen: string[] = [];
    while (seen.join('').split('\n').filter((l) => l === '').length < 4) {
      const { value } = await reader.read();
      seen.push(new TextDecoder().decode(value));
    }
    jobDone();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      seen.push(new TextDecoder().decode(value));
    }
    const text = seen.join('');
    expect(text.startsWith('{"progress":1}\n\n')).toBe(true);
    expect(text.endsWith('{"result":"ok"}\n')).toBe(true);
  });

  it('reads back objects across chunk boundaries and skips heartbeats', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"a":');
      setTimeout(() => {
        res.write('1}\n\n\n{"b":"é');
        setTimeout(() => res.end('"}'), 5);
      }, 5);
    });
    const got: unknown[] = [];
    for await (const x of ndjsonLines((await fetch(url)).body)) got.push(x);
    expect(got).toEqual([{ a: 1 }, { b: 'é' }]);
  });
});
