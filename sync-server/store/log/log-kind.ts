import type { Json } from '../types';
import type { Meta } from './log-meta';

/*
 * The `type` of each document's winning revision, kept with its Meta, so that the app's kind
 * selector on `_changes` (`{$or: [{type}, {type: {$exists: false}}]}`, src/renderer/sync/
 * kind-fetch.ts) is decided without parsing the stored body: a JSON.parse per document per page
 * was 11.6 % of the server's samples in an initial sync of 100,000 (README, Eighth round).
 * Writes and the replay of the file have the parsed body at hand and record its `type`; the
 * value is tied to the body text it was read from (`typeBody`), so a winner that changed since
 * (a conflict, a purge) is read again from its text, never answered stale.
 */

/** Type strings seen, so 100,000 documents of a few kinds hold a few strings, not 100,000. */
const interned = new Map<string, string>();

function intern(v: string): string {
  if (v.length > 64) return v;
  const seen = interned.get(v);
  if (seen !== undefined) return seen;
  if (interned.size < 1024) interned.set(v, v);
  return v;
}

/**
 * Records `type` (the `type` field of the parsed body whose JSON text is `text`) as the winner's,
 * when `rev` is the winner. Only a plain value is kept: an object (or anything JSON would write
 * differently, e.g. a Date handed in by a caller) is left to winnerType to read from the text.
 */
export function noteType(m: Meta, rev: string, text: string, type: unknown): void {
  if (rev !== m.winner) return;
  if (type === undefined || type === null || typeof type === 'number' || typeof type === 'boolean') {
    m.type = type;
    m.typeBody = text;
  } else if (typeof type === 'string') {
    m.type = intern(type);
    m.typeBody = text;
  } else {
    m.typeBody = undefined;
  }
}

/** The `type` field of the winner's body (undefined: none, also for a deletion stub without one). */
export function winnerType(m: Meta): unknown {
  const text = m.bodies.get(m.winner) ?? '{}';
  if (m.typeBody !== text) {
    const t = (JSON.parse(text) as Json).type;
    m.type = typeof t === 'string' ? intern(t) : t;
    m.typeBody = text;
  }
  return m.type;
}

/**
 * The top-level fields a Mango selector reads, or null when it uses an operator whose reach is not
 * plain from its keys. Field conditions (`$eq`, `$exists`, `$in`, `$regex`, `$elemMatch`…) read
 * only their own field; `$and`, `$or`, `$nor` and a combining `$not` read what their parts read.
 */
export function selectorFields(selector: unknown, out = new Set<string>()): Set<string> | null {
  if (typeof selector !== 'object' || selector === null || Array.isArray(selector)) return null;
  for (const [key, value] of Object.entries(selector as Json)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value)) return null;
      for (const part of value) if (!selectorFields(part, out)) return null;
    } else if (key === '$not') {
      if (!selectorFields(value, out)) return null;
    } else if (key.startsWith('$') || key.includes('\\')) {
      return null;
    } else {
      out.add(key.split('.')[0]!);
    }
  }
  return out;
}

/** Whether `selector` reads nothing but the documents' `type` (then winnerType decides it). */
export function readsOnlyType(selector: unknown): boolean {
  const fields = selectorFields(selector);
  return !!fields && fields.size > 0 && [...fields].every((f) => f === 'type');
}
