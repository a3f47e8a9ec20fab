/**
 * The compact form of a document's per-field clocks (`fieldClocks`, hlc.ts) and the one way to
 * read it. Every reader goes through `clockOf` / `expandClocks`; only `compactClocks` writes.
 *
 * One edit is one event with one clock (field-merge.ts, `stampFields`), so most fields of a
 * document share a clock: the one of its creation, or of an import. Listing it under every field
 * name made the clocks 640 of a stored candidate's 1,411 bytes (README, bench:import). The compact
 * form lists it once, under DEFAULT_CLOCK (`*`), and names only the fields whose clock differs:
 *
 *   `*`      the clock of every clocked field (not in UNCLOCKED_FIELDS, not starting with `_`)
 *            that has a value (`!== undefined`) in the document and is not listed by name;
 *   a name   that field's clock: fields edited later, removed fields (no value, so `*` never
 *            covers them), bookkeeping keys, and `_deleted` (DELETED_CLOCK, existence).
 *
 * A field without a value and not listed has no clock, exactly as in the full form: `*` must
 * never give a clock to a field that was never written, or that field would beat a colleague's
 * concurrent first edit of it. For the same reason `*` is written only when every valued field
 * has a clock (documents written before clocks, or half-stamped by an older app, keep the full
 * form). Documents in the full form (every clock by name, as written before this form) are read
 * by the same accessor and compact on their next edit or merge: no migration.
 *
 * Because `*` is resolved against the document's values, a write that gives a field a value
 * without stamping it (a schema migration adding a default, say) would hand that field the `*`
 * clock: such a write must list the field's clock by name (or leave it unclocked by expanding,
 * changing and compacting the clocks itself).
 *
 * A clock without the clock's form (fields.ts `HLC`, e.g. `zzz` in a document stored before every
 * kind checked its clocks) reads as no clock through `clockOf`/`clockReader`: compared as a
 * string it would beat every real clock in every merge. A malformed `*` gives no field a clock, a
 * malformed named clock leaves its field without one (never `*`'s). Cheap for a merge of thousands
 * of documents: a reader tests `*` once, and the last two clocks found well formed are not tested
 * again (a merge reads the same `*` and existence clock on both sides; a full map repeats one
 * clock). `expandClocks` gives the stored map as it is; `stampFields` drops malformed clocks.
 */

import { HLC } from '../domain/fields';
import { compareHlc } from './hlc';

type Doc = Record<string, unknown>;
type Clocks = Record<string, string>;

/** The key in `fieldClocks` of the default clock (see above). */
export const DEFAULT_CLOCK = '*';

/** The key in `fieldClocks` of the clock of the document's existence (creation or deletion). */
export const DELETED_CLOCK = '_deleted';

/** Fields that are bookkeeping, not edits: never stamped, not merged per field. */
export const UNCLOCKED_FIELDS = new Set(['id', 'type', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'fieldClocks', '_deleted']);

/**
 * A clock listed under `k`. A clock is a string (the schemas say so): this also keeps out what a
 * plain object inherits (`constructor`, `__proto__`), without a slower own-property lookup.
 */
const listed = (c: Clocks, k: string): boolean => typeof c[k] === 'string';

/** Whether a field's edits carry a clock (and so whether `*` may stand for it). */
export function isClockedField(field: string): boolean {
  return !UNCLOCKED_FIELDS.has(field) && !field.startsWith('_') && field !== DEFAULT_CLOCK;
}

/** The stored map as it is (compact or full), or null when the document has none. */
function storedClocks(doc: Doc | undefined): Clocks | null {
  const c = doc?.fieldClocks;
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as Clocks) : null;
}

// The last two clocks found well formed: a merge reads the same `*` and existence clock on both sides.
let ok1: string | undefined;
let ok2: string | undefined;
function wellFormed(clock: string): string | undefined {
  if (clock === ok1 || clock === ok2) return clock;
  if (!HLC.test(clock)) return undefined;
  ok2 = ok1;
  return (ok1 = clock);
}

/** The clock of `field` in `doc` (compact or full form), undefined when it has none or it is malformed. */
export function clockOf(doc: Doc | undefined, field: string): string | undefined {
  const c = storedClocks(doc);
  if (!c || field === DEFAULT_CLOCK) return undefined;
  const k = listed(c, field) ? field : isClockedField(field) && doc![field] !== undefined ? DEFAULT_CLOCK : undefined;
  return k !== undefined && listed(c, k) ? wellFormed(c[k]!) : undefined;
}

/** `clockOf` for many fields of one document: reads the stored map once, tests a repeated clock once. */
export function clockReader(doc: Doc | undefined): (field: string) => string | undefined {
  const c = storedClocks(doc);
  if (!c) return () => undefined;
  let star: string | undefined | null = null; // `*` once tested (undefined: none, or malformed)
  return (field) => {
    if (field === DEFAULT_CLOCK) return undefined;
    if (listed(c, field)) return wellFormed(c[field]!);
    if (!isClockedField(field) || doc![field] === undefined) return undefined;
    if (star === null) star = listed(c, DEFAULT_CLOCK) ? wellFormed(c[DEFAULT_CLOCK]!) : undefined;
    return star;
  };
}

/** Every clock of `doc` by field name (the full form); `{}` when it has none. */
export function expandClocks(doc: Doc | undefined): Clocks {
  const c = storedClocks(doc);
  if (!c) return {};
  const out: Clocks = {};
  for (const k of Object.keys(c)) if (k !== DEFAULT_CLOCK && listed(c, k)) out[k] = c[k]!;
  const star = listed(c, DEFAULT_CLOCK) ? c[DEFAULT_CLOCK] : undefined;
  if (star !== undefined) {
    for (const k of Object.keys(doc!)) if (!listed(out, k) && isClockedField(k) && doc![k] !== undefined) out[k] = star;
  }
  return out;
}

/**
 * The canonical compact form of `full` (every clock by name) for a document with `doc`'s values:
 * `*` is the clock shared by the most valued fields (at least two; on a tie the later clock),
 * every other clock is listed by name, keys in sorted order. Canonical, because RxDB compares
 * states (conflict.ts, `sameState`) and every replica must write a merge byte for byte the same.
 * `expandClocks({ ...doc, fieldClocks: compactClocks(doc, full) })` gives `full` back.
 */
export function compactClocks(doc: Doc, full: Readonly<Clocks>): Clocks {
  const counts = new Map<string, number>();
  let allClocked = true;
  for (const k of Object.keys(doc)) {
    if (!isClockedField(k) || doc[k] === undefined) continue;
    const clock = listed(full, k) ? full[k]! : undefined;
    if (clock === undefined) {
      allClocked = false;
      break;
    }
    counts.set(clock, (counts.get(clock) ?? 0) + 1);
  }
  let star: string | undefined;
  let most = 1;
  if (allClocked) {
    for (const [clock, n] of counts) {
      if (n > most || (n === most && star !== undefined && compareHlc(clock, star) > 0)) {
        star = clock;
        most = n;
      }
    }
  }
  // Only the keys listed by name are sorted: after a creation or an import, one or two.
  const named: string[] = [];
  for (const k of Object.keys(full)) {
    if (k === DEFAULT_CLOCK || !listed(full, k)) continue;
    if (star !== undefined && full[k] === star && isClockedField(k) && doc[k] !== undefined) continue;
    named.push(k);
  }
  const out: Clocks = {};
  if (star !== undefined) out[DEFAULT_CLOCK] = star;
  for (const k of named.sort()) out[k] = full[k]!;
  return out;
}
