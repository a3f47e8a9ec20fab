import { PERSON_TYPE, personSchema, validate, type Person } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';

export type PersonInput = { name: string; role: string; email: string; phone: string };

export const EMPTY_PERSON: PersonInput = { name: '', role: '', email: '', phone: '' };

/** A person of `region` at `organisationIds` from the form's input (empty fields left out). */
export function buildPerson(input: PersonInput, ctx: { region: string; user: string; organisationIds: string[] }, old?: Person): Person {
  const now = new Date().toISOString();
  const opt = (k: 'role' | 'email' | 'phone') => (input[k].trim() ? { [k]: k === 'email' ? input[k].trim().toLowerCase() : input[k].trim() } : {});
  const { role: _r, email: _e, phone: _p, ...keep } = old ?? ({} as Partial<Person>);
  return {
    ...keep,
    id: old?.id ?? `person-${newId().replace(/-/g, '').slice(0, 16)}`,
    type: PERSON_TYPE,
    name: input.name.trim(),
    ...opt('role'),
    ...opt('email'),
    ...opt('phone'),
    organisationIds: old?.organisationIds ?? ctx.organisationIds,
    region: old?.region ?? ctx.region,
    createdAt: old?.createdAt ?? now,
    createdBy: old?.createdBy ?? ctx.user,
    updatedAt: now,
    updatedBy: ctx.user,
  } as Person;
}

/** Saves a new or edited person; field errors (i18n keys) when the input is not valid, nothing written then. */
export async function savePerson(
  db: RegiodeskDatabase,
  input: PersonInput,
  ctx: { region: string; user: string; organisationIds: string[] },
  old?: Person,
): Promise<{ ok: true; person: Person } | { ok: false; errors: Record<string, string> }> {
  const r = validate(personSchema, buildPerson(input, ctx, old));
  if (!r.ok) return { ok: false, errors: r.errors };
  await db.people.upsert(r.value);
  return { ok: true, person: r.value };
}

export function inputOf(p: Person): PersonInput {
  return { name: p.name, role: p.role ?? '', email: p.email ?? '', phone: p.phone ?? '' };
}
