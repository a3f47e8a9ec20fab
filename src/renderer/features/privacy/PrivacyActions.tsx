import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageRegion } from '../../../shared';
import { principalOf } from '../../app/session';
import { navigate, setNotice, useApp } from '../../app/store';
import type { FileSectionProps } from '../candidates/fileSections';
import { fullName } from '../candidates/list';
import { makeSyncFetch } from '../../sync/replication';
import { call, download, reportViewed } from './api';
import { applyErasures } from './erasure-sync';
import './privacy.css';

/**
 * The privacy section of a candidate's file: the right-of-access export (PDF and JSON, logged
 * by the server) and, for a supervisor of her owner region or an administrator, erasure with a
 * confirmation that asks for her name. Opening the file is reported to the audit log.
 */
export function PrivacyActions({ c, db }: FileSectionProps) {
  const { t } = useTranslation();
  const { session, region } = useApp();
  const [busy, setBusy] = useState<'pdf' | 'json' | 'erase' | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [eraseError, setEraseError] = useState('');
  const inputId = useId();
  const server = session?.server ?? '';
  const auditRegion = region && c.regions.includes(region) ? region : c.ownerRegion;

  useEffect(() => {
    if (server) void reportViewed(server, auditRegion, c.id);
  }, [server, auditRegion, c.id]);

  if (!session) return null;
  const mayErase = session.admin || canManageRegion(principalOf(session), c.ownerRegion);
  const name = fullName(c);

  const exportAs = async (format: 'pdf' | 'json') => {
    setBusy(format);
    setMessage(null);
    const res = await call<Blob | object>(server, `/_regiodesk/access-export/${encodeURIComponent(c.id)}${format === 'pdf' ? '?format=pdf' : ''}`);
    setBusy(null);
    if (!res.ok) return setMessage({ kind: 'error', text: res.offline ? t('privacy.offline') : t('privacy.failed', { reason: res.reason }) });
    const blob = res.value instanceof Blob ? res.value : new Blob([JSON.stringify(res.value, null, 2)], { type: 'application/json' });
    download(blob, `inzage-${c.id}.${format}`);
    setMessage({ kind: 'success', text: t('privacy.exported') });
  };

  const erase = async () => {
    if (typed.trim() !== name.trim()) return setEraseError(t('privacy.erase.nameMismatch'));
    setBusy('erase');
    setEraseError('');
    const res = await call<{ purged: Record<string, number> }>(server, '/_regiodesk/erase', { method: 'POST', body: JSON.stringify({ candidateId: c.id }) });
    if (!res.ok) {
      setBusy(null);
      return setEraseError(res.offline ? t('privacy.offline') : t('privacy.failed', { reason: res.reason }));
    }
    // This laptop drops her now; the others at their next sync.
    await applyErasures(db, makeSyncFetch(server), server);
    setBusy(null);
    navigate({ name: 'list' });
    setNotice(t('privacy.erase.done'));
  };

  return (
    <section className="file-section" aria-labelledby="file-privacy">
      <h3 id="file-privacy">{t('privacy.section')}</h3>
      <p className="muted">{t('privacy.exportHint')}</p>
      <div className="button-row">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void exportAs('pdf')}>
          {busy === 'pdf' ? t('privacy.exporting') : t('privacy.exportPdf')}
        </button>{' '}
        <button type="button" className="button" disabled={busy !== null} onClick={() => void exportAs('json')}>
          {busy === 'json' ? t('privacy.exporting') : t('privacy.exportJson')}
        </button>
      </div>
      {message ? <p className={`notice notice--${message.kind}`} role="status">{message.text}</p> : null}
      {mayErase ? (
        confirming ? (
          <form
            className="privacy-erase"
            onSubmit={(e) => {
              e.preventDefault();
              void erase();
            }}
          >
            <p>{t('privacy.erase.warning', { name })}</p>
            <label htmlFor={inputId}>{t('privacy.erase.typeName')}</label>
            <input id={inputId} value={typed} autoComplete="off" aria-invalid={!!eraseError} aria-describedby={eraseError ? `${inputId}-error` : undefined} onChange={(e) => setTyped(e.target.value)} />
            {eraseError ? (
              <p id={`${inputId}-error`} className="field-error" role="alert">
                {eraseError}
              </p>
            ) : null}
            <div className="button-row">
              <button type="submit" className="button button--danger" disabled={busy !== null}>
                {busy === 'erase' ? t('privacy.erase.busy') : t('privacy.erase.confirm')}
              </button>{' '}
              <button type="button" className="button" onClick={() => (setConfirming(false), setTyped(''), setEraseError(''))}>
                {t('privacy.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
            {t('privacy.erase.start')}
          </button>
        )
      ) : null}
    </section>
  );
}
