import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_TEXTS, consentStatus } from '../../../shared';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { makeSyncFetch } from '../../sync/replication';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDate, formatDateTime } from '../candidates/format';
import { ConsentFlag } from './ConsentFlag';
import { requestErasure, withdrawAndRequestErasure, type ErasureOutcome } from './withdraw';
import { ErrorNotice } from '../../ui/Notice';

/** The consent part of a candidate's file: what was agreed, how and when; withdrawal. */
export function ConsentSection({ c, db, user, editable }: FileSectionProps) {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const [confirming, setConfirming] = useState(false);
  // Cancelling the confirmation puts focus back on the button that opened it (not on <body>).
  const backFromConfirm = useRef(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ErasureOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const locale = currentLocale();
  const consent = c.consent;
  const status = consentStatus(consent);
  const text = consent.version ? CONSENT_TEXTS[consent.version]?.text : undefined;

  const run = async (work: () => Promise<ErasureOutcome>) => {
    setBusy(true);
    setError(null);
    try {
      setOutcome(await work());
      setConfirming(false);
    } catch (e) {
      setError(t('consent.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  const server = session?.server ?? '';
  const withdraw = () => run(() => withdrawAndRequestErasure(db, c.id, user, server, makeSyncFetch(server)));
  const resend = () => run(() => requestErasure(c.id, server, makeSyncFetch(server)));

  return (
    <section className="file-section" aria-labelledby="file-consent" data-consent-status={status}>
      <h3 id="file-consent">
        {t('consent.title')} <ConsentFlag candidate={c} />
      </h3>
      <p>{t(`consent.status.${status}`)}</p>
      <dl className="facts">
        {consent.date ? (
          <div className="fact">
            <dt>{t('consent.date')}</dt>
            <dd>{formatDate(consent.date, locale)}</dd>
          </div>
        ) : null}
        {consent.channel ? (
          <div className="fact">
            <dt>{t('consent.channel')}</dt>
            <dd>{t(`consent.channels.${consent.channel}`)}</dd>
          </div>
        ) : null}
        {consent.version ? (
          <div className="fact">
            <dt>{t('consent.version')}</dt>
            <dd>{consent.version}</dd>
          </div>
        ) : null}
        {consent.purpose ? (
          <div className="fact">
            <dt>{t('consent.purpose')}</dt>
            <dd>{consent.purpose}</dd>
          </div>
        ) : null}
        {text ? (
          <div className="fact">
            <dt>{t('consent.text')}</dt>
            <dd lang="nl">{text}</dd>
          </div>
        ) : null}
        {consent.withdrawnAt ? (
          <div className="fact">
            <dt>{t('consent.withdrawnAt')}</dt>
            <dd>{`${formatDateTime(consent.withdrawnAt, locale)} (${consent.withdrawnBy ?? ''})`}</dd>
          </div>
        ) : null}
      </dl>
      {editable && session && !consent.withdrawnAt && !confirming ? (
        <button
          type="button"
          className="button"
          onClick={() => setConfirming(true)}
          ref={(el) => {
            if (el && backFromConfirm.current) {
              backFromConfirm.current = false;
              el.focus();
            }
          }}
        >
          {t('consent.withdraw')}
        </button>
      ) : null}
      {confirming ? (
        <div role="group" aria-labelledby="consent-confirm-text">
          <p id="consent-confirm-text">{t('consent.confirm')}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void withdraw()}>
            {t('consent.confirmYes')}
          </button>{' '}
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => {
              backFromConfirm.current = true;
              setConfirming(false);
            }}
            autoFocus
          >
            {t('consent.cancel')}
          </button>
        </div>
      ) : null}
      {consent.withdrawnAt && !outcome && session ? (
        <button type="button" className="button button--small" disabled={busy} onClick={() => void resend()}>
          {t('consent.resend')}
        </button>
      ) : null}
      {outcome ? (
        <p className={`notice${outcome === 'requested' ? ' notice--success' : ''}`} role="status">
          {t(`consent.outcome.${outcome}`)}
        </p>
      ) : null}
      <ErrorNotice text={error} />
    </section>
  );
}
