import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageRegion, intakeSnippet } from '../../../shared';
import { principalOf, regionName } from '../../app/session';
import { useApp } from '../../app/store';
import { makeSyncFetch } from '../../sync/replication';
import { serverFetch } from '../../sync/serverFetch';
import { TextField } from '../../ui/fields';

type Load = { state: 'loading' } | { state: 'offline' } | { state: 'ready'; origins: string[] };

/**
 * The region's website form: the copy-paste snippet, the hosted page, and (for coordinators
 * and admins) the website origins allowed to send it.
 */
export function IntakeSettings() {
  const { t } = useTranslation();
  const { session, region } = useApp();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [copied, setCopied] = useState('');
  const server = session?.server.replace(/\/+$/, '') ?? '';
  const api = useMemo(() => (server ? makeSyncFetch(server) : null), [server]);
  const manage = !!session && !!region && canManageRegion(principalOf(session), region);

  useEffect(() => {
    if (!api || !region) return;
    let live = true;
    api(`${server}/intake/${encodeURIComponent(region)}/settings`)
      .then(async (r) => {
        const body = (await r.json()) as { origins?: string[] };
        if (!live) return;
        const origins = body.origins ?? [];
        setLoad({ state: 'ready', origins });
        setText(origins.join('\n'));
      })
      .catch(() => live && setLoad({ state: 'offline' }));
    return () => {
      live = false;
    };
  }, [api, server, region]);

  if (!session || !region) return null;
  const snippet = intakeSnippet({ server, region, regionName: regionName(session, region) });
  const hosted = `${server}/intake/${region}/form`;

  const save = async () => {
    setError('');
    setSaved('');
    const origins = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    try {
      const res = await serverFetch(server)(`${server}/intake/${encodeURIComponent(region)}/settings`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ origins }),
      });
      const body = (await res.json()) as { origins?: string[]; reason?: string };
      if (!res.ok) return setError(t('intakeSettings.invalidOrigins', { reason: body.reason ?? res.status }));
      setText((body.origins ?? []).join('\n'));
      setSaved(t('intakeSettings.saved'));
    } catch {
      setError(t('intakeSettings.offline'));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied(t('intakeSettings.copied'));
    } catch {
      setCopied(t('intakeSettings.copyManually'));
    }
  };

  return (
    <section aria-labelledby="intake-title">
      <h2 id="intake-title">{t('intakeSettings.title', { region: regionName(session, region) })}</h2>
      <p>{t('intakeSettings.intro')}</p>
      <h3>{t('intakeSettings.hosted')}</h3>
      <p>
        <a href={hosted} target="_blank" rel="noreferrer">
          {hosted}
        </a>
      </p>
      <h3>
        <label htmlFor="intake-snippet">{t('intakeSettings.snippet')}</label>
      </h3>
      <p className="field-hint" id="intake-snippet-hint">
        {t('intakeSettings.snippetHint')}
      </p>
      <textarea id="intake-snippet" readOnly rows={10} value={snippet} aria-describedby="intake-snippet-hint" style={{ width: '100%', fontFamily: 'monospace', fontSize: '0.85rem' }} />
      <p>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('intakeSettings.copy')}
        </button>{' '}
        <span aria-live="polite">{copied}</span>
      </p>
      <h3>{t('intakeSettings.origins')}</h3>
      {load.state === 'loading' ? <p className="muted">{t('app.loading')}</p> : null}
      {load.state === 'offline' ? <p className="notice notice--info">{t('intakeSettings.offline')}</p> : null}
      {load.state === 'ready' ? (
        manage ? (
          <div>
            <TextField
              id="intake-origins"
              name="origins"
              label={t('intakeSettings.originsLabel')}
              multiline
              value={text}
              onChange={setText}
              hint={t('intakeSettings.originsHint')}
              error={error || undefined}
            />
            <p>
              <button type="button" className="button button--primary" onClick={() => void save()}>
                {t('intakeSettings.save')}
              </button>{' '}
              <span aria-live="polite">{saved}</span>
            </p>
          </div>
        ) : load.origins.length ? (
          <ul>
            {load.origins.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('intakeSettings.noOrigins')}</p>
        )
      ) : null}
    </section>
  );
}
