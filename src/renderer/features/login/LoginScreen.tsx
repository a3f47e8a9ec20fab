import { useState, type FormEvent } from 'react';
import { afterLogin } from '../security/hooks';
import { useTranslation } from 'react-i18next';
import { openSession } from '../../app/store';
import { bridge, defaultServer } from '../../platform/bridge';
import { unlockDataKey } from '../security/keyring';
import { login, LoginError } from './api';

const LAST_SERVER = 'regiodesk.lastServer';
const LAST_USER = 'regiodesk.lastUser';

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function LoginScreen() {
  const { t } = useTranslation();
  const [server, setServer] = useState(() => remembered(LAST_SERVER) ?? defaultServer());
  const [user, setUser] = useState(() => remembered(LAST_USER) ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!user.trim() || !password) {
      setError(t('login.errors.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await login(server, user.trim(), password);
      await afterLogin(session.server, session.user, password); // offline unlock verifier (features/security)
      // Web mode: the password unwraps the local data key; after a password change on the server
      // the lock screen then asks for the previous one (desktop: the key is in the OS keychain).
      if (!bridge()) await unlockDataKey(session.server, session.user, password, globalThis.localStorage);
      try {
        localStorage.setItem(LAST_SERVER, session.server);
        localStorage.setItem(LAST_USER, session.user);
      } catch {
        /* ignore */
      }
      setPassword('');
      void openSession(session);
    } catch (err) {
      const code = err instanceof LoginError ? err.code : 'serverError';
      setError(t(`login.errors.${code}`));
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {error ? (
          <p className="notice notice--error" role="alert" id="login-error">
            {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="login-server">{t('login.server')}</label>
          <input id="login-server" type="url" value={server} onChange={(e) => setServer(e.target.value)} autoComplete="url" />
        </div>
        <div className="field">
          <label htmlFor="login-user">{t('login.user')}</label>
          <input
            id="login-user"
            value={user}
            onChange={(e) => setUser(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            aria-describedby={error ? 'login-error' : undefined}
          />
        </div>
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
