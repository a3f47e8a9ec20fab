import { isReferenceOrganisation, organisationSchema, regionNoteId, validate, type Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';
import { saveRegionNote } from '../network/regionNote';
import { applyPatch, revertPatch, type FieldChange } from './fieldRevert';

export { fieldsChanged, type FieldChange } from './fieldRevert';

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
