import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../shared';
import { navigate, useApp } from '../../app/store';
import { checkable, localMatches, remoteMatches, requestLink, type PersonKeys, type RemoteMatch } from './duplicates';

const WAIT_MS = 400;

/**
 * While a new candidate is typed: is this person already known? Here (a link to her file) or in
 * another region (only the region's name, as the server reveals no more), with a request to link
 * instead of registering her twice. Offline only this device's data is checked.
 */
export function DuplicateHint({ keys, region }: { keys: PersonKeys; region: string }) {
  const { t } = useTranslation();
  const { db, session } = useApp();
  const [local, setLocal] = useState<Candidate[]>([]);
  const [remote, setRemote] = useState<RemoteMatch[]>([]);
  const [asked, setAsked] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(keys);

  useEffect(() => {
    setAsked(null);
    setError(null);
    if (!db || !session || !checkable(keys)) {
      setLocal([]);
      setRemote([]);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      void localMatches(db, keys).then((found) => alive && setLocal(found));
      void remoteMatches(session, keys).then((found) => alive && setRemote((found ?? []).filter((m) => !m.yours)));
    }, WAIT_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, session, key]);

  if (!session || (local.length === 0 && remote.length === 0)) return null;
  const ask = async () => {
    try {
      setAsked(await requestLink(session, region, keys));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="notice duplicate-hint" role="status" data-testid="duplicate-hint">
      {local.length ? (
        <p>
          {t('linking.duplicate.here')}{' '}
          {local.slice(0, 3).map((c) => (
            <button key={c.id} type="button" className="button button--link" onClick={() => navigate({ name: 'detail', id: c.id, editing: false })}>
              {c.firstName} {c.lastName}
            </button>
          ))}
        </p>
      ) : null}
      {remote.length ? (
        <p>
          {t('linking.duplicate.elsewhere', { regions: remote.map((m) => m.name).join(', ') })}{' '}
          {asked ? (
            <strong>{t('linking.duplicate.asked', { regions: asked.join(', ') })}</strong>
          ) : (
            <button type="button" className="button button--small" onClick={() => void ask()}>
              {t('linking.duplicate.ask')}
            </button>
          )}
        </p>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
