import { useTranslation } from 'react-i18next';
import { canManageRegion } from '../../../shared';
import { principalOf, regionName } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { AuditLogView } from './AuditLogView';
import { RetentionList } from './RetentionList';
import './privacy.css';

export type PrivacyTab = 'retention' | 'audit';

/** Privacy for supervisors of the current region: retention list and audit log. */
export function PrivacyScreen({ tab }: { tab: PrivacyTab }) {
  const { t } = useTranslation();
  const { session, region } = useApp();
  if (!session || !region) return null;
  if (!canManageRegion(principalOf(session), region)) return <p className="notice notice--error">{t('privacy.onlySupervisors')}</p>;
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">{t('privacy.title', { region: regionName(session, region) })}</h2>
      <div className="button-row" role="tablist" aria-label={t('privacy.title', { region: regionName(session, region) })}>
        {(['retention', 'audit'] as const).map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className="button button--small" onClick={() => navigate({ name: 'privacy', tab: k })}>
            {t(`privacy.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'retention' ? <RetentionList key={region} region={region} /> : <AuditLogView key={region} region={region} />}
    </section>
  );
}

/** The header link, for supervisors and administrators of the current region only. */
export function PrivacyNav() {
  const { t } = useTranslation();
  const { session, region, view } = useApp();
  if (!session || !region || !canManageRegion(principalOf(session), region)) return null;
  return (
    <button type="button" className="button button--small" aria-current={view.name === 'privacy' ? 'page' : undefined} onClick={() => navigate({ name: 'privacy', tab: 'retention' })}>
      {t('privacy.nav')}
    </button>
  );
}
