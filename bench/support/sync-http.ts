/** HTTP helpers of the sync benchmarks: JSON requests with a session cookie, seeding a region. */
import { demoCandidates } from '../../sync-server/demo/candidates';

type Json = Record<string, any>;

export async function post(url: string, cookie: string | null, body: unknown, method = 'POST'): Promise<any> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (cookie) headers.Cookie = cookie;
  const res = await fetch(url, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

export async function get(url: string, cookie: string | null): Promise<any> {
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {} });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/** `count` demo candidates as CouchDB documents (`_id` with `idPrefix`), written 2,000 at a time. */
export async function seedRegion(dbUrl: string, cookie: string | null, region: string, count: number, idPrefix = ''): Promise<void> {
  const docs = demoCandidates(region, count, ['anna']).map(({ id, ...rest }) => ({ _id: idPrefix + id, ...rest }));
  for (let i = 0; i < docs.length; i += 2000) {
    const res = (await post(`${dbUrl}/_bulk_docs`, cookie, { docs: docs.slice(i, i + 2000) })) as Json[];
    const bad = res.filter((r) => !r.ok);
    if (bad.length) throw new Error(`seeding: ${bad.length} refused, e.g. ${JSON.stringify(bad[0])}`);
  }
}

/** Reads the whole feed once (the server settles: fan-out, caches) and counts the live candidates. */
export async function countCandidates(dbUrl: string, cookie: string): Promise<number> {
  let since: unknown = 0;
  const live = new Set<string>();
  for (;;) {
    const page = (await get(`${dbUrl}/_changes?include_docs=true&limit=2000&since=${encodeURIComponent(String(since))}`, cookie)) as { results: { id: string; deleted?: boolean; doc?: Json }[]; last_seq: unknown };
    for (const r of page.results) {
      if (!r.deleted && r.doc?.type === 'candidate') live.add(r.id);
      else live.delete(r.id);
    }
    since = page.last_seq;
    if (page.results.length < 2000) return live.size;
  }
}
