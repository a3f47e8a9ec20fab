import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type MiniSearch from 'minisearch';
import { labelOf, ORGANISATION_KINDS, type Organisation } from '../../../shared';
import { currentLocale } from '../../i18n';
import { indexOrganisations, isReadOnly } from '../network/search';
import { codesOf, pickOrganisations } from './pickerSearch';
import './picker.css';

/** The picker's value: an organisation's id, NEW_ORGANISATION to enter one by hand, or '' for none. */
export const NEW_ORGANISATION = 'new';

interface Props {
  id: string;
  orgs: Organisation[] | null;
  home: string;
  value: string;
  onChange: (value: string) => void;
  /** Called when the advisor first focuses the picker: the moment to start reading organisations. */
  onActivate?: () => void;
  errorId?: string;
}

/**
 * A combobox (WAI-ARIA 1.2 pattern: input + listbox, focus stays in the input, the active option
 * via aria-activedescendant) over the region's own and the reference organisations. A select
 * cannot hold 10,000 DUO schools; typing part of a name, a place or a BRIN code narrows it down.
 */
export function OrganisationPicker({ id, orgs, home, value, onChange, onActivate, errorId }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [query, setQuery] = useState('');
  const [expanded, setExpandedState] = useState(false);
  // Keys can follow each other faster than React renders (focus, End, Enter in one go): the
  // handlers read the latest open state and active option from refs, not from this render.
  const expandedRef = useRef(false);
  const setExpanded = (v: boolean) => {
    expandedRef.current = v;
    setExpandedState(v);
  };
  // The active option by its value, not its position: the organisations are read from the first
  // focus on and arrive while keys are already being pressed; a position would then point at
  // another option (End + Enter picked the first school instead of "new organisation").
  // null means the first option.
  const [activeKey, setActiveKeyState] = useState<string | null>(null);
  const activeRef = useRef<string | null>(null);
  const setActiveKey = (k: string | null) => {
    activeRef.current = k;
    setActiveKeyState(k);
  };
  // The index is built once per change of the organisations, and only once somebody searches.
  const indexRef = useRef<{ of: Organisation[]; index: MiniSearch<Organisation> } | null>(null);
  const searching = query.trim() !== '';
  const results = useMemo(() => {
    if (!orgs) return [];
    let index: MiniSearch<Organisation> | null = null;
    if (searching) {
      if (indexRef.current?.of !== orgs) indexRef.current = { of: orgs, index: indexOrganisations(orgs) };
      index = indexRef.current.index;
    }
    return pickOrganisations(orgs, index, query, home);
  }, [orgs, query, home, searching]);
  // The last option always offers entering a new organisation, as the old select did.
  const options = [...results.map((o) => o.id), NEW_ORGANISATION];
  const indexOf = (k: string | null) => (k === null ? 0 : Math.max(0, options.indexOf(k)));
  const active = indexOf(activeKey);
  const selected = value && value !== NEW_ORGANISATION ? orgs?.find((o) => o.id === value) : undefined;
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  const choose = (v: string) => {
    onChange(v);
    const o = orgs?.find((x) => x.id === v);
    setQuery(o ? o.name : v === NEW_ORGANISATION ? '' : query);
    setExpanded(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Every key works on the latest state (the refs), over the options of this render.
    const current = indexOf(activeRef.current);
    const expanded = expandedRef.current;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!expanded) {
        setExpanded(true);
        setActiveKey(e.key === 'ArrowDown' ? null : NEW_ORGANISATION);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActiveKey(options[(current + step + options.length) % options.length] ?? null);
    } else if (e.key === 'Home' && expanded) {
      e.preventDefault();
      setActiveKey(null);
    } else if (e.key === 'End' && expanded) {
      e.preventDefault();
      // "New organisation" is always the last option, however many organisations arrive.
      setActiveKey(NEW_ORGANISATION);
    } else if (e.key === 'Enter') {
      // Enter picks the active option; it must not submit the form while the list is open.
      if (expanded) {
        e.preventDefault();
        choose(options[current] ?? NEW_ORGANISATION);
      }
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        setExpanded(false);
      } else if (query) {
        e.preventDefault();
        setQuery('');
        onChange('');
      }
    }
  };

  const describedBy = [`${id}-hint`, errorId].filter(Boolean).join(' ');
  return (
    <div className="combobox">
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded ? optionId(active) : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={describedBy}
        value={query}
        placeholder={t('contacts.picker.placeholder')}
        onChange={(e) => {
          setQuery(e.target.value);
          setActiveKey(null);
          setExpanded(true);
          // Typing again means choosing again: a half-edited name must not keep the old link.
          if (value) onChange('');
        }}
        onFocus={() => {
          onActivate?.();
          setExpanded(true);
        }}
        onBlur={() => setExpanded(false)}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-hint`} className="muted field-hint">
        {selected
          ? t('contacts.picker.chosen', { name: selected.name, details: [labelOf(ORGANISATION_KINDS, selected.kind, locale), selected.place, codesOf(selected)].filter(Boolean).join(', ') })
          : value === NEW_ORGANISATION
            ? t('contacts.picker.chosenNew')
            : t('contacts.picker.hint')}
      </p>
      <ul id={listId} role="listbox" aria-label={t('contacts.picker.results')} className="combobox__list" hidden={!expanded}>
        {orgs === null ? <li className="muted" role="presentation">{t('contacts.picker.loading')}</li> : null}
        {orgs && results.length === 0 ? (
          <li className="muted" role="presentation">
            {searching ? t('contacts.picker.none', { query: query.trim() }) : t('contacts.picker.typeToSearch')}
          </li>
        ) : null}
        {results.map((o, i) => (
          <li
            key={o.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`combobox__option${i === active ? ' combobox__option--active' : ''}${o.closed ? ' combobox__option--closed' : ''}`}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(o.id);
            }}
            onMouseEnter={() => setActiveKey(o.id)}
          >
            <span className="combobox__name">{o.name}</span>{' '}
            <span className="muted">
              {[labelOf(ORGANISATION_KINDS, o.kind, locale), o.place, codesOf(o), isReadOnly(o) ? t('contacts.picker.reference') : t('contacts.picker.own')].filter(Boolean).join(' · ')}
              {o.closed ? ` · ${t('contacts.picker.closed')}` : ''}
            </span>
          </li>
        ))}
        <li
          id={optionId(results.length)}
          role="option"
          aria-selected={active === results.length}
          className={`combobox__option${active === results.length ? ' combobox__option--active' : ''}`}
          onMouseDown={(e) => {
            e.preventDefault();
            choose(NEW_ORGANISATION);
          }}
          onMouseEnter={() => setActiveKey(NEW_ORGANISATION)}
        >
          {t('contacts.newOrganisation')}
        </li>
      </ul>
    </div>
  );
}
