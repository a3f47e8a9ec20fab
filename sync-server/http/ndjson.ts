import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A long administrative answer as NDJSON: the status line goes out at once, then one JSON object
 * per line, and an empty line every `heartbeatMs` while nothing else is written. HTTP clients time
 * out a request whose headers do not come (undici: 5 minutes) or whose body stalls; compacting or
 * importing a large installation can take longer than that without being stuck.
 */
export interface NdjsonStream {
  line(obj: unknown): void;
  end(): void;
}

export function wantsNdjson(req: IncomingMessage): boolean {
  return /\bapplication\/x-ndjson\b/.test(req.headers.accept ?? '');
}

export function ndjsonStream(res: ServerResponse, heartbeatMs = 20_000): NdjsonStream {
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
  const beat = setInterval(() => res.write('\n'), heartbeatMs);
  beat.unref();
  // A client that goes away must not leave the timer writing into a closed socket.
  res.once('close', () => clearInterval(beat));
  return {
    line(obj) {
      res.write(JSON.stringify(obj) + '\n');
    },
    end() {
      clearInterval(beat);
      res.end();
    },
  };
}
