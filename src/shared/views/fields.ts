import { EDUCATION_LEVELS, FUNCTIONS, PHASES, ROUTES, SECTORS, SOURCES, SUBJECTS, type Term } from '../taxonomy';

/**
 * The fields a view can filter, sort, group and show. `kind` decides the operators and how values
 * compare; `terms` (coded fields) give the order of groups and the labels.
 */
export type FieldKind = 'text' | 'code' | 'codes' | 'date';

export interface ViewField {
  key: ViewFieldKey;
  kind: FieldKind;
  terms?: readonly Term[];
}

export const VIEW_FIELDS = [
  { key: 'name', kind: 'text' },
  { key: 'phase', kind: 'code', terms: PHASES },
  { key: 'sectors', kind: 'codes', terms: SECTORS },
  { key: 'functions', kind: 'codes', terms: FUNCTIONS },
  { key: 'subjects', kind: 'codes', terms: SUBJECTS },
  { key: 'place', kind: 'text' },
  { key: 'postcode', kind: 'text' },
  { key: 'email', kind: 'text' },
  { key: 'phone', kind: 'text' },
  { key: 'owner', kind: 'text' },
  { key: 'source', kind: 'code', terms: SOURCES },
  { key: 'preferredRoute', kind: 'code', terms: ROUTES },
  { key: 'educationLevel', kind: 'code', terms: EDUCATION_LEVELS },
  { key: 'currentProfession', kind: 'text' },
  { key: 'ownerRegion', kind: 'text' },
  { key: 'createdAt', kind: 'date' },
  { key: 'updatedAt', kind: 'date' },
] as const satisfies readonly { key: string; kind: FieldKind; terms?: readonly Term[] }[];

export type ViewFieldKey = (typeof VIEW_FIELDS)[number]['key'];

export const FIELD_KEYS = VIEW_FIELDS.map((f) => f.key) as ViewFieldKey[];

export function fieldOf(key: string): ViewField | undefined {
  return (VIEW_FIELDS as readonly ViewField[]).find((f) => f.key === key);
}

/** Fields that make sense as groups (few distinct values). */
export const GROUPABLE: readonly ViewFieldKey[] = [
  'phase', 'sectors', 'functions', 'subjects', 'place', 'owner', 'source', 'preferredRoute', 'educationLevel', 'ownerRegion',
];

export const OPERATORS_BY_KIND: Record<FieldKind, readonly Operator[]> = {
  text: ['contains', 'notContains', 'is', 'isNot', 'startsWith', 'empty', 'notEmpty'],
  code: ['is', 'isNot', 'empty', 'notEmpty'],
  codes: ['includes', 'excludes', 'empty', 'notEmpty'],
  date: ['before', 'after', 'withinDays', 'olderThanDays', 'empty', 'notEmpty'],
};

export type Operator =
  | 'contains' | 'notContains' | 'is' | 'isNot' | 'startsWith' | 'empty' | 'notEmpty'
  | 'anyOf' | 'includes' | 'excludes' | 'before' | 'after' | 'withinDays' | 'olderThanDays';

/** Operators that need no value. */
export const VALUELESS: readonly Operator[] = ['empty', 'notEmpty'];
