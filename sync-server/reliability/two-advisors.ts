import { afterAll, beforeAll } from 'vitest';
import { regionDbName } from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { resetDeviceClock } from '../../src/renderer/sync/clock';
import { DEMO_PASSWORD } from '../demo/load';
import { startTestServer, type TestServer } from '../testing';
import { sessionCookie } from './child-server';

/**
 * Two advisors' laptops syncing through a real server (demo users anna and daan): the server,
 * their session cookies, and one device clock for the clients of this process, so that their
 * edits are ordered as they happen, as they are between two laptops once each has taken in the
 * other's clocks (hlc.ts). Registers its own beforeAll/afterAll in the calling test file.
 */
export interface TwoAdvisors {
  readonly url: string;
  /** Session cookie of advisor `c` (0: anna, 1: daan). */
  cookie(c: number): string;
  /** The winning revision of `id` in the region's database on the server, or null (404). */
  serverDoc(id: string): Promise<Record<string, unknown> | null>;
}

export function twoAdvisors(region: string): TwoAdvisors {
  let server: TestServer | undefined;
  const cookies: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 0 });
    for (const u of ['anna', 'daan']) cookies.push(await sessionCookie(server.url, u, DEMO_PASSWORD));
    resetDeviceClock(memoryStore());
  }, 60_000);
  afterAll(() => server?.close());
  const advisors: TwoAdvisors = {
    get url() {
      if (!server) throw new Error('twoAdvisors: the server starts in beforeAll');
      return server.url;
    },
    cookie: (c) => cookies[c]!,
    async serverDoc(id) {
      const res = await fetch(`${advisors.url}/${regionDbName(region)}/${encodeURIComponent(id)}`, { headers: { Cookie: cookies[0]! } });
      return res.status === 404 ? null : ((await res.json()) as Record<string, unknown>);
    },
  };
  return advisors;
}
