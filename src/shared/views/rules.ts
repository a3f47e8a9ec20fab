import { fieldOf, VALUELESS, type Operator, type ViewFieldKey } from './fields';
import { foldText, phoneDigits } from './normalize';
import { asList, type FieldValue } from './values';

/** One condition of the filter builder: field, operator, value. */
export interface FilterRule {
  field: ViewFieldKey;
  op: Operator;
  /** Text, a date (yyyy-mm-dd), a number of days, or a list of codes for `anyOf`. */
  value?: string | string[];
}

/**
 * A rule as a test of one field's value. Every operator looks only at the rule's field, so the
 * engine can run the test once per distinct value (a column's dictionary) instead of once per
 * row; the per-row predicate (`compileFilter`) runs the very same test, so both agree.
 */
export interface ValueTest {
  /** Whether `test` needs the folded text of the value (`textOf`). */
  text: boolean;
  test(v: FieldValue, text: string): boolean;
  /** Identifies the test for caching its results per distinct value; null when it depends on the clock. */
  cacheKey: string | null;
}

const DAY = 86_400_000;

/** The rule as a value test, or null when it filters nothing (unknown field, unfinished rule, unknown operator). */
export function compileValueTest(rule: FilterRule, now: number): ValueTest | null {
  const field = fieldOf(rule.field);
  if (!field) return null;
  const raw = rule.value;
  if (!VALUELESS.includes(rule.op) && (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0))) {
    return null; // an unfinished rule filters nothing
  }
  const needle = typeof raw === 'string' ? (rule.field === 'phone' ? phoneDigits(raw) : foldText(raw.trim())) : '';
  const wanted = new Set(asList(raw));
  const key = `${rule.op}\u0000${JSON.stringify(raw ?? null)}`;
  const some = (v: FieldValue) => asList(v).some((c) => wanted.has(c));
  const onValue = (test: (v: FieldValue) => boolean): ValueTest => ({ text: false, test: (v) => test(v), cacheKey: key });
  const onText = (test: (t: string) => boolean): ValueTest => ({ text: true, test: (_v, t) => test(t), cacheKey: key });
  switch (rule.op) {
    case 'empty':
      return onValue((v) => asList(v).length === 0);
    case 'notEmpty':
      return onValue((v) => asList(v).length !== 0);
    case 'contains':
      return onText((t) => t.includes(needle));
    case 'notContains':
      return onText((t) => !t.includes(needle));
    case 'startsWith':
      return onText((t) => t.startsWith(needle));
    case 'is':
      return field.kind === 'text' ? onText((t) => t === needle) : onValue(some);
    case 'isNot':
      return field.kind === 'text' ? onText((t) => t !== needle) : onValue((v) => !some(v));
    case 'anyOf':
    case 'includes':
      return onValue(some);
    case 'excludes':
      return onValue((v) => !some(v));
    case 'before': {
      const d = String(raw);
      return onValue((v) => typeof v === 'string' && v.slice(0, 10) < d);
    }
    case 'after': {
      const d = String(raw);
      return onValue((v) => typeof v === 'string' && v.slice(0, 10) > d);
    }
    case 'withinDays':
    case 'olderThanDays': {
      const days = Number(raw);
      if (!Number.isFinite(days)) return null;
      const edgeDate = new Date(now - days * DAY);
      if (Number.isNaN(edgeDate.getTime())) return null; // beyond the calendar: no sensible edge
      const edge = edgeDate.toISOString();
      const within = rule.op === 'withinDays';
      return {
        text: false,
        test: (v) => typeof v === 'string' && (within ? v >= edge : v < edge),
        cacheKey: null,
      };
    }
    default:
      return null;
  }
}
