import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, PHASES, type Note, type Referral } from '../../../shared';
import { useApp } from '../../app/store';
import { regionName } from '../../app/session';
import { currentLocale } from '../../i18n';
import type { FileSectionProps } from '../candidates/fileSections';
import { formatDateTime } from '../candidates/format';
import { correct, retract } from '../notes/actions';
import { useCandidateNotes, useCandidateReferrals } from '../notes/hooks';
import { registerTimelineSource, type TimelineItem } from './sources';

function useRegionName(): (code: string) => string {
  const session = useApp((s) => s.session);
  return (code) => (session ? regionName(session, code) : code);
}

function NoteItem({ note, db, user }: { note: Note; db: FileSectionProps['db']; user: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const name = useRegionName();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note.text);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = note.author === user && !note.retracted;
  const comment = note.visibility === 'region';
  const save = async () => {
    if (!text.trim()) return setError(t('validation.required'));
    try {
      await correct(db, note.id, text, user);
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <article className={`note${comment ? ' note--comment' : ''}${note.retracted ? ' note--retracted' : ''}`} data-note={note.id}>
      <header className="note-head">
        <strong>{comment ? t('timeline.comment', { region: name(note.region) }) : t('timeline.note')}</strong>
        {note.kind ? <span className="note-kind">{t(`notes.kinds.${note.kind}`)}</span> : null}
        <span className="note-meta">
          {t('timeline.byIn', { user: note.author, region: name(note.region) })} · <time dateTime={note.at}>{formatDateTime(note.at, locale)}</time>
        </span>
      </header>
      {editing ? (
        <div className="field field--wide">
          <label htmlFor={`correct-${note.id}`}>{t('notes.correction')}</label>
          <textarea id={`correct-${note.id}`} rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `correct-${note.id}-error` : undefined} />
          {error ? <p id={`correct-${note.id}-error`} className="field-error">{error}</p> : null}
          <div className="actions">
            <button type="button" className="button button--primary button--small" onClick={() => void save()}>{t('notes.saveCorrection')}</button>
            <button type="button" className="button button--small" onClick={() => { setEditing(false); setText(note.text); setError(null); }}>{t('notes.cancel')}</button>
          </div>
        </div>
      ) : note.retracted ? (
        <p className="note-text">
          <del>{note.text}</del> <span className="muted">{t('notes.retractedBy', { user: note.retracted.by, time: formatDateTime(note.retracted.at, locale) })}</span>
        </p>
      ) : (
        <p className="note-text">{note.text}</p>
      )}
      {note.history?.length ? (
        <details className="note-history">
          <summary>{t('notes.corrected', { count: note.history.length })}</summary>
          <ol>
            {note.history.map((h) => (
              <li key={h.at + h.text}>
                <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time>: {h.text}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {mine && !editing ? (
        <div className="actions">
          <button type="button" className="button button--small" onClick={() => setEditing(true)}>{t('notes.correct')}</button>
          {confirming ? (
            <span role="group" aria-label={t('notes.confirmRetract')}>
              <span>{t('notes.confirmRetract')} </span>
              <button type="button" className="button button--small" onClick={() => void retract(db, note.id, user).then(() => setConfirming(false))}>{t('notes.retract')}</button>
              <button type="button" className="button button--small" onClick={() => setConfirming(false)}>{t('notes.cancel')}</button>
            </span>
          ) : (
            <button type="button" className="button button--small" onClick={() => setConfirming(true)}>{t('notes.retract')}</button>
          )}
        </div>
      ) : null}
    </article>
  );
}

function useNoteItems({ c, db, user }: FileSectionProps): TimelineItem[] | null {
  const notes = useCandidateNotes(db, c.id);
  return useMemo(
    () => notes?.map((n) => ({ key: n.id, kind: n.visibility === 'region' ? 'comment' : 'note', at: n.at, node: <NoteItem note={n} db={db} user={user} /> })) ?? null,
    [notes, db, user],
  );
}

function PhaseItem({ from, to, by, at }: { from?: string | undefined; to: string; by: string; at: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <p className="timeline-line">
      <strong>{from ? t('timeline.phaseMoved', { from: labelOf(PHASES, from, locale), to: labelOf(PHASES, to, locale) }) : t('timeline.phaseStarted', { to: labelOf(PHASES, to, locale) })}</strong>{' '}
      <span className="note-meta">
        {t('timeline.by', { user: by })} · <time dateTime={at}>{formatDateTime(at, locale)}</time>
      </span>
    </p>
  );
}

function usePhaseItems({ c }: FileSectionProps): TimelineItem[] | null {
  return useMemo(
    () => (c.phaseHistory ?? []).map((p, i) => ({ key: `phase-${i}-${p.at}`, kind: 'phase', at: p.at, node: <PhaseItem {...p} /> })),
    [c.phaseHistory],
  );
}

function ReferralItem({ r }: { r: Referral }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const name = useRegionName();
  return (
    <div className="timeline-line" data-referral={r.id}>
      <strong>{t(`linking.timeline.${r.kind}`, { from: name(r.fromRegion), to: name(r.toRegion) })}</strong>{' '}
      <span className="note-meta">
        {t('timeline.by', { user: r.createdBy })} · <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, locale)}</time>
      </span>
      <p className="note-text">{r.reason}</p>
      <p className="muted">
        {r.status === 'open'
          ? t('linking.status.open')
          : t(`linking.status.${r.status}`, { user: r.decidedBy ?? '', time: r.decidedAt ? formatDateTime(r.decidedAt, locale) : '' })}
        {r.decisionNote ? `: ${r.decisionNote}` : ''}
      </p>
    </div>
  );
}

function useReferralItems({ c, db }: FileSectionProps): TimelineItem[] | null {
  const refs = useCandidateReferrals(db, c.id);
  return useMemo(() => refs?.map((r) => ({ key: r.id, kind: 'referral', at: r.createdAt, node: <ReferralItem r={r} /> })) ?? null, [refs]);
}

registerTimelineSource({ kinds: ['note', 'comment'], useItems: useNoteItems });
registerTimelineSource({ kinds: ['phase'], useItems: usePhaseItems });
registerTimelineSource({ kinds: ['referral'], useItems: useReferralItems });
