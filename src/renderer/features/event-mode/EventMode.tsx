import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentConsentText, FUNCTIONS, SECTORS, SUBJECTS, type Registration } from '../../../shared';
import { browserStore } from '../../app/session';
import { navigate, useApp } from '../../app/store';
import { newId } from '../../platform/bridge';
import { markLocalChange } from '../../sync/status';
import { CheckboxGroup, TextField } from '../../ui/fields';
import { setRegistrationStatus } from '../activities/actions';
import { useActivity, usePeople, useRegistrations } from '../activities/hooks';
import { CheckInPanel } from './CheckInPanel';
import { ContactIndex } from './contacts';
import { clearEventDraft, loadEventDraft, saveEventDraft } from './draft';
import { EMPTY_EVENT_FORM, saveAtEvent, type EventFormValues } from './save';
import './event-mode.css';
import { EventSyncSummary } from './EventSyncSummary';

const store = browserStore('local');
const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone'] as const;

/** Event mode for one activity: a large keyboard-only registration form and check-in. */
export function EventMode({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const { db, session } = useApp();
  const user = session?.user ?? '';
  const activity = useActivity(db, activityId);
  const regs = useRegistrations(db, activityId);
  const people = usePeople(db, (regs ?? []).filter((r) => r.status === 'registered').map((r) => r.candidateId));
  const [values, setValues] = useState<EventFormValues>(() => loadEventDraft(store, user, activityId) ?? EMPTY_EVENT_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attach, setAttach] = useState(true);
  const [announce, setAnnounce] = useState('');
  const [announceKind, setAnnounceKind] = useState<'success' | 'error'>('success');
  const [lastMs, setLastMs] = useState<number | null>(null);
  const [indexReady, setIndexReady] = useState(false);
  const saving = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const index = useMemo(() => new ContactIndex(), []);

  useEffect(() => {
    if (!db) return;
    void index.build(db.candidates).then(() => setIndexReady(true));
    return () => index.stop();
  }, [db, index]);
  // The form renders once the activity has loaded (not at the first render): focus it then, so
  // the advisor can start typing without reaching for the mouse.
  const formShown = Boolean(db) && Boolean(activity);
  useEffect(() => {
    if (formShown) formRef.current?.querySelector<HTMLElement>('#ev-firstName')?.focus();
  }, [formShown]);

  // After a save the confirmation (above the form) comes into view with the emptied first field.
  const announceRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (announce && announceKind === 'success') announceRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [announce, announceKind, lastMs]);

  const attended = (regs ?? []).filter((r) => r.status === 'attended').length;
  const known = indexReady || index.size > 0 ? index.lookup(values.email, values.phone) : null;
  const attachTo = known && attach ? known.id : null;

  const update = (next: EventFormValues) => {
    setValues(next);
    // Synchronous write on every keystroke: a crash or closed lid loses nothing.
    saveEventDraft(store, user, activityId, next);
  };
  const set = (f: keyof EventFormValues) => (v: string | string[] | boolean) => {
    update({ ...values, [f]: v });
    if (errors[f]) setErrors((e) => ({ ...e, [f]: '' }));
    if (f === 'email' || f === 'phone') setAttach(true);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!db || !activity || saving.current) return;
    saving.current = true;
    const started = performance.now();
    try {
      const r = await saveAtEvent(db, values, { activityId, region: activity.region, user, consentPurpose: t('eventMode.consentPurpose'), newId }, attachTo);
      if (!r.ok) {
        setErrors(r.errors);
        const first = [...TEXT_FIELDS, 'consent', 'sectors', 'functions', 'subjects'].find((f) => r.errors[f]);
        formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
        setAnnounceKind('error');
        setAnnounce(t('eventMode.invalid'));
        return;
      }
      const ms = performance.now() - started;
      setLastMs(ms);
      markLocalChange(r.registration.id);
      if (r.candidate) markLocalChange(r.candidate.id);
      const name = r.candidate ? `${r.candidate.firstName} ${r.candidate.lastName}` : known?.name ?? '';
      setAnnounceKind('success');
      setAnnounce(t(attachTo ? 'eventMode.savedKnown' : 'eventMode.saved', { name }));
      setErrors({});
      setAttach(true);
      setValues(EMPTY_EVENT_FORM);
      clearEventDraft(store, user, activityId);
      formRef.current?.querySelector<HTMLElement>('#ev-firstName')?.focus();
    } catch (x) {
      setAnnounceKind('error');
      setAnnounce(t('eventMode.saveFailed', { message: x instanceof Error ? x.message : String(x) }));
    } finally {
      saving.current = false;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey && e.key === '1') {
      e.preventDefault();
      document.getElementById('ev-firstName')?.focus();
    } else if (e.altKey && e.key === '2') {
      e.preventDefault();
      document.getElementById('checkin-filter')?.focus();
    } else if (e.altKey && (e.key === 'k' || e.key === 'K') && known) {
      e.preventDefault();
      setAttach((a) => !a);
    }
  };
  const onFormKey = (e: KeyboardEvent<HTMLFormElement>) => {
    // Enter saves from every field, checkboxes included (they would otherwise ignore it).
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
      e.preventDefault();
      void submit();
    }
  };

  if (!db || activity === undefined) return <p className="muted">{t('app.loading')}</p>;
  if (activity === null) return <p className="notice notice--error">{t('eventMode.notFound')}</p>;
  const err = (f: string) => (errors[f] ? t(`validation.${errors[f]}`, { defaultValue: t(`eventMode.errors.${errors[f]}`, { defaultValue: errors[f] }) }) : undefined);
  const text = (f: (typeof TEXT_FIELDS)[number], type: 'text' | 'email' | 'tel', auto: string) => (
    <TextField id={`ev-${f}`} name={f} type={type} autoComplete={auto} label={t(`eventMode.${f}`)} value={values[f]} onChange={set(f)} error={err(f)} />
  );

  return (
    <section className="event-mode" aria-labelledby="event-title" onKeyDown={onKeyDown}>
      <div className="event-head">
        <h2 id="event-title">
          {t('eventMode.title')}: {activity.title}
        </h2>
        <p className="event-count" data-testid="event-count" aria-live="polite">
          {t('eventMode.count', { count: attended })}
        </p>
        <button type="button" className="button" onClick={() => navigate({ name: 'activity', id: activity.id })}>
          {t('eventMode.close')}
        </button>
      </div>
      <EventSyncSummary db={db} activityId={activity.id} />
      <p className="event-keys">{t('eventMode.keys')}</p>
      <p ref={announceRef} role="status" aria-live="polite" className={`notice notice--${announceKind}`} data-testid="event-announce" data-last-save-ms={lastMs ?? undefined} hidden={!announce}>
        {announce}
      </p>
      <div className="event-grid">
        <form ref={formRef} className="event-form" noValidate onSubmit={submit} onKeyDown={onFormKey} aria-labelledby="event-form-title">
          <h3 id="event-form-title">{t('eventMode.formTitle')}</h3>
          <div className="grid">
            {text('firstName', 'text', 'off')}
            {text('lastName', 'text', 'off')}
            {text('email', 'email', 'off')}
            {text('phone', 'tel', 'off')}
          </div>
          {known ? (
            <div className="event-known" role="status" data-testid="event-known">
              <p>{t('eventMode.known', { name: known.name, contact: known.email ?? known.phone ?? '' })}</p>
              <label className="check">
                <input type="checkbox" checked={attach} onChange={(e) => setAttach(e.target.checked)} />
                <span>{t('eventMode.attach')}</span>
              </label>
            </div>
          ) : null}
          {/* Consent right after the contact fields: it is required, so Tab reaches it in four steps, before the optional interests. */}
          {!attachTo ? (
            <div className={`field field--wide field--check${errors.consent ? ' field--invalid' : ''}`}>
              <div className="check">
                <input
                  type="checkbox"
                  id="ev-consent"
                  data-field="consent"
                  checked={values.consent}
                  onChange={(e) => set('consent')(e.target.checked)}
                  aria-invalid={errors.consent ? true : undefined}
                  aria-describedby={`ev-consent-purpose${errors.consent ? ' ev-consent-error' : ''}`}
                />
                <label htmlFor="ev-consent">{t('eventMode.consent')}</label>
              </div>
              <p id="ev-consent-purpose" className="field-hint">
                {currentConsentText('event')}
              </p>
              {errors.consent ? (
                <p id="ev-consent-error" className="field-error">
                  {err('consent')}
                </p>
              ) : null}
            </div>
          ) : null}
          <CheckboxGroup id="ev-sectors" name="sectors" label={t('eventMode.sectors')} value={values.sectors} onChange={set('sectors')} terms={SECTORS} error={err('sectors')} />
          <CheckboxGroup id="ev-functions" name="functions" label={t('eventMode.functions')} value={values.functions} onChange={set('functions')} terms={FUNCTIONS} error={err('functions')} />
          <details>
            <summary>{t('eventMode.subjects')}</summary>
            <CheckboxGroup id="ev-subjects" name="subjects" label={t('eventMode.subjects')} value={values.subjects} onChange={set('subjects')} terms={SUBJECTS} error={err('subjects')} />
          </details>
          <button type="submit" className="button button--primary button--block">
            {attachTo ? t('eventMode.saveKnown') : t('eventMode.save')}
          </button>
          {!indexReady ? <p className="muted">{t('eventMode.indexLoading')}</p> : null}
        </form>
        <CheckInPanel
          regs={regs ?? []}
          people={people}
          onCheckIn={async (reg: Registration) => {
            await setRegistrationStatus(db, reg, 'attended', user);
          }}
        />
      </div>
    </section>
  );
}
