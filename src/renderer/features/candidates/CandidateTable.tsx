import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldOf, labelOf, type Candidate, type Group, type SortKey, type ViewFieldKey } from '../../../shared';
import { currentLocale } from '../../i18n';
import { setSelected, setSpec, takeReveal, toggleSelected, useView } from '../views/viewState';
import { Cell } from './cells';

type Item = { kind: 'group'; key: string; count: number } | { kind: 'row'; c: Candidate };

const ROW_HEIGHT = 41;
/** Up to this many rows the table renders them all; beyond, only those in sight. */
const FULL_RENDER_MAX = 300;

/** Label of a group's value: a taxonomy label, the text itself, or "(geen)". */
export function groupLabel(field: ViewFieldKey, key: string, none: string): string {
  if (key === '') return none;
  const f = fieldOf(field);
  return f?.terms ? labelOf(f.terms, key, currentLocale()) : key;
}

/**
 * The list as a table. Only the rows in sight are in the DOM (virtualised with spacer rows, so
 * it stays a real table for screen readers and keeps 60 fps at 100,000 rows). Grouped views show
 * a header row with the count above each group.
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

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // The candidate just registered is scrolled into view, so the advisor sees it in the list.
  useEffect(() => {
    const id = takeReveal();
    if (!id) return;
    const i = items.findIndex((it) => it.kind === 'row' && it.c.id === id);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'center' });
  }, [items, virtualizer]);
  // Short lists are rendered whole (find-in-page and tests see every row); long ones are windowed.
  const windowed = items.length > FULL_RENDER_MAX;
  const virtual = windowed ? virtualizer.getVirtualItems() : items.map((_, index) => ({ index, start: 0, end: 0 }));
  const top = windowed && virtual.length ? virtual[0]!.start : 0;
  const bottom = windowed && virtual.length ? virtualizer.getTotalSize() - virtual[virtual.length - 1]!.end : 0;
  const colCount = columns.length + (selectable ? 1 : 0);

  const onSort = (field: ViewFieldKey, e: MouseEvent) => {
    const existing = sort.find((s) => s.field === field);
    const dir = existing?.dir === 'asc' ? 'desc' : 'asc';
    // Shift+click adds a secondary sort key, as in spreadsheets.
    if (e.shiftKey) setSpec({ sort: [...sort.filter((s) => s.field !== field), { field, dir }] });
    else setSpec({ sort: [{ field, dir }] });
  };
  const allSelected = rows.length > 0 && rows.every((c) => selected.has(c.id));

  return (
    <div className="vt-scroll" ref={scrollRef} tabIndex={0} aria-label={t('views.tableScroll')}>
      <table className="table vt-table" aria-rowcount={items.length + 1}>
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
        <tbody>
          {top > 0 ? (
            <tr aria-hidden="true" className="vt-spacer">
              <td colSpan={colCount} style={{ height: top }} />
            </tr>
          ) : null}
          {virtual.map((v) => {
            const item = items[v.index]!;
            if (item.kind === 'group') {
              return (
                <tr key={`g-${item.key}`} className="group-row" aria-rowindex={v.index + 2}>
                  <th scope="colgroup" colSpan={colCount}>
                    {groupBy ? groupLabel(groupBy, item.key, t('views.none')) : ''} <span className="count">{item.count}</span>
                  </th>
                </tr>
              );
            }
            const c = item.c;
            return (
              <tr key={c.id} className="row-link" aria-rowindex={v.index + 2} onClick={() => open(c.id)} data-id={c.id}>
                {selectable ? (
                  <td className="col-select" onClick={(e) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      aria-label={t('bulk.select', { name: `${c.firstName} ${c.lastName}` })}
                      checked={selected.has(c.id)}
                      onChange={(e) => toggleSelected(c.id, e.target.checked)}
                    />
                  </td>
                ) : null}
                {columns.map((f) => (
                  <td key={f}>
                    <Cell c={c} field={f} locale={locale} open={open} />
                  </td>
                ))}
              </tr>
            );
          })}
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
