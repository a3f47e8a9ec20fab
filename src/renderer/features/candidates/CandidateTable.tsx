import { memo, useCallback, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldOf, labelOf, type Candidate, type Group, type Locale, type SortKey, type ViewFieldKey } from '../../../shared';
import { currentLocale } from '../../i18n';
import { setSelected, setSpec, takeReveal, toggleSelected, useView } from '../views/viewState';
import { Cell, refreshCellDay } from './cells';
import { useRowWindow } from './useRowWindow';

type Item = { kind: 'group'; key: string; count: number } | { kind: 'row'; c: Candidate };

/** Every row is exactly this tall (views.css fixes it), so the window is arithmetic. */
const ROW_HEIGHT = 41;
/** The sticky header row's height in the scroller (views.css fixes it too). */
const HEAD_HEIGHT = 41;
/** Rows kept in the DOM beyond each edge of the view: more than one frame's travel at ~600 rows/s. */
const OVERSCAN = 12;
/** Up to this many rows the table renders them all; beyond, only those in sight. */
const FULL_RENDER_MAX = 300;

/** Relative column widths: the layout is fixed (columns never jump while scrolling). */
const WEIGHT: Partial<Record<ViewFieldKey, number>> = { name: 3, email: 3, phase: 1.6, postcode: 1.1, phone: 1.6, createdAt: 2, updatedAt: 2.2 };
const weightOf = (f: ViewFieldKey) => WEIGHT[f] ?? (fieldOf(f)?.kind === 'codes' ? 2.2 : 1.8);

/** Label of a group's value: a taxonomy label, the text itself, or "(geen)". */
export function groupLabel(field: ViewFieldKey, key: string, none: string): string {
  if (key === '') return none;
  const f = fieldOf(field);
  return f?.terms ? labelOf(f.terms, key, currentLocale()) : key;
}

type T = ReturnType<typeof useTranslation>['t'];

/**
 * One candidate's row. Memoised on stable props (the document object, the columns array, a
 * boolean for the checkbox), so scrolling re-renders only the rows that come into sight; clicks
 * are handled by one listener on the table body.
 */
const Row = memo(function Row({
  c,
  index,
  columns,
  selectable,
  checked,
  locale,
  t,
}: {
  c: Candidate;
  index: number;
  columns: ViewFieldKey[];
  selectable: boolean;
  checked: boolean;
  locale: Locale;
  t: T;
}) {
  return (
    <tr className="row-link" aria-rowindex={index + 2} data-id={c.id}>
      {selectable ? (
        <td className="col-select">
          <input
            type="checkbox"
            aria-label={t('bulk.select', { name: `${c.firstName} ${c.lastName}` })}
            checked={checked}
            onChange={(e) => toggleSelected(c.id, e.target.checked)}
          />
        </td>
      ) : null}
      {columns.map((f) => (
        <td key={f}>
          <Cell c={c} field={f} locale={locale} />
        </td>
      ))}
    </tr>
  );
});

const GroupRow = memo(function GroupRow({ label, count, index, colCount }: { label: string; count: number; index: number; colCount: number }) {
  return (
    <tr className="group-row" aria-rowindex={index + 2}>
      <th scope="colgroup" colSpan={colCount}>
        {label} <span className="count">{count}</span>
      </th>
    </tr>
  );
});

/**
 * The list as a table. Only the rows in sight are in the DOM (windowed with spacer rows, so it
 * stays a real table for screen readers). Grouped views show a header row with the count above
 * each group.
 */
export function CandidateTable({
  rows,
  groups,
  columns,
  sort,
  groupBy,
  selectable,
  open,
}: {
  rows: readonly Candidate[];
  groups: Group<Candidate>[] | null;
  columns: ViewFieldKey[];
  sort: SortKey[];
  groupBy: ViewFieldKey | null;
  selectable: boolean;
  open: (id: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  refreshCellDay();
  const selected = useView((s) => s.selected);
  const scrollRef = useRef<HTMLDivElement>(null);
  const items: Item[] = useMemo(() => {
    if (!groups) return rows.map((c) => ({ kind: 'row', c }));
    const out: Item[] = [];
    for (const g of groups) {
      out.push({ kind: 'group', key: g.key, count: g.count });
      for (const c of g.rows) out.push({ kind: 'row', c });
    }
    return out;
  }, [rows, groups]);

  // Short lists are rendered whole (find-in-page and tests see every row); long ones are windowed.
  const windowed = items.length > FULL_RENDER_MAX;
  const { range, scrollToIndex } = useRowWindow(scrollRef, windowed ? items.length : 0, ROW_HEIGHT, OVERSCAN, HEAD_HEIGHT);
  const start = windowed ? range.start : 0;
  const end = windowed ? Math.min(range.end, items.length) : items.length;
  // The candidate just registered is scrolled into view, so the advisor sees it in the list.
  useEffect(() => {
    const id = takeReveal();
    if (!id) return;
    const i = items.findIndex((it) => it.kind === 'row' && it.c.id === id);
    if (i >= 0) scrollToIndex(i);
  }, [items, scrollToIndex]);
  const top = start * ROW_HEIGHT;
  const bottom = (items.length - end) * ROW_HEIGHT;
  const colCount = columns.length + (selectable ? 1 : 0);

  // One listener for every row: a click on a row (or its name link) opens the file; a click in the
  // checkbox cell only selects. The latest `open` is read through a ref, so rows never re-render for it.
  const openRef = useRef(open);
  openRef.current = open;
  const onBodyClick = useCallback((e: MouseEvent<HTMLTableSectionElement>) => {
    const target = e.target as HTMLElement;
    if (target.closest('.col-select')) return;
    const tr = target.closest<HTMLElement>('tr[data-id]');
    if (!tr?.dataset.id) return;
    if (target.closest('a')) e.preventDefault();
    openRef.current(tr.dataset.id);
  }, []);

  const onSort = (field: ViewFieldKey, e: MouseEvent) => {
    const existing = sort.find((s) => s.field === field);
    const dir = existing?.dir === 'asc' ? 'desc' : 'asc';
    // Shift+click adds a secondary sort key, as in spreadsheets.
    if (e.shiftKey) setSpec({ sort: [...sort.filter((s) => s.field !== field), { field, dir }] });
    else setSpec({ sort: [{ field, dir }] });
  };
  const allSelected = rows.length > 0 && rows.every((c) => selected.has(c.id));
  const weights = columns.reduce((sum, f) => sum + weightOf(f), 0);
  const none = t('views.none');

  const body = [];
  for (let i = start; i < end; i++) {
    const item = items[i]!;
    if (item.kind === 'group') {
      body.push(<GroupRow key={`g-${item.key}`} label={groupBy ? groupLabel(groupBy, item.key, none) : ''} count={item.count} index={i} colCount={colCount} />);
    } else {
      const c = item.c;
      body.push(<Row key={c.id} c={c} index={i} columns={columns} selectable={selectable} checked={selected.has(c.id)} locale={locale} t={t} />);
    }
  }

  return (
    <div className={`vt-scroll${windowed ? ' vt-scroll--windowed' : ''}`} ref={scrollRef} tabIndex={0} aria-label={t('views.tableScroll')}>
      <table className="table vt-table" aria-rowcount={items.length + 1}>
        <colgroup>
          {selectable ? <col className="col-select" /> : null}
          {columns.map((f) => (
            <col key={f} style={{ width: `${((weightOf(f) / weights) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {selectable ? (
              <th scope="col" className="col-select">
                <input
                  type="checkbox"
                  aria-label={t('bulk.selectAll', { count: rows.length })}
                  checked={allSelected}
                  onChange={(e) => setSelected(e.target.checked ? rows.map((c) => c.id) : [])}
                />
              </th>
            ) : null}
            {columns.map((f) => {
              const i = sort.findIndex((s) => s.field === f);
              const s = i >= 0 ? sort[i] : undefined;
              return (
                <th key={f} scope="col" aria-sort={i === 0 && s ? (s.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="th-sort" onClick={(e) => onSort(f, e)} title={t('views.sortHint')}>
                    {t(`views.fields.${f}`)}
                    {s ? (
                      <span aria-hidden="true" className="sort-mark">
                        {s.dir === 'asc' ? ' ▲' : ' ▼'}
                        {sort.length > 1 ? i + 1 : ''}
                      </span>
                    ) : null}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onClick={onBodyClick}>
          {top > 0 ? (
            <tr aria-hidden="true" className="vt-spacer">
              <td colSpan={colCount} style={{ height: top }} />
            </tr>
          ) : null}
          {body}
          {bottom > 0 ? (
            <tr aria-hidden="true" className="vt-spacer">
              <td colSpan={colCount} style={{ height: bottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
