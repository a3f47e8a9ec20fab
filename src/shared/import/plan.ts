import { CONSENT_PURPOSE, CURRENT_CONSENT_VERSION } from '../consent';
import { candidateSchema, newCandidate, type Candidate, type CandidateInput } from '../domain/candidate';
import { childIdOf, NOTE_TEXT_MAX, noteSchema, type Note } from '../domain/note';
import { validate, type FieldErrors } from '../domain/validation';
import { DuplicateIndex, duplicateKeys, type DuplicateFields, type DuplicateRule } from './duplicates';
import type { ColumnMapping, ImportTarget } from './headers';
import { isBlank, normalizeImportPhone, normalizeImportPostcode, parseDutchDate, parseYesNo, splitMulti, splitName } from './normalize';
import type { Table } from './parse';
import { CODED_TARGETS, lookupValue, type CodedTarget, type ValueMaps } from './values';

export interface ImportContext {
  region: string;
  user: string;
  /** ISO date-time of the import; every document of the batch carries it. */
  now: string;
  /** File name, recorded in the consent purpose so the privacy work can trace the source. */
  fileName: string;
  /** A new candidate id (the caller's generator: UUIDs in the app, counters in tests). */
  newId: () => string;
}

export type RowStatus = 'ok' | 'duplicate' | 'rejected';

export interface PlannedRow {
  /** Line in the file, the header being line 1 (what a spreadsheet shows). */
  line: number;
  status: RowStatus;
  name: string;
  candidate?: Candidate;
  notes?: Note[];
  errors?: FieldErrors;
  /** For a duplicate: the existing candidate's id, or `line:<n>` for an earlier row of the file. */
  duplicateOf?: string;
  duplicateRule?: DuplicateRule;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowStatus, number>;
}

/** File values of coded columns that the value maps do not know, per field, for the user to choose. */
export function unknownValues(table: Table, mapping: ColumnMapping, maps: ValueMaps): Record<CodedTarget, string[]> {
  const out: Record<CodedTarget, string[]> = { phase: [], sectors: [], functions: [], subjects: [] };
  const seen = new Set<string>();
  mapping.forEach((target, col) => {
    if (!target || !(CODED_TARGETS as readonly string[]).includes(target)) return;
    const t = target as CodedTarget;
    for (const row of table.rows) {
      const cell = row[col] ?? '';
      if (isBlank(cell)) continue;
      for (const v of t === 'phase' ? [cell.trim()] : splitMulti(cell)) {
        const key = `${t}|${v.toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (lookupValue(maps, t, v) === undefined) out[t].push(v);
      }
    }
  });
  return out;
}

/**
 * Each target's column, found once per mapping (not with an indexOf per cell of 50,000 rows).
 * Cached by the mapping's identity: the wizard makes a new array whenever the mapping changes.
 */
const columnsCache = new WeakMap<ColumnMapping, Partial<Record<ImportTarget, number>>>();
function columnsOf(mapping: ColumnMapping): Partial<Record<ImportTarget, number>> {
  let cols = columnsCache.get(mapping);
  if (!cols) {
    cols = {};
    mapping.forEach((t, i) => {
      if (t && cols![t] === undefined) cols![t] = i;
    });
    columnsCache.set(mapping, cols);
  }
  return cols;
}

function cellOf(row: readonly string[], cols: Partial<Record<ImportTarget, number>>, target: ImportTarget): string | undefined {
  const i = cols[target];
  if (i === undefined) return undefined;
  const v = row[i];
  return v === undefined || isBlank(v) ? undefined : v.trim();
}

/**
 * One row of the file as a candidate (validated with the shared schema) and its notes, or the
 * errors per field. Pure: the worker, the admin CLI and the benchmark all use it.
 */
export function rowToCandidate(
  row: readonly string[],
  mapping: ColumnMapping,
  maps: ValueMaps,
  ctx: ImportContext,
): { ok: true; candidate: Candidate; notes: Note[] } | { ok: false; errors: FieldErrors; name: string } {
  const errors: FieldErrors = {};
  const cols = columnsOf(mapping);
  const get = (t: ImportTarget) => cellOf(row, cols, t);
  let firstName = get('firstName') ?? '';
  let lastName = get('lastName') ?? '';
  const full = get('name');
  if (full && (!firstName || !lastName)) {
    const split = splitName(full);
    firstName ||= split.firstName;
    lastName ||= split.lastName;
  }
  // Airtable's primary field is often "Voornaam Achternaam 2": a person with only one name keeps it as last name.
  if (!firstName && lastName) firstName = '-';
  if (!lastName) errors.lastName = 'required';
  const name = `${firstName === '-' ? '' : firstName} ${lastName}`.trim();

  const input: Partial<CandidateInput> = { firstName, lastName, regions: [ctx.region], ownerRegion: ctx.region, source: 'import', owner: ctx.user };
  const coded = (t: CodedTarget): string[] => {
    const cell = get(t);
    if (!cell) return [];
    const codes: string[] = [];
    for (const v of t === 'phase' ? [cell] : splitMulti(cell)) {
      const code = lookupValue(maps, t, v);
      if (code === undefined) errors[t] = 'unknownValue';
      else if (code !== null && !codes.includes(code)) codes.push(code);
    }
    return codes;
  };
  const phase = coded('phase')[0];
  if (phase) input.phase = phase as Candidate['phase'];
  input.sectors = coded('sectors') as Candidate['sectors'];
  input.functions = coded('functions') as Candidate['functions'];
  input.subjects = coded('subjects') as Candidate['subjects'];

  for (const t of ['place', 'address', 'motivation', 'currentProfession', 'email'] as const) {
    const v = get(t);
    if (v !== undefined) input[t] = v;
  }
  const phone = get('phone');
  if (phone) input.phone = normalizeImportPhone(phone);
  const postcode = get('postcode');
  if (postcode) input.postcode = normalizeImportPostcode(postcode);
  const dob = get('dateOfBirth');
  if (dob) {
    const iso = parseDutchDate(dob);
    if (iso) input.dateOfBirth = iso;
    else errors.dateOfBirth = 'invalidDate';
  }

  const consentCell = get('consent');
  const consentDateCell = get('consentDate');
  if (cols.consent !== undefined) {
    const given = consentCell ? parseYesNo(consentCell) : false;
    if (given === null) errors['consent.given'] = 'invalidChoice';
    const date = consentDateCell ? parseDutchDate(consentDateCell) : null;
    if (consentDateCell && !date) errors['consent.date'] = 'invalidDate';
    // Channel and text version from src/shared/consent.ts; the file name stays in the purpose as the source.
    input.consent = {
      given: given === true,
      purpose: `${CONSENT_PURPOSE} Bron: importbestand ${ctx.fileName}`.slice(0, 500),
      ...(date ? { date } : {}),
      version: CURRENT_CONSENT_VERSION.import,
      channel: 'import',
    };
  } else {
    input.consent = { given: false, purpose: `Geïmporteerd uit ${ctx.fileName} op ${ctx.now.slice(0, 10)}; toestemming niet vastgelegd`.slice(0, 500), channel: 'import' };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, name };

  const draft = newCandidate(input, { id: ctx.newId(), user: ctx.user, now: ctx.now });
  const checked = validate(candidateSchema, draft);
  if (!checked.ok) return { ok: false, errors: checked.errors, name };

  const notes: Note[] = [];
  const text = get('notes');
  if (text) {
    // A note holds at most NOTE_TEXT_MAX characters; a longer Airtable field becomes several notes.
    for (let i = 0, n = 0; i < text.length; i += NOTE_TEXT_MAX, n++) {
      const note: Note = {
        id: childIdOf(draft.id, 'n', `import-${n}`),
        type: 'note',
        candidateId: draft.id,
        visibility: 'shared',
        region: ctx.region,
        author: ctx.user,
        text: text.slice(i, i + NOTE_TEXT_MAX).trim() || '-',
        at: ctx.now,
        updatedAt: ctx.now,
      };
      const ok = validate(noteSchema, note);
      if (!ok.ok) return { ok: false, errors: Object.fromEntries(Object.entries(ok.errors).map(([k, v]) => [`notes.${k}`, v])), name };
      notes.push(note);
    }
  }
  return { ok: true, candidate: checked.value, notes };
}

/**
 * The first, per-row half of the dry run: each row of `rows` validated into a candidate and its
 * notes, or its errors. Rows are independent here, so the import worker hands a part of the file
 * to a second worker and checks the rest itself (both of the machine's cores); `firstIndex` is
 * the index of `rows[0]` in the whole file, so lines stay the file's.
 */
export type CheckedRow =
  | { line: number; ok: true; name: string; candidate: Candidate; notes: Note[] }
  | { line: number; ok: false; name: string; errors: FieldErrors };

export function checkRows(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  maps: ValueMaps,
  ctx: ImportContext,
  firstIndex = 0,
  onProgress?: (done: number) => void,
): CheckedRow[] {
  const out: CheckedRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const line = firstIndex + i + 2;
    const r = rowToCandidate(rows[i]!, mapping, maps, ctx);
    if (r.ok) {
      const c = r.candidate;
      out[i] = { line, ok: true, name: `${c.firstName === '-' ? '' : c.firstName} ${c.lastName}`.trim(), candidate: c, notes: r.notes };
    } else out[i] = { line, ok: false, name: r.name, errors: r.errors };
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return out;
}

/**
 * The second half: the checked rows, in the file's order, against the existing candidates and
 * the rows above each. Sequential by nature (a row is a duplicate of an earlier one), and cheap:
 * the keys (folded name, phone digits) once per row, O(1) per look-up.
 */
export function flagDuplicates(checked: Iterable<CheckedRow>, existing: Iterable<DuplicateFields>): ImportPlan {
  const known = new DuplicateIndex(existing);
  const inFile = new DuplicateIndex();
  const rows: PlannedRow[] = [];
  const counts: Record<RowStatus, number> = { ok: 0, duplicate: 0, rejected: 0 };
  for (const r of checked) {
    if (!r.ok) {
      rows.push({ line: r.line, status: 'rejected', name: r.name, errors: r.errors });
      counts.rejected++;
      continue;
    }
    const keys = duplicateKeys(r.candidate);
    const dup = known.findKeys(keys) ?? inFile.findKeys(keys);
    const planned: PlannedRow = { line: r.line, status: dup ? 'duplicate' : 'ok', name: r.name, candidate: r.candidate, notes: r.notes };
    if (dup) {
      planned.duplicateOf = dup.id;
      planned.duplicateRule = dup.rule;
    }
    inFile.addKeys(`line:${r.line}`, keys);
    rows.push(planned);
    counts[planned.status]++;
  }
  return { rows, counts };
}

/**
 * The dry run: every row validated, and checked for duplicates against the existing candidates
 * and the rows above it. Nothing is written; `executeImport` writes what the plan says.
 */
export function planImport(
  table: Table,
  mapping: ColumnMapping,
  maps: ValueMaps,
  existing: Iterable<DuplicateFields>,
  ctx: ImportContext,
  onProgress?: (done: number) => void,
): ImportPlan {
  return flagDuplicates(checkRows(table.rows, mapping, maps, ctx, 0, onProgress), existing);
}
