import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Uitloggen". Online with everything sent it logs out at once. Offline, or with changes not yet
 * sent, it asks first: logging in again needs the server, so at an information evening without a
 * network the advisor would be locked out of the laptop's data (kept, and sent after the next
 * login) until she is online again.
 */
export function LogoutButton({ offline, pendingChanges, onLogout }: { offline: boolean; pendingChanges: number; onLogout: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--small" onClick={() => (offline || pendingChanges > 0 ? setAsking(true) : onLogout())}>
        {t('app.logout')}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="logout-question" className="wipe-confirm">
      <p id="logout-question">
        {offline ? t('security.logout.offline') : null} {pendingChanges > 0 ? t('security.logout.pending', { count: pendingChanges }) : null}
      </p>
      <button type="button" className="button button--small" onClick={onLogout}>
        {t('security.logout.yes')}
      </button>{' '}
      <button type="button" className="button button--small" onClick={() => setAsking(false)} autoFocus>
        {t('security.logout.cancel')}
      </button>
    </div>
  );
}
