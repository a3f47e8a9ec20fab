import {
  CURRENT_CONSENT_VERSION,
  giveConsent,
  normalizeCandidate,
  newCandidate,
  withPhase,
  type Candidate,
  type CandidateInput,
  type FieldErrors,
} from '../../../shared';

/** What the intake form edits: strings as typed, code lists, and the consent tick. */
export interface CandidateFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  postcode: string;
  place: string;
  address: string;
  dateOfBirth: string;
  phase: string;
  sectors: string[];
  functions: string[];
  subjects: string[];
  currentProfession: string;
  educationLevel: string;
  preferredRoute: string;
  source: string;
  motivation: string;
  consentGiven: boolean;
}

export type FormField = keyof CandidateFormValues;

/** Form order: the first invalid field in this order gets the focus. */
export const FORM_FIELDS: readonly FormField[] = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'postcode',
  'place',
  'address',
  'dateOfBirth',
  'phase',
  'sectors',
  'functions',
  'subjects',
  'currentProfession',
  'educationLevel',
  'preferredRoute',
  'source',
  'motivation',
  'consentGiven',
];

const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'postcode',
  'place',
  'address',
  'dateOfBirth',
  'currentProfession',
  'motivation',
] as const;
const CHOICE_FIELDS = ['phase', 'educationLevel', 'preferredRoute', 'source'] as const;
const LIST_FIELDS = ['sectors', 'functions', 'subjects'] as const;

export function emptyForm(): CandidateFormValues {
  return {
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    postcode: '',
    place: '',
    address: '',
    dateOfBirth: '',
    phase: 'nieuw',
    sectors: [],
    functions: [],
    subjects: [],
    currentProfession: '',
    educationLevel: '',
    preferredRoute: '',
    source: 'manual',
    motivation: '',
    consentGiven: false,
  };
}

export function formFromCandidate(c: Candidate): CandidateFormValues {
  const f = emptyForm();
  for (const k of TEXT_FIELDS) f[k] = (c[k] as string | undefined) ?? '';
  for (const k of CHOICE_FIELDS) f[k] = (c[k] as string | undefined) ?? '';
  for (const k of LIST_FIELDS) f[k] = [...c[k]];
  f.consentGiven = c.consent.given;
  return f;
}

/** Coerces anything (e.g. a stored draft from an older version) into form values. */
export function coerceForm(raw: unknown): CandidateFormValues {
  const f = emptyForm();
  if (!raw || typeof raw !== 'object') return f;
  const r = raw as Record<string, unknown>;
  for (const k of [...TEXT_FIELDS, ...CHOICE_FIELDS]) if (typeof r[k] === 'string') f[k] = r[k] as string;
  for (const k of LIST_FIELDS) if (Array.isArray(r[k])) f[k] = (r[k] as unknown[]).filter((x): x is string => typeof x === 'string');
  f.consentGiven = r.consentGiven === true;
  return f;
}

export function sameForm(a: CandidateFormValues, b: CandidateFormValues): boolean {
  return FORM_FIELDS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

export interface ConsentContext {
  /** The purpose text shown next to the checkbox, stored with the consent. */
  purpose: string;
  /** Today's date, yyyy-mm-dd. */
  today: string;
  version?: string;
}

export const CONSENT_VERSION = CURRENT_CONSENT_VERSION.form;

function consentFrom(v: CandidateFormValues, previous: Candidate['consent'] | undefined, ctx: ConsentContext): Candidate['consent'] {
  if (previous && previous.given === v.consentGiven) return previous;
  if (!v.consentGiven) return { given: false };
  return giveConsent('form', ctx.today, ctx.version ?? CONSENT_VERSION);
}

function inputFrom(v: CandidateFormValues): Partial<CandidateInput> {
  const input: Record<string, unknown> = {};
  for (const k of [...TEXT_FIELDS, ...CHOICE_FIELDS]) input[k] = v[k];
  for (const k of LIST_FIELDS) input[k] = [...v[k]];
  return input as Partial<CandidateInput>;
}

export interface NewContext extends ConsentContext {
  id: string;
  user: string;
  now: string;
  region: string;
}

/** The candidate an intake form describes; validate it with candidateSchema before saving. */
export function candidateFromForm(v: CandidateFormValues, ctx: NewContext): Candidate {
  return newCandidate(
    {
      ...inputFrom(v),
      consent: consentFrom(v, undefined, ctx),
      owner: ctx.user,
      ownerRegion: ctx.region,
      regions: [ctx.region],
    },
    { id: ctx.id, user: ctx.user, now: ctx.now },
  );
}

export interface EditContext extends ConsentContext {
  user: string;
  now: string;
}

/**
 * An existing candidate with the form's values applied. Fields the form cleared are removed
 * (optional fields are absent, never empty strings); everything the form does not show stays.
 */
export function applyForm(existing: Candidate, v: CandidateFormValues, ctx: EditContext): Candidate {
  const kept: Record<string, unknown> = { ...existing };
  for (const k of [...TEXT_FIELDS, ...CHOICE_FIELDS, ...LIST_FIELDS]) delete kept[k];
  const edited = {
    ...kept,
    ...normalizeCandidate(inputFrom(v)),
    consent: consentFrom(v, existing.consent, ctx),
  } as Candidate;
  // The phase goes through withPhase so that every move lands in the phase history.
  return { ...withPhase({ ...edited, phase: existing.phase }, edited.phase, ctx.user, ctx.now), updatedAt: ctx.now, updatedBy: ctx.user };
}

/** One message key per form field, from the schema's per-path errors. */
export function formErrors(errors: FieldErrors, known: (key: string) => boolean, values: CandidateFormValues): Partial<Record<FormField, string>> {
  const out: Partial<Record<FormField, string>> = {};
  for (const [path, message] of Object.entries(errors)) {
    const head = path.split('.')[0] ?? path;
    const field: FormField | undefined =
      head === 'consent' ? 'consentGiven' : (FORM_FIELDS as readonly string[]).includes(head) ? (head as FormField) : undefined;
    if (!field || out[field]) continue;
    if (known(message)) out[field] = message;
    else {
      const value = values[field];
      const empty = value === '' || (Array.isArray(value) && value.length === 0);
      out[field] = empty ? 'required' : 'invalid';
    }
  }
  return out;
}

export function firstInvalid(errors: Partial<Record<FormField, string>>): FormField | undefined {
  return FORM_FIELDS.find((f) => errors[f]);
}
