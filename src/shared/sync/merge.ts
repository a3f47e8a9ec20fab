/**
 * Three-way merge of two versions of one document that diverged from a common base (the state
 * both last agreed on). Fields changed on one side only take that side's value, so two people
 * editing different fields of the same candidate both keep their work. Where both changed a
 * field: lists merge as sets (additions from both kept, a removal kept when the other side did
 * not re-add), objects merge field by field, and plain values go to the later `updatedAt`, with
 * a deterministic tie-break so every replica reaches the same result.
 */
type Doc = Record<string, unknown>;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a as Doc).filter((k) => (a as Doc)[k] !== undefined);
  const kb = Object.keys(b as Doc).filter((k) => (b as Doc)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Doc)[k], (b as Doc)[k]));
}

function isPlainObject(x: unknown): x is Doc {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function mergeSets(base: unknown[] | undefined, local: unknown[], remote: unknown[]): unknown[] {
  const has = (xs: unknown[] | undefined, x: unknown) => !!xs && xs.some((y) => deepEqual(x, y));
  const out: unknown[] = [];
  for (const x of [...local, ...remote]) {
    if (has(out, x)) continue;
    const inBoth = has(local, x) && has(remote, x);
    const added = !has(base, x);
    if (inBoth || added) out.push(x);
  }
  // Sorted so that the result does not depend on which side is local: replicas converge.
  return out.sort(stableCompare);
}

/** Orders two values deterministically (for ties); same inputs give the same winner anywhere. */
function stableCompare(a: unknown, b: unknown): number {
  const sa = JSON.stringify(a) ?? '';
  const sb = JSON.stringify(b) ?? '';
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function mergeValue(base: unknown, local: unknown, remote: unknown, localIsNewer: boolean | null): unknown {
  if (deepEqual(local, remote)) return local;
  if (base !== undefined || local === undefined || remote === undefined) {
    if (deepEqual(local, base)) return remote;
    if (deepEqual(remote, base)) return local;
  }
  if (Array.isArray(local) && Array.isArray(remote)) {
    return mergeSets(Array.isArray(base) ? base : undefined, local, remote);
  }
  if (isPlainObject(local) && isPlainObject(remote)) {
    return mergeFields(isPlainObject(base) ? base : undefined, local, remote, localIsNewer);
  }
  if (localIsNewer === null) return stableCompare(local, remote) >= 0 ? local : remote;
  return localIsNewer ? local : remote;
}

function mergeFields(base: Doc | undefined, local: Doc, remote: Doc, localIsNewer: boolean | null): Doc {
  const out: Doc = {};
  const keys = new Set([...Object.keys(local), ...Object.keys(remote)]);
  for (const k of keys) {
    const v = mergeValue(base?.[k], local[k], remote[k], localIsNewer);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export function mergeDocuments<T extends Doc>(base: T | undefined, local: T, remote: T): T {
  const lu = typeof local.updatedAt === 'string' ? local.updatedAt : '';
  const ru = typeof remote.updatedAt === 'string' ? remote.updatedAt : '';
  const localIsNewer = lu === ru ? null : lu > ru;
  const merged = mergeFields(base, local, remote, localIsNewer);
  // The audit pair follows the newest edit, whatever the field-level outcome.
  if (lu || ru) {
    const newer = localIsNewer === null ? (stableCompare(local, remote) >= 0 ? local : remote) : localIsNewer ? local : remote;
    merged.updatedAt = newer.updatedAt;
    if (newer.updatedBy !== undefined) merged.updatedBy = newer.updatedBy;
  }
  return merged as T;
}
