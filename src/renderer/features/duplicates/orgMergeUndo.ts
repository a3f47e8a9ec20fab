import { isReferenceOrganisation, organisationSchema, regionNoteId, validate, type Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';
import { saveRegionNote } from '../network/regionNote';

/** The fields one write changed on one record: their values before and after (undefined: absent). */
export interface FieldChange {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface RecordChange extends FieldChange {
  collection: 'people' | 'contacts' | 'vacancies' | 'organisations' | 'activities';
  id: string;
}

/** Everything an organisation merge changed, so that it can be undone field by field. */
export interface OrgMergeUndo {
  region: string;
  keepId: string;
  /** The removed organisations as they were. */
  removed: Organisation[];
  /** The kept organisation's own fields the merge chose (only when it is the region's own). */
  keep?: FieldChange;
  /** The region's note about a kept reference organisation, when the merge added to it. */
  regionNote?: { before: string; after: string };
  /** Every re-pointed person, school contact, vacancy, related organisation and activity. */
  changes: RecordChange[];
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
function revertPatch(current: Record<string, unknown>, change: FieldChange, keepId: string, goneIds: ReadonlySet<string>): Record<string, unknown> {
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

function applyPatch(d: Record<string, unknown>, patch: Record<string, unknown>, now: string, user: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...d, ...patch, updatedAt: now, updatedBy: user };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out;
}

type Doc = { toJSON: () => unknown; incrementalModify: (f: (d: never) => unknown) => Promise<unknown> };
type Finder = { findOne: (id: string) => { exec: () => Promise<Doc | null> } };

export interface OrgUndoResult {
  restored: number;
  reverted: number;
  /** Records whose merged fields were all edited since: left as they are. */
  kept: number;
}

/**
 * Undoes an organisation merge: the removed organisations come back as they were, and every field
 * the merge wrote goes back to its old value, but only if it still holds the merged value, so an
 * edit made since (a renamed vacancy organisation, a person linked elsewhere) is not clobbered.
 */
export async function undoOrganisationMerge(db: RegiodeskDatabase, undo: OrgMergeUndo, user: string): Promise<OrgUndoResult> {
  const now = new Date().toISOString();
  const goneIds = new Set(undo.removed.map((o) => o.id));
  const result: OrgUndoResult = { restored: 0, reverted: 0, kept: 0 };

  // First the organisations, so that nothing points to a missing one in between.
  for (const o of undo.removed) {
    if (await db.organisations.findOne(o.id).exec()) continue; // somebody already brought it back
    const checked = validate(organisationSchema, { ...o, updatedAt: now, updatedBy: user });
    if (!checked.ok) throw new Error(`${o.id}: ${checked.reason}`);
    await db.organisations.insert(checked.value);
    markLocalChange(o.id);
    result.restored++;
  }

  const revert = async (doc: Doc, change: FieldChange) => {
    const patch = revertPatch(doc.toJSON() as Record<string, unknown>, change, undo.keepId, goneIds);
    if (Object.keys(patch).length === 0) {
      result.kept++;
      return;
    }
    await doc.incrementalModify(((d: Record<string, unknown>) => applyPatch(d, revertPatch(d, change, undo.keepId, goneIds), now, user)) as never);
    markLocalChange(String((doc.toJSON() as { id: string }).id));
    result.reverted++;
  };

  for (const c of undo.changes) {
    const doc = await (db[c.collection] as unknown as Finder).findOne(c.id).exec();
    if (doc) await revert(doc, c);
  }

  const keepDoc = await db.organisations.findOne(undo.keepId).exec();
  if (keepDoc && undo.keep) await revert(keepDoc as unknown as Doc, undo.keep);
  if (keepDoc && undo.regionNote && isReferenceOrganisation(keepDoc.toJSON() as Organisation)) {
    const noteDoc = await db.organisations.findOne(regionNoteId(undo.region, undo.keepId)).exec();
    const current = (noteDoc?.toJSON() as Organisation | undefined)?.note ?? '';
    if (current === undo.regionNote.after) {
      const errs = await saveRegionNote(db, keepDoc.toJSON() as Organisation, undo.region, user, undo.regionNote.before);
      if (errs) throw new Error(`note: ${errs.note}`);
      result.reverted++;
    } else result.kept++;
  }
  return result;
}
