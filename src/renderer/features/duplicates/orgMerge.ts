import { isReferenceOrganisation, organisationSchema, regionNoteId, validate, type Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';
import { saveRegionNote } from '../network/regionNote';
import { mergeFields, type FieldChoice } from './fieldMerge';
import { fieldsChanged, type OrgMergeUndo, type RecordChange } from './orgMergeUndo';

/** The organisation fields chosen one by one when merging; the rest (id, region, source, dates) follow the kept record. */
export const ORG_MERGE_FIELDS = [
  'name', 'kind', 'brin', 'vestiging', 'bevoegdGezag', 'programmeCode', 'parentId', 'sectors', 'level', 'denomination',
  'street', 'postcode', 'place', 'website', 'phone', 'note',
] as const satisfies readonly (keyof Organisation)[];
export type OrgMergeField = (typeof ORG_MERGE_FIELDS)[number];
export type OrgMergeChoice = FieldChoice<OrgMergeField>;

export interface OrgMergeResult {
  /** People, school contacts, vacancies, related organisations and activities re-pointed to the kept organisation. */
  moved: number;
  removed: number;
  /** What the merge changed, for `undoOrganisationMerge`. */
  undo: OrgMergeUndo;
}

type Doc = { toJSON: () => unknown; incrementalModify: (f: (d: never) => unknown) => Promise<unknown>; remove: () => Promise<unknown> };

/**
 * Merges the region's own duplicate organisations into the kept one. Everything that names a
 * removed organisation moves to the kept one: people (`organisationIds`), school contacts and
 * vacancies (`organisationId` and the copied name), related organisations (`parentId`) and
 * activities that name it as partner or place (free text, so the name is replaced). The chosen
 * values go to the kept organisation if it is the region's own; a reference organisation cannot
 * be changed by a region, so then only links move and the removed ones' notes become the region's
 * note about it. Reference organisations in the group are never removed. The kept record is
 * validated before anything is written, so a bad choice changes nothing.
 */
export async function mergeOrganisations(db: RegiodeskDatabase, keepId: string, groupIds: readonly string[], choice: OrgMergeChoice, region: string, user: string): Promise<OrgMergeResult> {
  const docs = await db.organisations.findByIds([keepId, ...groupIds]).exec();
  const keepDoc = docs.get(keepId);
  if (!keepDoc) throw new Error(`organisation ${keepId} not found`);
  const keep = keepDoc.toJSON() as Organisation;
  // Only the region's own organisations can go; reference ones in the group stay as they are.
  const removed = groupIds.filter((id) => id !== keepId).map((id) => docs.get(id)?.toJSON() as Organisation | undefined)
    .filter((o): o is Organisation => !!o && !isReferenceOrganisation(o) && o.region === region);
  const now = new Date().toISOString();
  const keepIsReference = isReferenceOrganisation(keep);
  let merged: Organisation | null = null;
  if (!keepIsReference) {
    const candidate = { ...mergeFields(keep, removed, ORG_MERGE_FIELDS, choice), createdAt: [keep, ...removed].map((o) => o.createdAt).sort()[0]!, updatedAt: now, updatedBy: user };
    // A merged record must not become its own board.
    if (candidate.parentId === keep.id || removed.some((o) => o.id === candidate.parentId)) delete candidate.parentId;
    const checked = validate(organisationSchema, candidate);
    if (!checked.ok) throw new Error(Object.entries(checked.errors).map(([f, m]) => `${f}: ${m}`).join('; '));
    merged = checked.value;
  }
  const finalName = merged?.name ?? keep.name;
  const goneIds = new Set(removed.map((o) => o.id));
  let moved = 0;
  const changes: RecordChange[] = [];
  const modify = async (collection: RecordChange['collection'], doc: Doc, change: (d: Record<string, unknown>) => Record<string, unknown>) => {
    const id = String((doc.toJSON() as { id: string }).id);
    // Recorded from the last run of the modifier (RxDB re-runs it on a conflict), so undo knows what it wrote.
    let record: RecordChange | null = null;
    await doc.incrementalModify(((d: Record<string, unknown>) => {
      const next = change(d);
      record = { collection, id, ...fieldsChanged(d, next) };
      return { ...next, updatedAt: now, updatedBy: user };
    }) as never);
    if (record) changes.push(record);
    markLocalChange(id);
    moved++;
  };

  for (const o of removed) {
    for (const p of (await db.people.find({ selector: { organisationIds: { $elemMatch: { $eq: o.id } } } }).exec()) as unknown as Doc[]) {
      await modify('people', p, (d) => ({ ...d, organisationIds: [...new Set((d.organisationIds as string[]).map((x) => (goneIds.has(x) ? keep.id : x)))] }));
    }
    for (const c of (await db.contacts.find({ selector: { organisationId: o.id } }).exec()) as unknown as Doc[]) {
      await modify('contacts', c, (d) => ({ ...d, organisationId: keep.id, organisationName: finalName }));
    }
    for (const v of (await db.vacancies.find({ selector: { organisationId: o.id } }).exec()) as unknown as Doc[]) {
      await modify('vacancies', v, (d) => ({ ...d, organisationId: keep.id, organisationName: finalName }));
    }
    for (const r of (await db.organisations.find({ selector: { parentId: o.id } }).exec()) as unknown as Doc[]) {
      if (goneIds.has(String((r.toJSON() as Organisation).id)) || isReferenceOrganisation(r.toJSON() as Organisation)) continue;
      await modify('organisations', r, (d) => ({ ...d, parentId: keep.id }));
    }
  }
  // Activities name partners in free text: the removed organisations' names become the kept one's.
  const renamed = removed.map((o) => o.name).filter((n) => n !== finalName && n.trim());
  if (renamed.length) {
    for (const a of (await db.activities.find({ selector: { region } }).exec()) as unknown as Doc[]) {
      const act = a.toJSON() as { partners?: string; place?: string };
      const swap = (s: string | undefined) => (s === undefined ? s : renamed.reduce((t, n) => t.split(n).join(finalName), s));
      if (swap(act.partners) === act.partners && swap(act.place) === act.place) continue;
      await modify('activities', a, (d) => ({ ...d, ...(act.partners !== undefined ? { partners: swap(act.partners) } : {}), ...(act.place !== undefined ? { place: swap(act.place) } : {}) }));
    }
  }

  const undo: OrgMergeUndo = { region, keepId: keep.id, removed, changes };
  if (merged) {
    undo.keep = fieldsChanged(keep as unknown as Record<string, unknown>, merged as unknown as Record<string, unknown>);
    await keepDoc.incrementalModify(() => merged);
    markLocalChange(keep.id);
  } else {
    // The removed organisations' own notes are kept as the region's note about the reference organisation.
    const current = (await db.organisations.findOne(regionNoteId(region, keep.id)).exec())?.note ?? '';
    const notes = [current, ...removed.map((o) => o.note ?? '')].map((n) => n.trim()).filter(Boolean);
    const text = [...new Set(notes)].join('\n\n').slice(0, 2000);
    if (text !== current) {
      undo.regionNote = { before: current, after: text };
      const errs = await saveRegionNote(db, keep, region, user, text);
      if (errs) throw new Error(`note: ${errs.note}`);
    }
  }
  for (const o of removed) {
    await docs.get(o.id)!.remove();
    markLocalChange(o.id);
  }
  return { moved, removed: removed.length, undo };
}
