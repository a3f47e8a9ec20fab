import { foldText } from '../views/normalize';

/**
 * The candidate fields a column of an import file can fill. `name` is a full name that is split
 * into first and last name (Airtable's `Naam`); `notes` become note documents, not a field.
 */
export const IMPORT_TARGETS = [
  'name', 'firstName', 'lastName', 'phase', 'sectors', 'functions', 'subjects', 'place', 'email', 'phone',
  'postcode', 'address', 'dateOfBirth', 'motivation', 'currentProfession', 'notes', 'consent', 'consentDate',
] as const;

export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** Column → target field (or null: ignored), by column index. */
export type ColumnMapping = (ImportTarget | null)[];

/**
 * Header names seen in the pilot's Airtable base and in spreadsheets people keep, Dutch and
 * English, compared after folding (case, accents, punctuation and spacing do not matter).
 */
const ALIASES: Record<ImportTarget, readonly string[]> = {
  name: ['naam', 'name', 'volledige naam', 'full name', 'kandidaat', 'candidate'],
  firstName: ['voornaam', 'first name', 'firstname', 'given name', 'roepnaam'],
  lastName: ['achternaam', 'last name', 'lastname', 'surname', 'family name', 'familienaam'],
  phase: ['fase', 'phase', 'status', 'stage', 'klantreis'],
  sectors: ['sector voorkeur', 'sectorvoorkeur', 'sector', 'sectoren', 'sectors', 'preferred sector', 'sector preference'],
  functions: ['functie voorkeur', 'functievoorkeur', 'functie', 'functies', 'function', 'functions', 'preferred function', 'role'],
  subjects: ['vakken', 'vak', 'subjects', 'subject', 'vakvoorkeur'],
  place: ['plaatsnaam', 'plaats', 'woonplaats', 'city', 'place', 'town'],
  email: ['e-mail', 'email', 'e-mailadres', 'emailadres', 'mail', 'email address'],
  phone: ['telefoon', 'telefoonnummer', 'tel', 'mobiel', 'phone', 'phone number', 'mobile'],
  postcode: ['postcode', 'postal code', 'zip', 'zip code', 'postcode nl'],
  address: ['adres', 'address', 'straat', 'street'],
  dateOfBirth: ['geboortedatum', 'date of birth', 'birth date', 'birthdate', 'dob'],
  motivation: ['motivatie', 'motivation'],
  currentProfession: ['huidig beroep', 'beroep', 'current profession', 'profession', 'occupation'],
  notes: ['notities', 'notitie', 'notes', 'note', 'opmerkingen'],
  consent: ['toestemming', 'consent', 'avg toestemming', 'toestemming avg', 'akkoord privacy'],
  consentDate: ['datum toestemming', 'toestemming datum', 'consent date'],
};

/** Folds a header for comparison: `E-mail ↓` and `email` meet. */
export function foldHeader(h: string): string {
  return foldText(h).replace(/[^a-z0-9]+/g, ' ').trim();
}

const BY_ALIAS = new Map<string, ImportTarget>();
for (const t of IMPORT_TARGETS) for (const a of ALIASES[t]) BY_ALIAS.set(foldHeader(a), t);

/** The target a header names, or null. */
export function targetOfHeader(header: string): ImportTarget | null {
  return BY_ALIAS.get(foldHeader(header)) ?? null;
}

/**
 * Maps each column to a target by its header; a target is taken once (the first column wins) so
 * two `E-mail` columns do not fight. A full `Naam` is dropped when first and last name columns exist.
 */
export function matchHeaders(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportTarget>();
  const out: ColumnMapping = headers.map((h) => {
    const t = targetOfHeader(h);
    if (!t || taken.has(t)) return null;
    taken.add(t);
    return t;
  });
  if (taken.has('firstName') && taken.has('lastName')) return out.map((t) => (t === 'name' ? null : t));
  return out;
}

/** Whether a mapping can make candidates at all: a name is required. */
export function mappingProblems(mapping: ColumnMapping): string[] {
  const has = new Set(mapping.filter((t): t is ImportTarget => t !== null));
  const problems: string[] = [];
  if (!has.has('name') && !(has.has('firstName') && has.has('lastName'))) problems.push('nameMissing');
  const seen = new Set<ImportTarget>();
  for (const t of mapping) {
    if (!t) continue;
    if (seen.has(t)) problems.push(`duplicateTarget:${t}`);
    seen.add(t);
  }
  return problems;
}
