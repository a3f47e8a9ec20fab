import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { labelOf, MATCH_STEPS, type Match, type MatchStep } from '../../../shared';
import { currentLocale } from '../../i18n';
import { formatDate } from '../candidates/format';
import { today } from '../tasks/actions';
import { SelectField, TextField } from '../../ui/fields';
import { advanceMatch, withdrawMatch } from './actions';
import type { RegiodeskDatabase } from '../../db/database';

/** The usual path of a match; `afgewezen` may end it anywhere. */
const PATH: readonly MatchStep[] = ['voorgesteld', 'gesprek', 'meeloopdag', 'aanbod', 'aangenomen'];

/** The next step a match usually takes, preselected in the form. */
function nextStep(step: MatchStep): MatchStep {
  const i = PATH.indexOf(step);
  return i >= 0 && i < PATH.length - 1 ? PATH[i + 1]! : step;
}

/** Whether `chosen` is the match's current step or one before it on the usual path. */
function isBehind(chosen: string, current: MatchStep): boolean {
  const c = PATH.indexOf(chosen as MatchStep);
  return c >= 0 && c <= PATH.indexOf(current);
}

/**
 * One match's pipeline: where it stands, its history, and a small form to record the next step
 * with date and note. Hiring asks for confirmation, as it fills the vacancy and places the person.
 */
export function MatchPipeline({ db, match, title, user, editable, onOpen }: { db: RegiodeskDatabase; match: Match; title: string; user: string; editable: boolean; onOpen?: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // The step she chose; null until she chooses one. Until then the form proposes the step after
  // the match's current one, so a colleague's advance that arrives through sync moves it along
  // (kept as state, the form went on proposing the step after the old one: saving it recorded a
  // step the match had passed). A chosen step stays, with a warning once the match has reached it.
  const [chosenStep, setChosenStep] = useState<string | null>(null);
  const step = chosenStep ?? nextStep(match.step);
  const behind = chosenStep !== null && isBehind(chosenStep, match.step);
  const [date, setDate] = useState(today());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  // A save in flight: the button waits for it (a second save at once would write the school contact
  // twice), while the fields stay open to the next step.
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const idBase = `mp-${match.id.replace(/[^a-z0-9]/gi, '')}`;
  const err = (f: string) => (errors[f] ? t(`vacancies.errors.${errors[f]}`, { defaultValue: t(`validation.${errors[f]}`, { defaultValue: errors[f] }) }) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (savingRef.current) return;
    setSaved(null);
    if (step === 'aangenomen' && !window.confirm(t('vacancies.pipeline.confirmHire', { name: title }))) return;
    const sent = { step, note };
    savingRef.current = true;
    setSaving(true);
    let r: Awaited<ReturnType<typeof advanceMatch>>;
    try {
      r = await advanceMatch(db, match.id, step as MatchStep, { date, note }, user);
    } catch (err) {
      // A failed write (e.g. the database closing) is said at the form, not lost as an unhandled rejection.
      r = { ok: false, errors: { step: err instanceof Error ? err.message : String(err) } };
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setErrors({});
    // Only what this save recorded is cleared: the live pipeline shows the new step as soon as the
    // match is written, before the save's last writes, and a step chosen or a note typed meanwhile
    // is the user's next entry, kept as it is.
    setNote((cur) => (cur === sent.note ? '' : cur));
    setChosenStep((cur) => (cur === sent.step ? null : cur));
    // Hiring's outcome is shown from the stored step below, not from this component's state: the
    // live query re-renders (and may re-mount) the pipeline as the match, vacancy and candidate change.
    setSaved(sent.step === 'aangenomen' ? null : t('vacancies.pipeline.saved'));
  };

  return (
    <div className="match-pipeline" data-testid="match-pipeline" data-step={match.step}>
      <p>
        <strong>
          {onOpen ? (
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                onOpen();
              }}
            >
              {title}
            </a>
          ) : (
            title
          )}
        </strong>{' '}
        · <span className="badge" data-testid="match-step">{labelOf(MATCH_STEPS, match.step, locale)}</span>
      </p>
      <details>
        <summary>{t('vacancies.pipeline.history')} ({match.history.length})</summary>
        <ol className="match-history">
          {match.history.map((h, i) => (
            <li key={i}>
              {formatDate(h.date, locale)} · {labelOf(MATCH_STEPS, h.step, locale)} ({h.by}){h.note ? ` — ${h.note}` : ''}
            </li>
          ))}
        </ol>
      </details>
      {editable ? (
        <form className="inline-form" noValidate onSubmit={submit} aria-label={`${t('vacancies.pipeline.save')}: ${title}`}>
          <SelectField
            id={`${idBase}-step`}
            name="step"
            label={t('vacancies.pipeline.step')}
            value={step}
            onChange={setChosenStep}
            terms={MATCH_STEPS}
            error={err('step')}
            hint={behind ? <span data-testid="match-step-behind">{t('vacancies.pipeline.behind', { step: labelOf(MATCH_STEPS, match.step, locale) })}</span> : undefined}
          />
          <TextField id={`${idBase}-date`} name="date" type="date" label={t('vacancies.pipeline.date')} value={date} onChange={setDate} error={err('date')} required />
          <TextField id={`${idBase}-note`} name="note" label={t('vacancies.pipeline.note')} value={note} onChange={setNote} error={err('note')} maxLength={1000} />
          <button type="submit" className="button button--primary button--small" disabled={saving}>
            {t('vacancies.pipeline.save')}
          </button>
        </form>
      ) : null}
      {editable && match.step === 'voorgesteld' && match.history.length === 1 ? (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            if (window.confirm(t('vacancies.pipeline.confirmWithdraw', { name: title }))) void withdrawMatch(db, match.id);
          }}
        >
          {t('vacancies.pipeline.withdraw')}
        </button>
      ) : null}
      {match.step === 'aangenomen' ? (
        <p className="notice notice--success" role="status" data-testid="match-filled">
          {t('vacancies.filled')}
        </p>
      ) : saved ? (
        <p className="notice notice--success" role="status">
          {saved}
        </p>
      ) : null}
    </div>
  );
}
