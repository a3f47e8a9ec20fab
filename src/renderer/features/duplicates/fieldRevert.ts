/*
 * Undo of a merge, field by field: what a write changed on a record, and the patch that puts a
 * field back only while it still holds what the merge wrote, so edits made since are kept.
 */

/** The fields one write changed on one record: their values before and after (undefined: absent). */
export interface FieldChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

// Bookkeeping that every write sets anew (field clocks are stamped by the sync hooks): never a
// reason to keep or revert a field.
const IGNORED = new Set(['updatedAt', 'updatedBy', 'fieldClocks']);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields (besides bookkeeping and RxDB's own) whose value differs between two versions. */
export function fieldsChanged(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange {
  const out: FieldChange = { before: {}, after: {} };
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (IGNORED.has(k) || k.startsWith('_') || same(before[k], after[k])) continue;
    out.before[k] = before[k];
    out.after[k] = after[k];
  }
  return out;
}

/**
 * A person's organisations after undo: if she is still linked to the kept organisation, that link
 * becomes the removed ones she had again (plus the kept one if she had it before). Links added or
 * removed since the merge stay as they are.
 */
function revertOrganisationIds(current: string[], before: string[], keepId: string, goneIds: ReadonlySet<string>): string[] {
  if (!current.includes(keepId)) return current;
  const back = before.filter((id) => goneIds.has(id) || id === keepId);
  const out = current.flatMap((id) => (id === keepId ? back : [id]));
  return [...new Set(out)];
}

/**
 * What a field returns to on undo: its value before the merge, but only while it still holds what
 * the merge wrote. Returns the patch of fields to set (undefined: remove the field).
 */
export function revertPatch(current: Record<string, unknown>, change: FieldChange, keepId: string, goneIds: ReadonlySet<string>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [k, after] of Object.entries(change.after)) {
    const before = change.before[k];
    if (k === 'organisationIds' && Array.isArray(current[k]) && Array.isArray(before)) {
      const next = revertOrganisationIds(current[k] as string[], before as string[], keepId, goneIds);
      if (!same(next, current[k])) patch[k] = next;
    } else if (same(current[k], after)) {
      patch[k] = before;
    }
  }
  return patch;
}

export function applyPatch(d: Record<string, unknown>, patch: Record<string, unknown>, now: string, user: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d, ...patch, updatedAt: now, updatedBy: user };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out;
}
