import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../shared';
import { regionName, userRegions } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../candidates/format';
import { answer } from './actions';
import { TextField } from '../../ui/fields';

/** Open referrals and transfers to any of the user's regions, live. */
export function useInbox(): Referral[] | null {
  const { db, session } = useApp();
  const [rows, setRows] = useState<Referral[] | null>(null);
  useEffect(() => {
    if (!db || !session) return;
    const mine = userRegions(session);
    const sub = db.referrals
      .find({ selector: { status: 'open' } })
      .$.subscribe((docs) => setRows(docs.map((d) => d.toJSON() as Referral).filter((r) => mine.includes(r.toRegion)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))));
    return () => sub.unsubscribe();
  }, [db, session]);
  return rows;
}

function InboxItem({ r }: { r: Referral }) {
  const { t } = useTranslation();
  const { db, session } = useApp();
  const locale = currentLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!db || !session) return null;
  const decide = async (accept: boolean) => {
    try {
      await answer(db, r.id, accept, note, session.user);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <li className="inbox-item" data-referral={r.id}>
      <h3>{r.summary.name}</h3>
      <p>
        {t(`linking.timeline.${r.kind}`, { from: regionName(session, r.fromRegion), to: regionName(session, r.toRegion) })} · {r.createdBy} ·{' '}
        <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale)}</time>
      </p>
      <p className="note-text">{r.reason}</p>
      <TextField id={`answer-${r.id}`} name="answer" label={t('linking.answerNote')} multiline rows={2} value={note} maxLength={2000} onChange={setNote} />
      {error ? <p className="field-error">{error}</p> : null}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => void decide(true)}>
          {t('linking.accept')}
        </button>{' '}
        <button type="button" className="button" onClick={() => void decide(false)}>
          {t('linking.decline')}
        </button>
      </div>
    </li>
  );
}

/** The receiving region's inbox: accept or decline referrals and transfers, with a note. */
export function ReferralInbox() {
  const { t } = useTranslation();
  const rows = useInbox();
  return (
    <section aria-labelledby="inbox-title">
      <button type="button" className="button button--link" onClick={() => navigate({ name: 'list' })}>
        ← {t('detail.back')}
      </button>
      <h2 id="inbox-title">{t('linking.inbox')}</h2>
      {rows === null ? <p className="muted">{t('app.loading')}</p> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('linking.inboxEmpty')}</p> : null}
      <ul className="inbox">{rows?.map((r) => <InboxItem key={r.id} r={r} />)}</ul>
    </section>
  );
}

/** Header button to the inbox, with the number of open referrals. */
export function InboxNav() {
  const { t } = useTranslation();
  const rows = useInbox();
  const n = rows?.length ?? 0;
  return (
    <button type="button" className="button button--small" onClick={() => navigate({ name: 'referrals' })}>
      {t('linking.inbox')}
      {n ? ` (${n})` : ''}
    </button>
  );
}
