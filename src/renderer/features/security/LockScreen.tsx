import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredSession } from '../../app/session';
import { bridge } from '../../platform/bridge';
import { useSyncStatus } from '../../sync/status';
import { lockNow, unlocked } from './lock';
import { currentDataKey, rewrapOpenKey, rewrapWithPreviousPassword, unlockDataKey, useDataKey } from './keyring';
import { verifyPassword } from './unlock';
import { WipeButton } from './WipeButton';

/**
 * Shown instead of the app after inactivity, and in web mode at every start before the database
 * opens (its key comes from the password): nothing personal is on screen. Unlocking needs the
 * password (checked by the server, or offline by the local verifier); the other way out is
 * logging out, which also wipes the local data. After a password change on the server it asks
 * once for the previous password, which still protects the local data key.
 */
export function LockScreen({ session, onLogoutAndWipe, onKey }: { session: StoredSession; onLogoutAndWipe: () => Promise<void>; onKey?: () => void }) {
  const { t } = useTranslation();
  const changed = useDataKey((s) => s.changed !== null);
  const starting = useDataKey((s) => s.needed);
  const pending = useSyncStatus((s) => s.pending.length);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError(t('security.lock.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (changed) {
        if (await rewrapWithPreviousPassword(password, globalThis.localStorage)) {
          unlocked();
          onKey?.();
        } else setError(t('security.key.previousWrong'));
        return;
      }
      const result = await verifyPassword(session.server, session.user, password, globalThis.localStorage);
      if (result !== 'ok') {
        setError(t(result === 'wrong' ? 'security.lock.wrong' : 'security.lock.noVerifier'));
        return;
      }
      // Web mode: the password also unwraps the data key (desktop: it is in the OS keychain).
      if (!currentDataKey() && !bridge()) {
        if ((await unlockDataKey(session.server, session.user, password, globalThis.localStorage)) === 'changed') return;
        unlocked();
        onKey?.();
        return;
      }
      if (!bridge()) await rewrapOpenKey(session.server, session.user, password, globalThis.localStorage).catch(() => undefined);
      unlocked();
      if (starting) onKey?.();
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  const field = changed ? 'security.key.previous' : 'security.lock.password';
  return (
    <main className="login" aria-labelledby="lock-title">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="lock-title">{t(changed ? 'security.key.changedTitle' : 'security.lock.title')}</h1>
        <p className="muted">{changed ? t('security.key.changedIntro') : t(starting ? 'security.key.startIntro' : 'security.lock.intro', { user: session.user })}</p>
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label htmlFor="lock-password">{t(field)}</label>
          <input
            id="lock-password"
            key={field}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'lock-error' : undefined}
          />
          {error ? (
            <p id="lock-error" className="field-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? t('security.lock.busy') : t(changed ? 'security.key.rewrap' : 'security.lock.unlock')}
        </button>
        {changed ? <p className="muted">{t('security.key.forgotten')}</p> : null}
        <WipeButton pendingChanges={pending} onConfirm={onLogoutAndWipe} />
      </form>
    </main>
  );
}

/** The header's "Vergrendelen" button, for leaving the laptop at a stand. */
export function LockButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--small" onClick={lockNow}>
      {t('security.lock.now')}
    </button>
  );
}
