import { afterAll, beforeAll, expect } from 'vitest';
import type { RxCollection } from 'rxdb';
import { regionDbName } from '../../src/shared';
import { memoryStore } from '../../src/renderer/app/session';
import { resetDeviceClock } from '../../src/renderer/sync/clock';
import { DEMO_PASSWORD } from '../demo/load';
import { startTestServer, type TestServer } from '../testing';
import { sessionCookie } from './child-server';
import { replicateRegion } from './rx-client';

/**
 * Advisors' laptops syncing through a real server (demo users, by default anna and daan): the
 * server, their session cookies, and one device clock for the clients of this process, so that
 * their edits are ordered as they happen, as they are between laptops once each has taken in the
 * others' clocks (hlc.ts). Registers its own beforeAll/afterAll in the calling test file.
 */
export interface Advisors {
  readonly url: string;
  /** Session cookie of advisor `c` (its index in the users given; by default 0: anna, 1: daan). */
  cookie(c: number): string;
  /** The winning revision of `id` in the region's database on the server, or null (404). */
  serverDoc(id: string): Promise<Record<string, unknown> | null>;
  /** One one-off sync of `collection` as advisor `c`; fails on any replication error or a 20 s stall. */
  syncOnce(collection: RxCollection<any>, c: number, identifier: string): Promise<void>;
}

export type TwoAdvisors = Advisors;

/** Anna and daan of `region` (cookie 0 and 1). */
export const twoAdvisors = (region: string): TwoAdvisors => advisors(region, ['anna', 'daan']);

/** `users`: demo users of `region`, in the order `cookie(c)` numbers them. */
export function advisors(region: string, users: readonly string[]): Advisors {
  let server: TestServer | undefined;
  const cookies: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoSize: 0 });
    for (const u of users) cookies.push(await sessionCookie(server.url, u, DEMO_PASSWORD));
    resetDeviceClock(memoryStore());
  }, 60_000);
  afterAll(() => server?.close());
  const out: Advisors = {
    get url() {
      if (!server) throw new Error('advisors: the server starts in beforeAll');
      return server.url;
    },
    cookie: (c) => cookies[c]!,
    async serverDoc(id) {
      const res = await fetch(`${out.url}/${regionDbName(region)}/${encodeURIComponent(id)}`, { headers: { Cookie: cookies[0]! } });
      return res.status === 404 ? null : ((await res.json()) as Record<string, unknown>);
    },
    async syncOnce(collection, c, identifier) {
      const { rep, errors } = replicateRegion(collection, { server: out.url, region, cookie: cookies[c]!, live: false, identifier });
      try {
        const stalled = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`sync stalled: ${errors.map(String).join('; ').slice(0, 400)}`)), 20_000).unref());
        await Promise.race([rep.awaitInitialReplication(), stalled]);
        expect(errors.map(String)).toEqual([]);
      } finally {
        await rep.cancel();
      }
    },
  };
  return out;
}
