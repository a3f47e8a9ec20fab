import { candidateSchema, validate, type Candidate } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';
import { applyPatch, revertPatch, type FieldChange } from './fieldRevert';

export type ChildCollection = 'notes' | 'tasks' | 'contacts' | 'registrations' | 'referrals';

/** A note, task, contact, registration or referral of a removed duplicate, as it was. */
export interface MovedChild {
  collection: ChildCollection;
  original: Record<string, unknown>;
  /** Its id under the kept candidate; null when the kept one had it already (same activity). */
  movedId: string | null;
}

/** Everything a candidate merge changed, so that it can be undone. */
export interface CandidateMergeUndo {
  keepId: string;
  /** The removed duplicates as they were. */
  removed: Candidate[];
  /** The kept candidate's fields the merge chose. */
  keep: FieldChange;
  children: MovedChild[];
}

export interface CandidateUndoResult {
  restored: number;
  /** Notes, tasks, contacts, registrations and referrals back with their own candidate. */
  movedBack: number;
  /** True when fields of the kept candidate were edited since and left as they are. */
  keptEdits: boolean;
}

type Doc = { toJSON: () => Record<string, unknown>; remove: () => Promise<unknown>; incrementalModify: (f: (d: never) => unknown) => Promise<unknown> };
type Collection = { findOne: (id: string) => { exec: () => Promise<Doc | null> }; insert: (d: Record<string, unknown>) => Promise<unknown> };

/**
 * Undoes a candidate merge: the removed duplicates come back as they were, their notes, tasks,
 * contacts, registrations and referrals go back to them (with what was written on them since the
 * merge), and the kept candidate's merged fields return to their old values unless edited since.
 * Each step checks what is there, so an undo that failed half-way can be run again.
 */
export async function undoCandidateMerge(db: RegiodeskDatabase, undo: CandidateMergeUndo, user: string): Promise<CandidateUndoResult> {
  const now = new Date().toISOString();
  const result: CandidateUndoResult = { restored: 0, movedBack: 0, keptEdits: false };

  // First the candidates, so that no child points to a missing one in between.
  for (const c of undo.removed) {
    if (await db.candidates.findOne(c.id).exec()) continue;
    const checked = validate(candidateSchema, { ...c, updatedAt: now, updatedBy: user });
    if (!checked.ok) throw new Error(`${c.id}: ${checked.reason}`);
    await db.candidates.insert(checked.value);
    markLocalChange(c.id);
    result.restored++;
  }

  for (const child of undo.children) {
    const collection = db.collections[child.collection] as unknown as Collection;
    const id = String(child.original.id);
    const movedDoc = child.movedId ? await collection.findOne(child.movedId).exec() : null;
    if (!(await collection.findOne(id).exec())) {
      // What was written on the moved copy since the merge (a ticked-off task, an edited note) stays.
      const current = movedDoc ? movedDoc.toJSON() : child.original;
      const { _meta, _rev, _attachments, _deleted, ...own } = current;
      void _meta, void _rev, void _attachments, void _deleted;
      await collection.insert({ ...own, id, candidateId: child.original.candidateId });
      markLocalChange(id);
      result.movedBack++;
    }
    if (movedDoc) {
      await movedDoc.remove();
      markLocalChange(child.movedId!);
    }
  }

  const keepDoc = await db.candidates.findOne(undo.keepId).exec();
  if (keepDoc && Object.keys(undo.keep.after).length > 0) {
    const current = keepDoc.toJSON() as unknown as Record<string, unknown>;
    const patch = revertPatch(current, undo.keep, undo.keepId, new Set());
    // Edited since: neither what the merge wrote nor what was there before (a second undo finds the latter).
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    result.keptEdits = Object.keys(undo.keep.after).some((k) => !(k in patch) && !same(current[k], undo.keep.before[k]));
    if (Object.keys(patch).length > 0) {
      const next = applyPatch(keepDoc.toJSON() as unknown as Record<string, unknown>, patch, now, user);
      const checked = validate(candidateSchema, next);
      if (!checked.ok) throw new Error(`${undo.keepId}: ${checked.reason}`);
      await keepDoc.incrementalModify(() => checked.value);
      markLocalChange(undo.keepId);
    }
  }
  return result;
}
