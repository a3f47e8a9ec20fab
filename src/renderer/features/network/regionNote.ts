import { isReferenceOrganisation, ORGANISATION_TYPE, organisationSchema, regionNoteId, validate, type Organisation } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { markLocalChange } from '../../sync/status';

/**
 * The region's note about an organisation. On its own organisation it is the organisation's
 * `note`; on a reference organisation (read-only, shared by every region) it is a small document
 * in the region's own database (`about`: the reference organisation's id), which replicates only
 * with that region, as every region document does.
 */
export function regionNoteOf(org: Organisation, region: string, all: readonly Organisation[]): { text: string; doc: Organisation | null } {
  if (!isReferenceOrganisation(org)) return { text: org.note ?? '', doc: org };
  const doc = all.find((o) => o.id === regionNoteId(region, org.id)) ?? null;
  return { text: doc?.note ?? '', doc };
}

/** Saves (or with an empty text removes) the region's note; returns the field errors, or null. */
export async function saveRegionNote(db: RegiodeskDatabase, org: Organisation, region: string, user: string, text: string): Promise<Record<string, string> | null> {
  const now = new Date().toISOString();
  const note = text.trim();
  if (!isReferenceOrganisation(org)) {
    const { note: _old, ...rest } = org;
    void _old;
    const r = validate(organisationSchema, { ...rest, ...(note ? { note } : {}), updatedAt: now, updatedBy: user });
    if (!r.ok) return { note: r.errors.note ?? Object.values(r.errors)[0] ?? 'invalid' };
    const doc = await db.organisations.findOne(org.id).exec();
    if (!doc) return { note: 'notFound' };
    await doc.incrementalModify(() => r.value);
    markLocalChange(org.id);
    return null;
  }
  const id = regionNoteId(region, org.id);
  const existing = await db.organisations.findOne(id).exec();
  if (!note) {
    if (existing) await existing.remove();
    markLocalChange(id);
    return null;
  }
  // Name and kind repeat the reference organisation's, so the document is a valid organisation.
  const r = validate(organisationSchema, {
    id,
    type: ORGANISATION_TYPE,
    name: org.name,
    kind: org.kind,
    source: 'region',
    about: org.id,
    note,
    region,
    createdAt: existing?.createdAt ?? now,
    createdBy: existing?.createdBy ?? user,
    updatedAt: now,
    updatedBy: user,
  });
  if (!r.ok) return { note: r.errors.note ?? Object.values(r.errors)[0] ?? 'invalid' };
  if (existing) await existing.incrementalModify(() => r.value);
  else await db.organisations.insert(r.value);
  markLocalChange(id);
  return null;
}
