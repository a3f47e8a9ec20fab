import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kindSelector } from '../../src/renderer/sync/kind-fetch';
import { SAVED_VIEW_TYPE } from '../../src/shared';
import { LogStore } from '../store/log/log-store';
import { RawDoc } from '../store/raw-doc';
import type { ChangesQuery, Json } from '../store/types';
import { planChanges } from './private-views';

/**
 * The `_changes` route widens a selector that accepts a bare deletion so that hidden saved views
 * reach it (private-views.ts). The app's kind selector, widened, must still read nothing but
 * `type`, or the log store parses every stored body of every page (log-kind.ts).
 */
let dir: string;
let log: LogStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'changes-private-kind-'));
  log = new LogStore(path.join(dir, 'log'));
});
afterAll(async () => {
  await log.close();
  await rm(dir, { recursive: true, force: true });
});

const view = (id: string, owner: string, shared: boolean): Json => ({ _id: id, type: SAVED_VIEW_TYPE, owner, shared, name: id });

describe("the app's kind selector through the private-view widening", () => {
  it('parses no stored body of another kind, and answers saved views as before', async () => {
    await log.create('region');
    const db = (await log.open('region'))!;
    const docs: Json[] = Array.from({ length: 200 }, (_, i) => ({ _id: `c${i}`, type: i % 2 ? 'candidate' : 'note', i }));
    docs.push(view('view-anna-private', 'anna', false), view('view-bob-private', 'bob', false), view('view-bob-shared', 'bob', true));
    await db.bulkDocs(docs, true);
    const ask = (type: string, user: string) => {
      const plan = planChanges({ since: 0, includeDocs: true, rawDocs: true, selector: kindSelector(type) } as ChangesQuery, user);
      return { plan, read: async () => plan.rows((await db.changes(plan.query)).results) };
    };

    const parse = vi.spyOn(JSON, 'parse');
    let rows: Json[];
    try {
      rows = await ask('candidate', 'anna').read();
      // Only the saved views' bodies are read (to know owners and sharing), none of the 200 others.
      expect(parse.mock.calls.length).toBeLessThanOrEqual(3);
    } finally {
      parse.mockRestore();
    }
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    expect([...byId.keys()].filter((id) => id.startsWith('c'))).toHaveLength(100);
    // Bob's private view is a deletion to anna; her own private view and bob's shared one are not candidates.
    expect(byId.get('view-bob-private')?.deleted).toBe(true);
    expect(byId.has('view-anna-private')).toBe(false);
    expect(byId.has('view-bob-shared')).toBe(false);

    // The saved views' own replication: anna's private view and the shared one, bob's private one as a deletion.
    const views = new Map((await ask(SAVED_VIEW_TYPE, 'anna').read()).map((r) => [r.id as string, r]));
    expect([...views.keys()].sort()).toEqual(['view-anna-private', 'view-bob-private', 'view-bob-shared']);
    expect(views.get('view-bob-private')?.deleted).toBe(true);
    const own = views.get('view-anna-private')!.doc;
    expect((own instanceof RawDoc ? own.value : (own as Json)).owner).toBe('anna');
  });
});
