import { collectConflicts, collectLeaves } from 'pouchdb-merge';
import { matchesSelector } from 'pouchdb-selector-core';
import type { ChangesQuery, ChangesResult, Json } from '../types';
import { compileSelector } from '../selector-match';
import { RawDoc } from '../raw-doc';
import { readsOnlyType, winnerType } from './log-kind';
import { docText, materialize, type Meta } from './log-meta';
import type { LogState } from './log-state';

export async function changes(state: LogState, q: ChangesQuery): Promise<ChangesResult> {
  const since = typeof q.since === 'string' ? parseInt(q.since, 10) || 0 : q.since;
  const limit = q.limit ?? Infinity;
  const ids = q.docIds ? new Set(q.docIds) : null;
  let match: ((doc: Json) => boolean) | null = null;
  /** A selector that reads only `type` (the app's kind selector) is decided per type, without the body (log-kind.ts). */
  let matchType: ((m: Meta) => boolean) | null = null;
  if (q.selector) {
    const sel = q.selector;
    const full = compileSelector(sel) ?? ((doc: Json) => matchesSelector(doc, sel));
    if (readsOnlyType(sel)) {
      const decided = new Map<unknown, boolean>();
      matchType = (m) => {
        const type = winnerType(m);
        const plain = typeof type !== 'object' || type === null;
        let yes = plain ? decided.get(type) : undefined;
        if (yes === undefined) {
          yes = full(type === undefined ? {} : { type });
          if (plain) decided.set(type, yes);
        }
        return yes;
      };
    } else match = full;
  }
  // Bodies stay text (RawDoc) for callers that splice them into their answer.
  const raw = !!(q.includeDocs && q.rawDocs);
  const results: Json[] = [];
  let last = q.descending ? 0 : since;
  const visit = (m: Meta) => {
    if (ids && !ids.has(m.id)) return;
    if (matchType && !matchType(m)) return;
    let doc: Json | undefined;
    let text: string | undefined;
    if (raw) {
      text = docText(m.id, m.winner, m.bodies.get(m.winner) ?? '{}', m.deleted);
      if (match && !match(JSON.parse(text) as Json)) return;
    } else if (match || q.includeDocs) {
      doc = materialize(m.id, m.winner, m.bodies.get(m.winner) ?? '{}', m.deleted);
      if (match && !match(doc)) return;
    }
    const row: Json = {
      id: m.id,
      changes: q.allLeaves ? collectLeaves(m.tree).map((l) => ({ rev: l.rev })) : [{ rev: m.winner }],
      seq: m.seq,
    };
    if (m.deleted) row.deleted = true;
    if (text !== undefined) {
      // The conflicts go last, as on the object below.
      const c = q.conflicts ? collectConflicts({ rev_tree: m.tree }) : [];
      row.doc = new RawDoc(c.length ? `${text.slice(0, -1)},"_conflicts":${JSON.stringify(c)}}` : text);
    } else if (q.includeDocs && doc) {
      if (q.conflicts) {
        const c = collectConflicts({ rev_tree: m.tree });
        if (c.length) doc._conflicts = c;
      }
      row.doc = doc;
    }
    results.push(row);
  };
  if (!q.descending) {
    for (let s = since + 1; s <= state.seq && results.length < limit; s++) {
      const m = state.bySeq[s];
      if (!m) continue;
      last = s;
      visit(m);
    }
    if (results.length < limit) last = Math.max(last, state.seq);
  } else {
    for (let s = state.seq; s > 0 && results.length < limit; s--) {
      const m = state.bySeq[s];
      if (!m) continue;
      last = s;
      visit(m);
    }
  }
  return { results, last_seq: last };
}
