import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { withDefaults } from '../config';
import { startServer } from '../server';
import { TEST_ADMIN_PASSWORD, basicAuth, type TestServer } from '../testing';
import type { IntakeOptions } from './options';

/** Like startTestServer (demo regions and users, admin), with intake limits of the test's choosing. */
export async function startIntakeTestServer(
  opts: { intake?: Partial<IntakeOptions>; demoSize?: number; webRoot?: string } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'regiodesk-intake-'));
  const server = await startServer(
    withDefaults({
      dataDir,
      host: '127.0.0.1',
      port: 0,
      demo: true,
      demoSize: opts.demoSize ?? 2,
      adminPassword: TEST_ADMIN_PASSWORD,
      ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
      ...(opts.intake ? { intake: opts.intake } : {}),
    }),
  );
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = basicAuth('admin', TEST_ADMIN_PASSWORD);

/** All documents of a region database, read through the API as admin. */
export async function regionDocs(url: string, region: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${url}/region-${region}/_all_docs?include_docs=true`, { headers: { Authorization: ADMIN } });
  if (!res.ok) throw new Error(`_all_docs ${res.status}`);
  const body = (await res.json()) as { rows: { doc: Record<string, unknown> }[] };
  return body.rows.map((r) => r.doc);
}

/** Allows website origins for a region's intake, as a coordinator would. */
export async function allowOrigins(url: string, region: string, origins: string[], auth = ADMIN): Promise<Response> {
  return fetch(`${url}/intake/${region}/settings`, {
    method: 'PUT',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ origins }),
  });
}
