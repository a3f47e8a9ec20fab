import { candidateSchema, mergeCandidates, repointChildId, validate, type Candidate, type MergeChoice } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';
import { fieldsChanged } from './fieldRevert';
import type { CandidateMergeUndo, ChildCollection, MovedChild } from './candidateMergeUndo';

/** The collections whose documents belong to a candidate (id `<candidateId>:<tag>:…`, field `candidateId`). */
const CHILD_COLLECTIONS: readonly ChildCollection[] = ['notes', 'tasks', 'contacts', 'registrations', 'referrals'];

/** A document's own fields, without RxDB's bookkeeping. */
export function ownFields(data: Record<string, unknown>): Record<string, unknown> {
  const { _meta, _rev, _attachments, _deleted, ...rest } = data;
  void _meta, void _rev, void _attachments, void _deleted;
  return rest;
}

/**
 * Merges duplicates into the kept candidate: the chosen values are written to it, every note,
 * task, contact, registration and referral of the others is moved to it (a new id under the kept
 * candidate, as ids begin with the candidate's), and the others are deleted. The surviving record
 * is validated first, so a bad choice changes nothing. Returns what the undo needs.
 */
export async function mergeInto(db: RegiodeskDatabase, keepId: string, otherIds: readonly string[], choice: MergeChoice, user: string): Promise<{ moved: number; undo: CandidateMergeUndo }> {
  const keepDoc = await db.candidates.findOne(keepId).exec();
  if (!keepDoc) throw new Error(`candidate ${keepId} not found`);
  const others = (await db.candidates.findByIds([...otherIds]).exec()).values();
  const otherDocs = [...others];
  const now = new Date().toISOString();
  const merged = mergeCandidates(keepDoc.toJSON() as Candidate, otherDocs.map((d) => d.toJSON() as Candidate), choice, user, now);
  const checked = validate(candidateSchema, merged);
  if (!checked.ok) throw new Error(checked.reason);

  const keepBefore = ownFields(keepDoc.toJSON() as Record<string, unknown>);
  const movedChildren: MovedChild[] = [];
  let moved = 0;
  for (const other of otherDocs) {
    for (const name of CHILD_COLLECTIONS) {
      const collection = db.collections[name] as unknown as {
        find: (q: object) => { exec: () => Promise<{ toJSON: () => Record<string, unknown>; remove: () => Promise<unknown> }[]> };
        findOne: (id: string) => { exec: () => Promise<unknown> };
        insert: (doc: Record<string, unknown>) => Promise<unknown>;
      };
      const children = await collection.find({ selector: { candidateId: other.id } }).exec();
      for (const child of children) {
        const data = ownFields(child.toJSON());
        const newIdValue = repointChildId(String(data.id), other.id, keepId);
        // Both registered for the same activity: the kept candidate's registration stays.
        const taken = !!(await collection.findOne(newIdValue).exec());
        if (!taken) {
          await collection.insert({ ...data, id: newIdValue, candidateId: keepId });
          moved++;
        }
        movedChildren.push({ collection: name, original: data, movedId: taken ? null : newIdValue });
        await child.remove();
      }
    }
  }
  await keepDoc.incrementalModify(() => checked.value);
  markLocalChange(keepId);
  const removed = otherDocs.map((d) => ownFields(d.toJSON() as Record<string, unknown>) as unknown as Candidate);
  for (const other of otherDocs) {
    await other.remove();
    markLocalChange(other.id);
  }
  return { moved, undo: { keepId, removed, keep: fieldsChanged(keepBefore, ownFields(checked.value as unknown as Record<string, unknown>)), children: movedChildren } };
}
