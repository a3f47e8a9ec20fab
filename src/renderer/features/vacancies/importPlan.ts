import {
  FUNCTIONS, ROUTES, SECTORS, SUBJECTS, VACANCY_STATUSES, ORGANISATION_TYPE, newVacancy, validate, vacancySchema,
  type Organisation, type Term, type Vacancy, type VacancyInput,
} from '../../../shared';
import { isBlank, normalizeImportPhone, normalizeImportPostcode, parseDutchDate, parseYesNo, splitMulti } from '../../../shared/import';

/**
 * Vacancies from a spreadsheet (CSV or XLSX, read with the import wizard's parser): columns are
 * recognised by their Dutch or English headers, coded values by code or label, organisations by
 * name (a new name becomes a new organisation of the region). Pure: the screen shows the plan
 * (ready and refused rows with reasons) before anything is written.
 */
type Field = keyof VacancyInput | 'organisation' | 'fte';

const HEADERS: Record<string, Field> = {};
const alias = (field: Field, ...names: string[]) => names.forEach((n) => (HEADERS[n] = field));
alias('title', 'titel', 'title', 'vacature', 'functietitel', 'naam vacature');
alias('organisation', 'organisatie', 'organisation', 'school', 'werkgever', 'bestuur', 'schoolbestuur');
alias('function', 'functie', 'function', 'soort functie');
alias('sector', 'sector', 'onderwijssector');
alias('subjects', 'vakken', 'vak', 'subjects', 'subject');
alias('hoursPerWeek', 'uren', 'uren per week', 'hours', 'hours per week');
alias('fte', 'fte', 'wtf', 'omvang (fte)');
alias('place', 'plaats', 'place', 'plaatsnaam', 'woonplaats', 'vestigingsplaats');
alias('postcode', 'postcode', 'postal code', 'zip');
alias('startDate', 'startdatum', 'start', 'ingangsdatum', 'start date');
alias('closingDate', 'sluitingsdatum', 'reageren voor', 'deadline', 'closing date');
alias('routes', 'routes', 'route', 'mogelijke routes');
alias('status', 'status');
alias('contactName', 'contactpersoon', 'contact', 'contact person');
alias('contactEmail', 'e-mail', 'email', 'e-mail contactpersoon');
alias('contactPhone', 'telefoon', 'phone', 'telefoonnummer');
alias('description', 'omschrijving', 'beschrijving', 'description', 'tekst');
alias('public', 'openbaar', 'publiek', 'publiceren', 'public');

export function mapHeaders(headers: readonly string[]): (Field | null)[] {
  const seen = new Set<Field>();
  return headers.map((h) => {
    const f = HEADERS[h.trim().toLowerCase()] ?? null;
    if (!f || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/** A code from a cell: the code itself or a label in either language, ignoring case. */
function codeOf(terms: readonly Term[], raw: string): string | null {
  const v = raw.trim().toLowerCase();
  for (const t of terms) {
    const labels = [t.code, t.label.nl, t.label.en].map((x) => x.toLowerCase());
    if (labels.includes(v) || labels.some((l) => l.split(/ [/(]/)[0]!.trim() === v)) return t.code;
  }
  return null;
}

export interface PlannedVacancyRow {
  line: number;
  status: 'ok' | 'rejected';
  title: string;
  vacancy?: Vacancy;
  errors?: Record<string, string>;
}

export interface VacancyImportPlan {
  rows: PlannedVacancyRow[];
  organisations: Organisation[];
}

export function planVacancyImport(
  table: { headers: string[]; rows: string[][] },
  existingOrgs: readonly Pick<Organisation, 'id' | 'name'>[],
  ctx: { region: string; user: string; now: string; newId: () => string },
): VacancyImportPlan {
  const map = mapHeaders(table.headers);
  const orgByName = new Map(existingOrgs.map((o) => [o.name.trim().toLowerCase(), { id: o.id, name: o.name }]));
  const newOrgs: Organisation[] = [];
  const rows: PlannedVacancyRow[] = table.rows.map((cells, i) => {
    const line = i + 2;
    const errors: Record<string, string> = {};
    const input: Record<string, unknown> = { subjects: [], routes: [], status: 'open', public: false };
    let orgName = '';
    map.forEach((field, col) => {
      const cell = cells[col] ?? '';
      if (!field || isBlank(cell)) return;
      const list = (terms: readonly Term[]) => {
        const codes: string[] = [];
        for (const v of splitMulti(cell)) {
          const c = codeOf(terms, v);
          if (c === null) errors[field] = 'invalidChoice';
          else if (!codes.includes(c)) codes.push(c);
        }
        return codes;
      };
      const one = (terms: readonly Term[]) => codeOf(terms, cell) ?? ((errors[field] = 'invalidChoice'), undefined);
      const date = () => parseDutchDate(cell) ?? ((errors[field] = 'invalidDate'), undefined);
      switch (field) {
        case 'organisation': orgName = cell.trim(); break;
        case 'function': input.function = one(FUNCTIONS); break;
        case 'sector': input.sector = one(SECTORS); break;
        case 'subjects': input.subjects = list(SUBJECTS); break;
        case 'routes': input.routes = list(ROUTES); break;
        case 'status': input.status = one(VACANCY_STATUSES); break;
        case 'startDate': input.startDate = date(); break;
        case 'closingDate': input.closingDate = date(); break;
        case 'postcode': input.postcode = normalizeImportPostcode(cell); break;
        case 'contactPhone': input.contactPhone = normalizeImportPhone(cell); break;
        case 'public': input.public = parseYesNo(cell) ?? ((errors.public = 'invalidChoice'), false); break;
        case 'hoursPerWeek': input.hoursPerWeek = Number(cell.replace(',', '.')); break;
        case 'fte': input.hoursPerWeek ??= Math.round(Number(cell.replace(',', '.')) * 40 * 10) / 10; break;
        default: input[field] = cell.trim();
      }
    });
    input.function ??= 'docent';
    let org = orgName ? orgByName.get(orgName.toLowerCase()) : undefined;
    if (orgName && !org) {
      const o: Organisation = { id: `org-${ctx.newId()}`, type: ORGANISATION_TYPE, name: orgName.slice(0, 200), kind: 'school', region: ctx.region, createdAt: ctx.now, createdBy: ctx.user, updatedAt: ctx.now, updatedBy: ctx.user };
      newOrgs.push(o);
      org = { id: o.id, name: o.name };
      orgByName.set(orgName.toLowerCase(), org);
    }
    const v = newVacancy({ ...(input as Partial<VacancyInput>), organisationId: org?.id ?? '', organisationName: org?.name ?? '' }, { id: `vac-${ctx.newId()}`, region: ctx.region, user: ctx.user, now: ctx.now });
    const r = validate(vacancySchema, v);
    const title = typeof input.title === 'string' ? input.title : '';
    if (r.ok && Object.keys(errors).length === 0) return { line, status: 'ok', title, vacancy: r.value };
    const all = { ...(r.ok ? {} : r.errors), ...errors };
    if (all.organisationId || all.organisationName) {
      delete all.organisationName;
      delete all.organisationId;
      all.organisation = 'required';
    }
    return { line, status: 'rejected', title, errors: all };
  });
  // Only organisations that an accepted row uses are created.
  const used = new Set(rows.flatMap((r) => (r.vacancy ? [r.vacancy.organisationId] : [])));
  return { rows, organisations: newOrgs.filter((o) => used.has(o.id)) };
}
