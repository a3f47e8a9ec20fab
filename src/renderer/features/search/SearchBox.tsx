import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { setQuery, useView } from '../views/viewState';

/** The one search box: name, e-mail, phone, postcode, place (and notes). `/` focuses it. */
export const SearchBox = forwardRef<HTMLInputElement, { resultCount: number | null }>(function SearchBox({ resultCount }, ref) {
  const { t } = useTranslation();
  const query = useView((s) => s.query);
  return (
    <div className="search" role="search">
      <label htmlFor="candidate-search" className="sr-only">
        {t('search.label')}
      </label>
      <input
        ref={ref}
        id="candidate-search"
        type="search"
        placeholder={t('search.placeholder')}
        aria-keyshortcuts="/"
        title={t('search.shortcut')}
        autoComplete="off"
        value={query}
        aria-describedby="search-status"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setQuery('');
            e.currentTarget.blur();
          }
        }}
      />
      <span id="search-status" className="sr-only" aria-live="polite">
        {query.trim() && resultCount !== null ? t('search.results', { count: resultCount }) : ''}
      </span>
    </div>
  );
});
