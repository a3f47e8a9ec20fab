import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  candidateSchema,
  EDUCATION_LEVELS,
  FUNCTIONS,
  normalizeCandidate,
  PHASES,
  ROUTES,
  SECTORS,
  SOURCES,
  SUBJECTS,
  validate,
  type Candidate,
  type Term,
} from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { currentLocale } from '../../i18n';
import { saveField, stripMeta } from './actions';
import { formatDate, labels } from './format';
import { InlineField, type InlineKind, type InlineValue } from './InlineField';

type Editable = keyof Candidate;

interface Row {
  field: Editable;
  type: InlineKind;
  optional: boolean;
}

const text = (field: Editable, optional = true, kind: 'text' | 'email' | 'tel' | 'date' | 'multiline' = 'text'): Row => ({ field, type: { kind }, optional });
const choice = (field: Editable, terms: readonly Term[], optional: boolean): Row => ({ field, type: { kind: 'select', terms, optional }, optional });
const codes = (field: Editable, terms: readonly Term[]): Row => ({ field, type: { kind: 'codes', terms }, optional: true });

export const FILE_GROUPS: { title: string; rows: Row[] }[] = [
  { title: 'form.person', rows: [text('firstName', false), text('lastName', false), text('dateOfBirth', true, 'date')] },
  { title: 'form.contact', rows: [text('email', true, 'email'), text('phone', true, 'tel'), text('postcode'), text('place'), text('address')] },
  {
    title: 'form.journey',
    rows: [
      choice('phase', PHASES, false),
      choice('preferredRoute', ROUTES, true),
      choice('source', SOURCES, false),
      codes('sectors', SECTORS),
      codes('functions', FUNCTIONS),
      codes('subjects', SUBJECTS),
      text('owner', false),
    ],
  },
  { title: 'form.background', rows: [text('currentProfession'), choice('educationLevel', EDUCATION_LEVELS, true), text('motivation', true, 'multiline')] },
];

/** The patch an inline edit makes: an empty optional value removes the field. */
export function patchOf(field: Editable, value: InlineValue): Partial<Candidate> {
  if (Array.isArray(value)) return { [field]: value } as Partial<Candidate>;
  const normalised = normalizeCandidate({ [field]: value } as Partial<Candidate>) as Record<string, unknown>;
  return { [field]: normalised[field] as never } as Partial<Candidate>;
}

/** Checks an inline edit with the shared schema; returns the message key of the field or null. */
export function checkPatch(c: Candidate, field: Editable, patch: Partial<Candidate>): string | null {
  const next: Record<string, unknown> = { ...stripMeta(c), ...patch };
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
  const r = validate(candidateSchema, next);
  if (r.ok) return null;
  const hit = Object.entries(r.errors).find(([path]) => path === field || path.startsWith(`${field}.`));
  if (!hit) return null;
  return i18n.exists(`validation.${hit[1]}`) ? hit[1] : 'invalid';
}

function display(c: Candidate, row: Row, none: string): string {
  const v = c[row.field];
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return none;
  const locale = currentLocale();
  if (row.type.kind === 'codes') return labels(row.type.terms, v as string[], locale);
  if (row.type.kind === 'select') return labels(row.type.terms, [String(v)], locale);
  if (row.type.kind === 'date') return formatDate(String(v), locale);
  return String(v);
}

/** All fields of the candidate, each edited inline with validation next to it. */
export function FileFields({ c, db, user, editable }: { c: Candidate; db: RegiodeskDatabase; user: string; editable: boolean }) {
  const { t } = useTranslation();
  const none = t('detail.none');
  return (
    <>
      {FILE_GROUPS.map((g) => (
        <section key={g.title} className="file-section" aria-labelledby={`file-${g.title}`}>
          <h3 id={`file-${g.title}`}>{t(g.title)}</h3>
          <dl className="facts">
            {g.rows.map((row) => {
              const raw = c[row.field];
              const value: InlineValue = Array.isArray(raw) ? (raw as string[]) : raw === undefined ? '' : String(raw);
              return (
                <InlineField
                  key={row.field}
                  id={`file-${row.field}`}
                  label={row.field === 'owner' ? t('detail.owner') : t(`form.${row.field}`)}
                  value={value}
                  display={display(c, row, none)}
                  type={row.type}
                  editable={editable}
                  save={async (v) => {
                    const patch = patchOf(row.field, v);
                    const err = checkPatch(c, row.field, patch);
                    if (err) return t(`validation.${err}`);
                    try {
                      await saveField(db, c.id, patch, user);
                      return null;
                    } catch (e) {
                      return t('form.saveFailed', { message: e instanceof Error ? e.message : String(e) });
                    }
                  }}
                />
              );
            })}
          </dl>
        </section>
      ))}
    </>
  );
}
