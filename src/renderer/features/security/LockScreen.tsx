import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredSession } from '../../app/session';
import { lockNow, unlocked } from './lock';
import { verifyPassword } from './unlock';
import { WipeButton } from './WipeButton';

/**
 * Shown instead of the app after inactivity: nothing personal is on screen. Unlocking needs the
 * password (checked by the server, or offline by the local verifier); the other way out is
 * logging out, which also wipes the local data.
 */
export function LockScreen({ session, onLogoutAndWipe }: { session: StoredSession; onLogoutAndWipe: () => Promise<void> }) {
  const { t } = useTranslation();
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
      const result = await verifyPassword(session.server, session.user, password, globalThis.localStorage);
      if (result === 'ok') unlocked();
      else setError(t(result === 'wrong' ? 'security.lock.wrong' : 'security.lock.noVerifier'));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  return (
    <main className="login" aria-labelledby="lock-title">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="lock-title">{t('security.lock.title')}</h1>
        <p className="muted">{t('security.lock.intro', { user: session.user })}</p>
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label htmlFor="lock-password">{t('security.lock.password')}</label>
          <input
            id="lock-password"
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
          {busy ? t('security.lock.busy') : t('security.lock.unlock')}
        </button>
        <WipeButton pendingChanges={0} onConfirm={onLogoutAndWipe} />
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
