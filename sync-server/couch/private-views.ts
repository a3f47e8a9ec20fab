import { matchesSelector as pouchMatches } from 'pouchdb-selector-core';
import { SAVED_VIEW_TYPE } from '../../src/shared';
import { notFound } from '../http/errors';
import { RawDoc } from '../store/raw-doc';
import { compileSelector } from '../store/selector-match';
import type { ChangesQuery, Json, StoreDb } from '../store/types';

/**
 * Private saved views (a `savedView` with `shared: false`) belong to their owner alone: not to
 * her colleagues, supervisors or administrators, since a view is a personal tool. They live in
 * the region database like shared ones (they sync to the owner's laptops), so every client read
 * and write path of the CouchDB API passes through the helpers here; route files only call them.
 * The routes sit above the store, so the rule holds for the embedded store and CouchDB alike.
 *
 * To everyone but its owner a private view looks deleted: reads return a data-free deletion
 * `{_id, _rev, _deleted: true}` at its revision (`_changes`, `_all_docs`, `_bulk_get`,
 * `open_revs`) or 404 `deleted` (plain GET). That is also how a view that stops being shared
 * leaves colleagues' laptops: their next pull gets the deletion and drops their copy, as an
 * unlinked candidate's purge leaves them; when it is shared again its next revision comes back.
 * Ids and revisions stay visible (as CouchDB shows those of any deletion), never the content.
 * Writes by others that touch a private view, or that would make one for someone else, are
 * refused with `forbidden`. When the owner leaves the region her private views stay in its
 * database, readable by nobody over the API, and return to her if she rejoins.
 */

export const VIEW_ID_PREFIX = 'view-';

type Problem = { error: 'forbidden'; reason: string };

/** The rule: a saved view not shared with the region, whose owner is not `user`. */
export function hiddenFrom(doc: Json | null | undefined, user: string | undefined): boolean {
  return !!doc && doc.type === SAVED_VIEW_TYPE && doc.shared !== true && doc.owner !== user;
}

/** What a hidden view is to others: a deletion without content. */
export function deletionOf(doc: Json): Json {
  return { _id: doc._id, _rev: doc._rev, _deleted: true };
}

/** One document body as `user` may see it. */
export function seen(doc: Json, user: string | undefined): Json {
  return hiddenFrom(doc, user) ? deletionOf(doc) : doc;
}

/**
 * What the store query adds to a selector that accepts a bare deletion: every saved view, by its
 * `type` alone (rows() below drops what the selector itself would not have taken). With `shared`
 * in it, the app's kind selector read more than `type`, and the log store parsed every stored
 * body on every `_changes` page instead of deciding by the kept type (log-kind.ts): 11 % of the
 * server's time in an initial sync of 100,000.
 */
const SAVED_VIEWS: Json = { type: SAVED_VIEW_TYPE };

/** The embedded store's own reading of a selector: its compiled form, else PouchDB's matcher. */
function matcher(selector: Json): (doc: Json) => boolean {
  const match = pouchMatches as (doc: Json, selector: Json) => boolean;
  return compileSelector(selector) ?? ((doc) => match(doc, selector));
}

export interface ChangesPlan {
  /** The query to send to the store: independent of the user, so equal reads still coalesce. */
  query: ChangesQuery;
  /** The rows as `user` may see them. */
  rows(rows: Json[]): Json[];
}

/**
 * `_changes` for `user`. Without a selector, rows that carry a hidden view's body become
 * deletions. A selector is evaluated on what the user may see, so it cannot probe a hidden view's
 * content: the store query always fetches documents (to know owners), hidden views are answered
 * as their deletion when the selector accepts a bare deletion (the app's kind selectors do, so
 * laptops learn that a view stopped being shared) and are left out otherwise.
 */
export function planChanges(query: ChangesQuery, user: string | undefined): ChangesPlan {
  const wantDocs = query.includeDocs === true;
  const sel = query.selector;
  if (!sel) {
    if (!wantDocs) return { query, rows: (rows) => rows };
    return {
      query,
      rows: (rows) =>
        rows.map((r) => {
          const view = viewOf(r.doc);
          return view && hiddenFrom(view, user) ? asDeletion(r, view, true) : r;
        }),
    };
  }
  const matches = matcher(sel);
  const stubPasses = matches({ _id: 'x', _rev: '1-x', _deleted: true });
  // Hidden views must reach a selector that accepts deletions whatever their content.
  const widened = stubPasses ? { $or: [...(Object.keys(sel).length === 1 && Array.isArray(sel.$or) ? (sel.$or as Json[]) : [sel]), SAVED_VIEWS] } : sel;
  const storeQuery: ChangesQuery = { ...query, selector: widened, includeDocs: true };
  return {
    query: storeQuery,
    rows(rows) {
      const out: Json[] = [];
      for (const r of rows) {
        const doc = viewOf(r.doc);
        if (doc && hiddenFrom(doc, user)) {
          // As when the widening was `{type, shared: false}`: a hidden view the selector does not take only when private.
          if (stubPasses && (doc.shared === false || matches(doc))) out.push(asDeletion(r, doc, wantDocs));
          continue;
        }
        // A view that came only through the widening (the owner's own private one, a shared one).
        if (stubPasses && doc && doc.type === SAVED_VIEW_TYPE && !matches(doc)) continue;
        if (wantDocs) out.push(r);
        else {
          const { doc: _d, ...rest } = r;
          out.push(rest);
        }
      }
      return out;
    },
  };
}

function asDeletion(row: Json, doc: Json, withDoc: boolean): Json {
  const { doc: _doc, ...rest } = row;
  return { ...rest, deleted: true, ...(withDoc ? { doc: deletionOf(doc) } : {}) };
}

/**
 * A row's document for the checks of this file, which concern saved views only: a document kept
 * as text (RawDoc) is parsed only when it can be one, others read as undefined (never a view).
 */
function viewOf(doc: unknown): Json | undefined {
  if (doc instanceof RawDoc) return doc.mayContain(SAVED_VIEW_TYPE) ? doc.value : undefined;
  return (doc ?? undefined) as Json | undefined;
}

interface AllDocsRow {
  id?: string;
  key?: unknown;
  value?: { rev?: string; deleted?: boolean };
  doc?: Json | null;
}

/** `_all_docs` with documents: a hidden view's row reads as a deletion (`doc: null`), as CouchDB shows deleted ones. */
export function allDocsSeen(body: Json, user: string | undefined): Json {
  const rows = body.rows as AllDocsRow[] | undefined;
  if (!Array.isArray(rows) || !rows.some((r) => r.doc && hiddenFrom(r.doc, user))) return body;
  return {
    ...body,
    rows: rows.map((r) => (r.doc && hiddenFrom(r.doc, user) ? { id: r.id, key: r.key, value: { rev: r.value?.rev ?? r.doc._rev, deleted: true }, doc: null } : r)),
  };
}

/** `_bulk_get`: each hidden revision becomes its deletion (with `_revisions`, so replicators can store it). */
export function bulkGetSeen(body: Json, user: string | undefined): Json {
  const results = body.results as { id: string; docs: { ok?: Json }[] }[] | undefined;
  if (!Array.isArray(results)) return body;
  return { ...body, results: results.map((res) => ({ ...res, docs: res.docs.map((d) => (d.ok ? { ...d, ok: openRevSeen(d.ok, user) } : d)) })) };
}

function openRevSeen(doc: Json, user: string | undefined): Json {
  if (!hiddenFrom(doc, user)) return doc;
  return { ...deletionOf(doc), ...(doc._revisions ? { _revisions: doc._revisions } : {}) };
}

/** `GET /db/id`: 404 for a hidden view; with `open_revs`, each hidden leaf as its deletion. */
export function getSeen(doc: Json | Json[], user: string | undefined): Json | Json[] {
  if (Array.isArray(doc)) return doc.map((d) => (d.ok ? { ...d, ok: openRevSeen(d.ok as Json, user) } : d));
  if (hiddenFrom(doc, user)) throw notFound('deleted');
  return doc;
}

const FEW = 32;

/**
 * Writes by `user` that the rule refuses: a saved view with an id outside `view-…` (the prefix
 * lets this check read only documents that can be views), a private view of someone else, any
 * write over a document whose current version is someone else's private view (also deletions and
 * other kinds), and a change of a view's owner. One read of the target database, for `view-` ids only.
 */
export async function privateViewProblems(db: StoreDb, user: string | undefined, docs: Json[]): Promise<(Problem | null)[]> {
  const out: (Problem | null)[] = docs.map(() => null);
  const ids = [...new Set(docs.map((d) => d._id).filter((id): id is string => typeof id === 'string' && id.startsWith(VIEW_ID_PREFIX)))];
  const current = ids.length ? await currentDocs(db, ids) : new Map<string, Json>();
  docs.forEach((d, i) => {
    const id = typeof d._id === 'string' ? d._id : '';
    if (d.type === SAVED_VIEW_TYPE && !id.startsWith(VIEW_ID_PREFIX)) {
      out[i] = refuse(`Een opgeslagen weergave heeft een id die met ${VIEW_ID_PREFIX} begint (saved view ids start with ${VIEW_ID_PREFIX}).`);
      return;
    }
    const now = current.get(id);
    if (now && hiddenFrom(now, user)) {
      out[i] = refuse('Deze weergave is privé van een collega (this saved view is private to its owner).');
      return;
    }
    if (d._deleted !== true && hiddenFrom(d, user)) {
      out[i] = refuse('Alleen de eigenaar zelf kan een privé weergave opslaan (only its owner can save a private view).');
      return;
    }
    if (now && now.type === SAVED_VIEW_TYPE && d.type === SAVED_VIEW_TYPE && d._deleted !== true && d.owner !== now.owner) {
      out[i] = refuse('De eigenaar van een weergave kan niet veranderen (the owner of a saved view cannot change).');
    }
  });
  return out;
}

const refuse = (reason: string): Problem => ({ error: 'forbidden', reason });

/** The current (winning, undeleted) versions of `ids`; absent when missing or deleted. */
async function currentDocs(db: StoreDb, ids: string[]): Promise<Map<string, Json>> {
  const m = new Map<string, Json>();
  if (ids.length <= FEW) {
    const docs = await Promise.all(ids.map((id) => db.get(id).catch((e: unknown) => ((e as { status?: unknown } | null)?.status === 404 ? null : Promise.reject(e)))));
    ids.forEach((id, i) => docs[i] && !Array.isArray(docs[i]) && m.set(id, docs[i] as Json));
    return m;
  }
  const rows = ((await db.allDocs({ keys: ids, include_docs: true })) as { rows: { key: string; doc?: Json | null }[] }).rows;
  for (const r of rows) if (r.doc) m.set(r.key, r.doc);
  return m;
}
