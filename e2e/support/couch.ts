/** Reads the sync server as a plain CouchDB client would, to check what really arrived there. */
export async function serverDocs(
  baseUrl: string,
  db: string,
  auth: { user: string; password: string },
): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${baseUrl}/${db}/_all_docs?include_docs=true`, {
    headers: { authorization: 'Basic ' + Buffer.from(`${auth.user}:${auth.password}`).toString('base64') },
  });
  if (!res.ok) throw new Error(`${db}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { rows: { doc?: Record<string, unknown> }[] };
  return body.rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

/** Polls until `check` returns a value, or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
