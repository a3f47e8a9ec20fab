import { useTranslation } from 'react-i18next';
import {
  FIELD_KEYS,
  fieldOf,
  GROUPABLE,
  labelOf,
  OPERATORS_BY_KIND,
  VALUELESS,
  type FilterRule,
  type Operator,
  type ViewFieldKey,
  type ViewSpec,
} from '../../../shared';
import { currentLocale } from '../../i18n';
import { setSpec } from './viewState';

function FieldSelect({ id, value, onChange, options, label }: { id: string; value: string; onChange: (v: ViewFieldKey) => void; options: readonly ViewFieldKey[]; label: string }) {
  const { t } = useTranslation();
  return (
    <select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value as ViewFieldKey)}>
      {options.map((f) => (
        <option key={f} value={f}>
          {t(`views.fields.${f}`)}
        </option>
      ))}
    </select>
  );
}

function RuleValue({ rule, index, onChange }: { rule: FilterRule; index: number; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const f = fieldOf(rule.field);
  const label = t('views.filter.value', { n: index + 1 });
  if (!f || VALUELESS.includes(rule.op)) return null;
  const value = Array.isArray(rule.value) ? (rule.value[0] ?? '') : (rule.value ?? '');
  if (f.terms) {
    return (
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('views.filter.choose')}</option>
        {f.terms.map((term) => (
          <option key={term.code} value={term.code}>
            {labelOf(f.terms!, term.code, currentLocale())}
          </option>
        ))}
      </select>
    );
  }
  if (f.kind === 'date' && (rule.op === 'withinDays' || rule.op === 'olderThanDays')) {
    return <input type="number" min={0} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} className="input-narrow" />;
  }
  if (f.kind === 'date') return <input type="date" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
  return <input type="text" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} />;
}

/** The filter builder: rules of field / operator / value, combined with and or or. */
export function FilterBuilder({ spec }: { spec: ViewSpec }) {
  const { t } = useTranslation();
  const rules = spec.filter.rules;
  const update = (next: FilterRule[], combinator = spec.filter.combinator) => setSpec({ filter: { combinator, rules: next } });
  const setRule = (i: number, patch: Partial<FilterRule>) => update(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="view-box">
      <legend>{t('views.filter.title')}</legend>
      {rules.length === 0 ? <p className="muted">{t('views.filter.empty')}</p> : null}
      {rules.length > 1 ? (
        <div className="inline-field">
          <label htmlFor="filter-combinator">{t('views.filter.combinator')}</label>
          <select id="filter-combinator" value={spec.filter.combinator} onChange={(e) => update(rules, e.target.value === 'or' ? 'or' : 'and')}>
            <option value="and">{t('views.filter.and')}</option>
            <option value="or">{t('views.filter.or')}</option>
          </select>
        </div>
      ) : null}
      <ol className="rules">
        {rules.map((rule, i) => {
          const kind = fieldOf(rule.field)?.kind ?? 'text';
          return (
            <li key={i} className="rule">
              <FieldSelect
                id={`rule-field-${i}`}
                label={t('views.filter.field', { n: i + 1 })}
                value={rule.field}
                options={FIELD_KEYS}
                onChange={(field) => {
                  const k = fieldOf(field)?.kind ?? 'text';
                  setRule(i, { field, op: OPERATORS_BY_KIND[k][0]!, value: '' });
                }}
              />
              <select aria-label={t('views.filter.operator', { n: i + 1 })} value={rule.op} onChange={(e) => setRule(i, { op: e.target.value as Operator })}>
                {OPERATORS_BY_KIND[kind].map((op) => (
                  <option key={op} value={op}>
                    {t(`views.ops.${op}`)}
                  </option>
                ))}
              </select>
              <RuleValue rule={rule} index={i} onChange={(value) => setRule(i, { value })} />
              <button type="button" className="button button--small" onClick={() => update(rules.filter((_, j) => j !== i))}>
                {t('views.filter.remove')}
                <span className="sr-only"> {i + 1}</span>
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--small" onClick={() => update([...rules, { field: 'place', op: 'contains', value: '' }])}>
        {t('views.filter.add')}
      </button>
    </fieldset>
  );
}

export function SortEditor({ spec }: { spec: ViewSpec }) {
  const { t } = useTranslation();
  const sort = spec.sort;
  return (
    <fieldset className="view-box">
      <legend>{t('views.sort.title')}</legend>
      <ol className="rules">
        {sort.map((s, i) => (
          <li key={i} className="rule">
            <FieldSelect
              id={`sort-field-${i}`}
              label={t('views.sort.field', { n: i + 1 })}
              value={s.field}
              options={FIELD_KEYS}
              onChange={(field) => setSpec({ sort: sort.map((x, j) => (j === i ? { ...x, field } : x)) })}
            />
            <select
              aria-label={t('views.sort.dir', { n: i + 1 })}
              value={s.dir}
              onChange={(e) => setSpec({ sort: sort.map((x, j) => (j === i ? { ...x, dir: e.target.value === 'desc' ? 'desc' : 'asc' } : x)) })}
            >
              <option value="asc">{t('views.sort.asc')}</option>
              <option value="desc">{t('views.sort.desc')}</option>
            </select>
            {sort.length > 1 ? (
              <button type="button" className="button button--small" onClick={() => setSpec({ sort: sort.filter((_, j) => j !== i) })}>
                {t('views.filter.remove')}
                <span className="sr-only"> {t('views.sort.field', { n: i + 1 })}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {sort.length < 4 ? (
        <button type="button" className="button button--small" onClick={() => setSpec({ sort: [...sort, { field: 'updatedAt', dir: 'desc' }] })}>
          {t('views.sort.add')}
        </button>
      ) : null}
    </fieldset>
  );
}

export function GroupPicker({ spec }: { spec: ViewSpec }) {
  const { t } = useTranslation();
  return (
    <div className="inline-field">
      <label htmlFor="group-by">{t('views.groupBy')}</label>
      <select id="group-by" value={spec.groupBy ?? ''} onChange={(e) => setSpec({ groupBy: (e.target.value || null) as ViewFieldKey | null })}>
        <option value="">{t('views.noGrouping')}</option>
        {GROUPABLE.map((f) => (
          <option key={f} value={f}>
            {t(`views.fields.${f}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Choose columns (checkboxes) and their order (up/down buttons: keyboard friendly). */
export function ColumnPicker({ spec }: { spec: ViewSpec }) {
  const { t } = useTranslation();
  const cols = spec.columns;
  const move = (i: number, d: -1 | 1) => {
    const next = [...cols];
    const j = i + d;
    if (j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    setSpec({ columns: next });
  };
  const toggle = (f: ViewFieldKey, on: boolean) => setSpec({ columns: on ? [...cols, f] : cols.filter((c) => c !== f) });
  return (
    <fieldset className="view-box">
      <legend>{t('views.columns.title')}</legend>
      <ol className="rules">
        {cols.map((f, i) => (
          <li key={f} className="rule">
            <span className="col-name">{t(`views.fields.${f}`)}</span>
            <button type="button" className="button button--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('views.columns.up', { name: t(`views.fields.${f}`) })}>
              ↑
            </button>
            <button type="button" className="button button--small" disabled={i === cols.length - 1} onClick={() => move(i, 1)} aria-label={t('views.columns.down', { name: t(`views.fields.${f}`) })}>
              ↓
            </button>
            <button type="button" className="button button--small" disabled={cols.length === 1} onClick={() => toggle(f, false)} aria-label={t('views.columns.hide', { name: t(`views.fields.${f}`) })}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="inline-field">
        <label htmlFor="add-column">{t('views.columns.add')}</label>
        <select id="add-column" value="" onChange={(e) => e.target.value && toggle(e.target.value as ViewFieldKey, true)}>
          <option value="">{t('views.filter.choose')}</option>
          {FIELD_KEYS.filter((f) => !cols.includes(f)).map((f) => (
            <option key={f} value={f}>
              {t(`views.fields.${f}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
