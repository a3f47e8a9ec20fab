import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../candidates/format';
import { call, type AuditEntry } from './api';

/** The region's audit log, newest first, 50 at a time. Read-only: the server only appends. */
export function AuditLogView({ region }: { region: string }) {
  const { t } = useTranslation();
  const server = useApp((s) => s.session?.server ?? '');
  const locale = currentLocale();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);

  const load = useCallback(
    async (before: string | null) => {
      setLoading(true);
      const res = await call<{ entries: AuditEntry[]; next: string | null }>(server, `/_regiodesk/audit/${encodeURIComponent(region)}?limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      setLoading(false);
      if (!res.ok) return setError(res.offline ? t('privacy.offline') : t('privacy.failed', { reason: res.reason }));
      setEntries((e) => (before ? [...e, ...res.value.entries] : res.value.entries));
      setNext(res.value.next);
    },
    [server, region, t],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  if (error) return <p className="notice notice--error">{error}</p>;
  if (!loading && entries.length === 0) return <p className="empty">{t('privacy.audit.empty')}</p>;
  return (
    <div>
      <table className="table" aria-label={t('privacy.audit.title')}>
        <thead>
          <tr>
            <th>{t('privacy.audit.at')}</th>
            <th>{t('privacy.audit.user')}</th>
            <th>{t('privacy.audit.action')}</th>
            <th>{t('privacy.audit.docs')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at, locale)}</td>
              <td>{e.user ?? t('privacy.audit.system')}</td>
              <td>
                {t(`privacy.audit.actions.${e.action}`, { defaultValue: e.action })}
                {e.what ? <span className="muted"> ({e.what})</span> : null}
              </td>
              <td>{(e.docIds ?? []).slice(0, 5).join(', ') + ((e.docIds?.length ?? 0) > 5 ? ` … (+${e.docIds!.length - 5})` : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <button type="button" className="button" disabled={loading} onClick={() => void load(next)}>
          {t('privacy.audit.more')}
        </button>
      ) : null}
    </div>
  );
}
