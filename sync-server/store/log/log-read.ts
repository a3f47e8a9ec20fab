import { createError, INVALID_REV, MISSING_DOC } from 'pouchdb-errors';
import { collectConflicts, collectLeaves, isDeleted, isLocalId, latest, rootToLeaf, traverseRevTree } from 'pouchdb-merge';
import type { AllDocsOptions, GetOptions, Json } from '../types';
import { materialize, type Meta } from './log-meta';
import type { LogState } from './log-state';

export async function get(state: LogState, id: string, opts: GetOptions = {}): Promise<unknown> {
  if (typeof id !== 'string') throw createError(MISSING_DOC);
  if (isLocalId(id)) {
    const l = state.locals.get(id);
    if (!l) throw createError(MISSING_DOC);
    return materialize(id, l.rev, l.body, false);
  }
  const meta = state.docs.get(id);
  if (opts.open_revs) {
    if (!meta) throw createError(MISSING_DOC, 'missing');
    let leaves: string[];
    if (opts.open_revs === 'all') leaves = collectLeaves(meta.tree).map((l) => l.rev);
    else if (Array.isArray(opts.open_revs)) {
      leaves = opts.open_revs;
      if (leaves.some((l) => !/^\d+-/.test(String(l)))) throw createError(INVALID_REV);
    } else throw createError(INVALID_REV);
    const out: ({ ok: Json } | { missing: string })[] = [];
    for (const leaf of leaves) {
      try {
        const doc = read(meta, leaf, { revs: opts.revs, latest: opts.latest });
        if (!out.some((o) => 'ok' in o && o.ok._rev === doc._rev)) out.push({ ok: doc });
      } catch {
        out.push({ missing: leaf });
      }
    }
    return out;
  }
  if (!meta) throw createError(MISSING_DOC, 'missing');
  return read(meta, opts.rev, opts);
}

/** PouchDB's get of one revision (pouchdb-core get + the adapter's _get). */
function read(meta: Meta, wanted: string | undefined, opts: GetOptions): Json {
  let rev: string;
  if (!wanted) {
    if (meta.deleted) throw createError(MISSING_DOC, 'deleted');
    rev = meta.winner;
  } else {
    try {
      rev = opts.latest ? latest(wanted, { rev_tree: meta.tree }) : wanted;
    } catch {
      throw createError(MISSING_DOC);
    }
  }
  const body = meta.bodies.get(rev);
  if (body === undefined) throw createError(MISSING_DOC);
  const deleted = rev === meta.winner ? meta.deleted : isDeleted({ rev_tree: meta.tree }, rev);
  const doc = materialize(meta.id, rev, body, deleted);
  if (opts.conflicts) {
    const c = collectConflicts({ rev_tree: meta.tree });
    if (c.length) doc._conflicts = c;
  }
  if (opts.deleted_conflicts) {
    const d = collectLeaves(meta.tree)
      .filter((l) => l.opts.deleted && l.rev !== meta.winner)
      .map((l) => l.rev);
    if (d.length) doc._deleted_conflicts = d;
  }
  if (opts.revs || opts.revs_info) {
    const n = parseInt(rev, 10);
    const hash = rev.slice(rev.indexOf('-') + 1);
    let path: { pos: number; ids: { id: string; opts: { status?: string } }[] } | null = null;
    for (const p of rootToLeaf(meta.tree)) {
      const i = p.ids.findIndex((x) => x.id === hash);
      if (i === n - p.pos || (!path && i !== -1)) path = p;
    }
    if (!path) throw new Error('invalid rev tree');
    const ids = path.ids.slice(0, path.ids.findIndex((x) => x.id === hash) + 1).reverse();
    if (opts.revs) doc._revisions = { start: path.pos + ids.length - 1, ids: ids.map((x) => x.id) };
    if (opts.revs_info) {
      let pos = path.pos + ids.length;
      doc._revs_info = ids.map((x) => ({ rev: `${--pos}-${x.id}`, status: x.opts.status }));
    }
  }
  return doc;
}

export async function allDocs(state: LogState, opts: AllDocsOptions): Promise<Json> {
  const row = (m: Meta): Json => {
    const r: Json = { id: m.id, key: m.id, value: { rev: m.winner } };
    if (opts.include_docs) r.doc = read(m, undefined, { conflicts: opts.conflicts });
    return r;
  };
  if (opts.keys) {
    const rows = opts.keys.map((key): Json => {
      const m = state.docs.get(key);
      if (!m) return { key, error: 'not_found' };
      if (m.deleted) return { id: key, key, value: { rev: m.winner, deleted: true }, ...(opts.include_docs ? { doc: null } : {}) };
      return row(m);
    });
    return { total_rows: state.docCount, offset: opts.skip ?? 0, rows: opts.descending ? rows.reverse() : rows };
  }
  const ids = state.sortedIds();
  const desc = !!opts.descending;
  const inclusive = opts.inclusive_end !== false;
  const lo = desc ? opts.endkey : opts.startkey;
  const hi = desc ? opts.startkey : opts.endkey;
  const skip = opts.skip ?? 0;
  const limit = opts.limit ?? Infinity;
  const rows: Json[] = [];
  let skipped = 0;
  const inRange = (id: string) => (lo === undefined || (desc && !inclusive ? id > lo : id >= lo)) && (hi === undefined || (!desc && !inclusive ? id < hi : id <= hi));
  // First index not below `lo` (binary search), then walk in the asked direction.
  const lower = (key: string | undefined) => {
    if (key === undefined) return 0;
    let a = 0;
    let b = ids.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (ids[mid]! < key) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  if (!desc) {
    for (let i = lower(lo); i < ids.length && rows.length < limit; i++) {
      const id = ids[i]!;
      if (!inRange(id)) {
        if (hi !== undefined && id > hi) break;
        continue;
      }
      const m = state.docs.get(id);
      if (!m || m.deleted || isLocalId(id)) continue;
      if (skipped++ < skip) continue;
      rows.push(row(m));
    }
  } else {
    const start = hi === undefined ? ids.length - 1 : lower(hi) + (ids[lower(hi)] === hi ? 0 : -1);
    for (let i = Math.min(start, ids.length - 1); i >= 0 && rows.length < limit; i--) {
      const id = ids[i]!;
      if (!inRange(id)) {
        if (lo !== undefined && id < lo) break;
        continue;
      }
      const m = state.docs.get(id);
      if (!m || m.deleted) continue;
      if (skipped++ < skip) continue;
      rows.push(row(m));
    }
  }
  return { total_rows: state.docCount, offset: skip, rows };
}

export async function revsDiff(state: LogState, body: Record<string, string[]>): Promise<Json> {
  const out: Json = {};
  for (const [id, revs] of Object.entries(body)) {
    const m = state.docs.get(id);
    if (!m) {
      out[id] = { missing: revs };
      continue;
    }
    const rest = revs.slice();
    const missing: string[] = [];
    traverseRevTree(m.tree, (_leaf, pos, hash, _ctx, o) => {
      const i = rest.indexOf(`${pos}-${hash}`);
      if (i === -1) return;
      rest.splice(i, 1);
      if (o.status !== 'available') missing.push(`${pos}-${hash}`);
    });
    missing.push(...rest);
    if (missing.length) out[id] = { missing };
  }
  return out;
}

export async function bulkGet(state: LogState, docs: { id: string; rev?: string }[], opts: { revs?: boolean; latest?: boolean }): Promise<Json> {
  // PouchDB's shim (pouchdb-utils bulkGet): one open_revs read per document id.
  const byId = new Map<string, (string | undefined)[]>();
  for (const d of docs) byId.set(d.id, [...(byId.get(d.id) ?? []), d.rev]);
  const results: Json[] = [];
  for (const [id, revs] of byId) {
    const wanted = revs.filter((r): r is string => !!r);
    let got: unknown[];
    try {
      got = wanted.length
        ? ((await get(state, id, { open_revs: wanted, revs: opts.revs, latest: opts.latest })) as unknown[])
        : [{ ok: await get(state, id, { revs: opts.revs, latest: opts.latest }) }];
    } catch (err) {
      const e = err as { name?: string; reason?: string; message?: string };
      got = [{ error: { id, rev: wanted[0] ?? 'undefined', error: e.name ?? 'not_found', reason: e.reason ?? e.message ?? 'missing' } }];
    }
    for (const g of got) {
      const miss = g as { missing?: string };
      results.push({ id, docs: [miss.missing ? { error: { id, rev: miss.missing, error: 'not_found', reason: 'missing' } } : g] });
    }
  }
  return { results };
}
