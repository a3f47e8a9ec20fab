import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Uitloggen en gegevens wissen" with a confirmation: what goes is said plainly, including
 * changes not yet sent to the server, which are lost.
 */
export function WipeButton({ pendingChanges, onConfirm }: { pendingChanges: number; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button--small" onClick={() => setAsking(true)}>
        {t('security.wipe.action')}
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="wipe-question" className="wipe-confirm">
      <p id="wipe-question">
        {t('security.wipe.confirm')} {pendingChanges > 0 ? t('security.wipe.pending', { count: pendingChanges }) : null}
      </p>
      <button
        type="button"
        className="button button--small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void onConfirm().finally(() => setBusy(false));
        }}
      >
        {busy ? t('security.wipe.busy') : t('security.wipe.yes')}
      </button>{' '}
      <button type="button" className="button button--small" onClick={() => setAsking(false)} autoFocus>
        {t('security.wipe.cancel')}
      </button>
    </div>
  );
}
