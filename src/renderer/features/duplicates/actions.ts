import { candidateSchema, mergeCandidates, repointChildId, validate, type Candidate, type MergeChoice } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';

/** The collections whose documents belong to a candidate (id `<candidateId>:<tag>:…`, field `candidateId`). */
const CHILD_COLLECTIONS = ['notes', 'tasks', 'contacts', 'registrations', 'referrals'] as const;

/**
 * Merges duplicates into the kept candidate: the chosen values are written to it, every note,
 * task, contact, registration and referral of the others is moved to it (a new id under the kept
 * candidate, as ids begin with the candidate's), and the others are deleted. The surviving record
 * is validated first, so a bad choice changes nothing.
 */
export async function mergeInto(db: RegiodeskDatabase, keepId: string, otherIds: readonly string[], choice: MergeChoice, user: string): Promise<{ moved: number }> {
  const keepDoc = await db.candidates.findOne(keepId).exec();
  if (!keepDoc) throw new Error(`candidate ${keepId} not found`);
  const others = (await db.candidates.findByIds([...otherIds]).exec()).values();
  const otherDocs = [...others];
  const now = new Date().toISOString();
  const merged = mergeCandidates(keepDoc.toJSON() as Candidate, otherDocs.map((d) => d.toJSON() as Candidate), choice, user, now);
  const checked = validate(candidateSchema, merged);
  if (!checked.ok) throw new Error(checked.reason);

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
        const data = child.toJSON();
        const newIdValue = repointChildId(String(data.id), other.id, keepId);
        // Both registered for the same activity: the kept candidate's registration stays.
        if (!(await collection.findOne(newIdValue).exec())) {
          const { _meta, _rev, _attachments, _deleted, ...rest } = data as Record<string, unknown>;
          void _meta, void _rev, void _attachments, void _deleted;
          await collection.insert({ ...rest, id: newIdValue, candidateId: keepId });
          moved++;
        }
        await child.remove();
      }
    }
  }
  await keepDoc.incrementalModify(() => checked.value);
  markLocalChange(keepId);
  for (const other of otherDocs) {
    await other.remove();
    markLocalChange(other.id);
  }
  return { moved };
}
