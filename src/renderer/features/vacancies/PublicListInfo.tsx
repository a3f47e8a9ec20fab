import { useTranslation } from 'react-i18next';
import { vacancyEmbedSnippet } from '../../../shared';

/** Where the region's public vacancy list lives and the line a website pastes to show it. */
export function PublicListInfo({ server, region }: { server: string; region: string }) {
  const { t } = useTranslation();
  const base = (server || globalThis.location?.origin || '').replace(/\/+$/, '');
  const url = `${base}/vacatures/${encodeURIComponent(region)}`;
  return (
    <details className="public-list-info">
      <summary>{t('vacancies.publicLink')}</summary>
      <p>
        <a href={url} target="_blank" rel="noreferrer">
          {url}
        </a>
      </p>
      <p>{t('vacancies.embedHint')}</p>
      <pre>
        <code>{vacancyEmbedSnippet(base, region)}</code>
      </pre>
    </details>
  );
}
