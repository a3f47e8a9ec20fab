import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import type { ConflictEntry } from '../../sync/journal';
import { formatDateTime } from '../candidates/format';
import { fieldLabel, showValue } from './labels';

/** Merged conflicts, newest first: the field, both values, the outcome, with whom and when. */
export function ConflictList({ entries, limit = 50 }: { entries: ConflictEntry[]; limit?: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (entries.length === 0) return <p className="muted">{t('sync.conflictsNone')}</p>;
  return (
    <ul className="sync-conflicts" data-testid="conflict-list">
      {entries.slice(0, limit).map((c, i) => {
        const who = c.with || t('sync.someone');
        return (
          <li key={`${c.docId}-${c.field}-${c.at}-${i}`} data-field={c.field}>
            <span className="sync-conflict-line">
              {t('sync.conflictLine', {
                field: fieldLabel(c.field, t),
                local: showValue(c.local, t),
                remote: showValue(c.remote, t),
                value: showValue(c.value, t),
                with: who,
              })}
            </span>{' '}
            <span className="muted">
              ({c.winner === 'local' ? t('sync.winnerLocal') : c.winner === 'remote' ? t('sync.winnerRemote', { with: who }) : t('sync.winnerBoth')};{' '}
              {t('sync.conflictWhen', { time: formatDateTime(c.at, locale), with: who })})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
