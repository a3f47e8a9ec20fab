import { giveConsent } from '../consent';
import { candidateSchema, newCandidate, type Candidate } from '../domain/candidate';
import { validate, type FieldErrors } from '../domain/validation';
import { CONSENT_YES, INTAKE_FIELDS, INTAKE_HONEYPOT, INTAKE_LIST_FIELDS, INTAKE_MAX_FIELD, INTAKE_TEXT_FIELDS, INTAKE_USER } from './fields';

export interface IntakeContext {
  /** The new candidate's id (the server makes it). */
  id: string;
  region: string;
  /** ISO date-time of receipt. */
  now: string;
}

export type IntakeResult =
  | { ok: true; candidate: Candidate; ignored: string[] }
  | { ok: true; honeypot: true }
  | { ok: false; errors: FieldErrors; reason: string };

/** Maps the form's field names onto the candidate's where they differ. */
const CANDIDATE_FIELD: Record<string, string> = { message: 'motivation', consentVersion: 'consent.version', consent: 'consent.given' };

function fail(errors: FieldErrors): IntakeResult {
  return { ok: false, errors, reason: Object.entries(errors).map(([f, m]) => `${f}: ${m}`).join('; ') };
}

/** A list field arrives as a JSON array, repeated form keys, or one comma-separated string. */
function toList(v: unknown): string[] | null {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : null;
  if (!items || items.length > 100) return null;
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' || item.length > 100) return null;
    const code = item.trim().toLowerCase();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

/**
 * Turns one website submission (already parsed from JSON or a form) into a candidate of the
 * region, phase `nieuw`, source `website`, or field errors named after the public fields.
 * Pure: the server validates with it, tests fuzz it.
 */
export function intakeToCandidate(body: unknown, ctx: IntakeContext): IntakeResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail({ '(body)': 'invalidType' });
  const raw = body as Record<string, unknown>;
  const hp = raw[INTAKE_HONEYPOT];
  if (hp !== undefined && hp !== '' && hp !== null) return { ok: true, honeypot: true };

  const errors: FieldErrors = {};
  const text: Record<string, string> = {};
  for (const f of INTAKE_TEXT_FIELDS) {
    const v = raw[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') errors[f] = 'invalidType';
    else if (v.length > INTAKE_MAX_FIELD) errors[f] = 'tooLong';
    else text[f] = v;
  }
  const lists: Record<string, string[]> = {};
  for (const f of INTAKE_LIST_FIELDS) {
    const v = raw[f];
    if (v === undefined || v === null || v === '') continue;
    const list = toList(v);
    if (list === null) errors[f] = 'invalidType';
    else lists[f] = list;
  }
  for (const f of ['firstName', 'lastName'] as const) if (!errors[f] && !text[f]?.trim()) errors[f] = 'required';
  if (!CONSENT_YES.includes(raw.consent)) errors.consent = 'consentRequired';
  if (!text.consentVersion?.trim()) errors.consentVersion ??= 'required';
  if (Object.keys(errors).length > 0) return fail(errors);

  const candidate = newCandidate(
    {
      firstName: text.firstName ?? '',
      lastName: text.lastName ?? '',
      ...(text.email !== undefined ? { email: text.email } : {}),
      ...(text.phone !== undefined ? { phone: text.phone } : {}),
      ...(text.postcode !== undefined ? { postcode: text.postcode } : {}),
      ...(text.place !== undefined ? { place: text.place } : {}),
      ...(text.message !== undefined ? { motivation: text.message.trim() } : {}),
      sectors: (lists.sectors ?? []) as Candidate['sectors'],
      functions: (lists.functions ?? []) as Candidate['functions'],
      subjects: (lists.subjects ?? []) as Candidate['subjects'],
      phase: 'nieuw',
      source: 'website',
      // The version comes from the site's snippet: an older embedded form records its own text.
      consent: giveConsent('website', ctx.now, text.consentVersion!.trim()),
      regions: [ctx.region],
      ownerRegion: ctx.region,
      owner: INTAKE_USER,
    },
    { id: ctx.id, user: INTAKE_USER, now: ctx.now },
  );
  const checked = validate(candidateSchema, candidate);
  if (!checked.ok) {
    const named: FieldErrors = {};
    for (const [field, key] of Object.entries(checked.errors)) {
      const top = field.split('.')[0]!;
      const publicName = Object.entries(CANDIDATE_FIELD).find(([, c]) => c === field)?.[0] ?? top.replace('motivation', 'message');
      named[publicName] ??= key;
    }
    return fail(named);
  }
  const ignored = Object.keys(raw).filter((k) => !(INTAKE_FIELDS as readonly string[]).includes(k) && k !== INTAKE_HONEYPOT);
  return { ok: true, candidate: checked.value, ignored };
}

/**
 * Parses an `application/x-www-form-urlencoded` body; a key given more than once (checkboxes)
 * becomes a list.
 */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[k] = [prev, v];
  }
  return out;
}
