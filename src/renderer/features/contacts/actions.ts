import {
  contactId,
  contactSchema,
  ORGANISATION_TYPE,
  organisationSchema,
  validate,
  CONTACT_TYPE,
  type Contact,
  type ContactStatus,
  type Organisation,
  type OrganisationKind,
} from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';

const suffix = () => newId().replace(/-/g, '').slice(0, 16);

export type OrganisationInput = { name: string; kind: OrganisationKind; place: string };

export function buildOrganisation(input: OrganisationInput, region: string, user: string): Organisation {
  const now = new Date().toISOString();
  return {
    id: `org-${suffix()}`,
    type: ORGANISATION_TYPE,
    name: input.name.trim(),
    kind: input.kind,
    ...(input.place.trim() ? { place: input.place.trim() } : {}),
    region,
    createdAt: now,
    createdBy: user,
    updatedAt: now,
    updatedBy: user,
  };
}

/** Field errors of an organisation entered by hand, or null. */
export function checkOrganisation(input: OrganisationInput, region: string, user: string): Record<string, string> | null {
  const r = validate(organisationSchema, buildOrganisation(input, region, user));
  return r.ok ? null : r.errors;
}

export async function addOrganisation(db: RegiodeskDatabase, input: OrganisationInput, region: string, user: string): Promise<Organisation> {
  const org = buildOrganisation(input, region, user);
  const r = validate(organisationSchema, org);
  if (!r.ok) throw new Error(r.reason);
  await db.organisations.insert(r.value);
  return r.value;
}

export async function addContact(
  db: RegiodeskDatabase,
  input: { candidateId: string; organisation: Organisation; status: ContactStatus; date: string; region: string },
  user: string,
): Promise<Contact> {
  const now = new Date().toISOString();
  const contact: Contact = {
    id: contactId(input.candidateId, suffix()),
    type: CONTACT_TYPE,
    candidateId: input.candidateId,
    organisationId: input.organisation.id,
    organisationName: input.organisation.name,
    region: input.region,
    status: input.status,
    date: input.date,
    createdAt: now,
    createdBy: user,
    updatedAt: now,
    updatedBy: user,
  };
  const r = validate(contactSchema, contact);
  if (!r.ok) throw new Error(r.reason);
  await db.contacts.insert(r.value);
  return r.value;
}

export async function updateContact(db: RegiodeskDatabase, id: string, patch: Partial<Pick<Contact, 'status' | 'date'>>, user: string): Promise<void> {
  const doc = await db.contacts.findOne(id).exec();
  if (!doc) return;
  const now = new Date().toISOString();
  await doc.incrementalModify((c) => ({ ...(c as Contact), ...patch, updatedAt: now, updatedBy: user }));
}
