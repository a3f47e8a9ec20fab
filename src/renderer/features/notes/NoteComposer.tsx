import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_KINDS } from '../../../shared';
import { canEdit, regionName } from '../../app/session';
import { useApp } from '../../app/store';
import type { FileSectionProps } from '../candidates/fileSections';
import { addTask, checkTask, today } from '../tasks/actions';
import { SelectField, TextField } from '../../ui/fields';
import { addNote, checkNote, noteRegion, type NoteInput } from './actions';
import { composeReport, EMPTY_REPORT, followUpTitle, isEmptyReport, REPORT_PARTS, type ConversationReport } from './conversationReport';
import { sealedStore } from '../security/sealed-store';

/** What the composer holds: a note, or for a conversation (`gesprek`) the report template and its follow-up task. */
type ComposerInput = NoteInput & { useTemplate: boolean; report: ConversationReport; followUp: { create: boolean; due: string; assignee: string } };

const EMPTY: ComposerInput = { text: '', kind: '', visibility: 'shared', useTemplate: false, report: EMPTY_REPORT, followUp: { create: false, due: '', assignee: '' } };

function inAWeek(): string {
  return today(new Date(Date.now() + 7 * 86_400_000));
}

/** Typed text survives a reload or a crash: drafts live in localStorage per user and candidate. */
function draftKey(user: string, candidateId: string): string {
  return `regiodesk.noteDraft.${user}.${candidateId}`;
}

/** Saved on every keystroke (not in an effect: the draft follows what the user did). */
function saveDraft(key: string, input: ComposerInput): void {
  try {
    if (input.text || input.kind || !isEmptyReport(input.report)) sealedStore(globalThis.localStorage).setItem(key, JSON.stringify(input)); // encrypted at rest
    else globalThis.localStorage?.removeItem(key);
  } catch {
    /* storage full or blocked: the text stays in the form */
  }
}

function loadDraft(key: string): ComposerInput {
  try {
    const raw = sealedStore(globalThis.localStorage).getItem(key);
    if (!raw) return EMPTY;
    const d = JSON.parse(raw) as Partial<ComposerInput>;
    return { ...EMPTY, ...d, report: { ...EMPTY_REPORT, ...d.report }, followUp: { ...EMPTY.followUp, ...d.followUp } };
  } catch {
    return EMPTY;
  }
}

/** Write a note (shared with every linked region) or a comment (this region only). */
export function NoteComposer({ c, db, user, region }: FileSectionProps) {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const key = draftKey(user, c.id);
  const [input, setInput] = useState<ComposerInput>(() => loadDraft(key));
  const [error, setError] = useState<string | null>(null);
  const [taskErrors, setTaskErrors] = useState<Partial<Record<'title' | 'assignee' | 'due', string>>>({});
  const [saved, setSaved] = useState(false);
  const home = session ? noteRegion(c, region, (r) => canEdit(session, r)) : null;


  if (!home || !session) return null;
  const set = (patch: Partial<ComposerInput>) => {
    const next = { ...input, ...patch };
    setInput(next);
    saveDraft(key, next);
    setSaved(false);
  };
  // The template is offered for a conversation, not imposed: a quick note of a talk stays one field.
  const isReport = input.kind === 'gesprek' && input.useTemplate;
  const setReport = (part: keyof ConversationReport, value: string) => set({ report: { ...input.report, [part]: value } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = isReport ? composeReport(input.report, (p) => t(`notes.report.${p}`)) : input.text;
    const problem = checkNote({ ...input, text });
    if (problem) {
      setError(t(`validation.${problem.text}`));
      document.getElementById(isReport ? 'note-report-reason' : 'note-text')?.focus();
      return;
    }
    const follow = isReport && input.followUp.create && input.report.nextStep.trim()
      ? { title: followUpTitle(input.report.nextStep), assignee: input.followUp.assignee || user, due: input.followUp.due }
      : null;
    const taskProblem = follow ? checkTask(follow, c.id, home, user) : null;
    setTaskErrors(taskProblem ?? {});
    if (taskProblem) {
      document.getElementById(taskProblem.assignee ? 'note-followup-assignee' : 'note-followup-due')?.focus();
      return;
    }
    try {
      await addNote(db, c, home, { text, kind: input.kind, visibility: input.visibility }, user);
      if (follow) await addTask(db, follow, c.id, home, user);
      setInput({ ...EMPTY, visibility: input.visibility, useTemplate: input.useTemplate });
      saveDraft(key, EMPTY);
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const others = c.regions.filter((r) => r !== home).map((r) => regionName(session, r));

  return (
    <form className="note-composer" onSubmit={(e) => void submit(e)} aria-labelledby="note-composer-title" noValidate>
      <h4 id="note-composer-title">{t('notes.add')}</h4>
      <fieldset className="inline-choices">
        <legend>{t('notes.visibility')}</legend>
        <label className="check">
          <input type="radio" name="note-visibility" value="shared" checked={input.visibility === 'shared'} onChange={() => set({ visibility: 'shared' })} />
          {t('notes.shared')}
        </label>
        <label className="check">
          <input type="radio" name="note-visibility" value="region" checked={input.visibility === 'region'} onChange={() => set({ visibility: 'region' })} />
          {t('notes.private', { region: regionName(session, home) })}
        </label>
      </fieldset>
      <p className="field-hint" id="note-visibility-hint">
        {input.visibility === 'shared'
          ? others.length
            ? t('notes.sharedHint', { regions: others.join(', ') })
            : t('notes.sharedHintAlone')
          : t('notes.privateHint', { region: regionName(session, home) })}
      </p>
      <SelectField
        id="note-kind"
        name="kind"
        label={t('notes.kind')}
        value={input.kind}
        onChange={(kind) => set({ kind: kind as NoteInput['kind'] })}
        emptyLabel={t('notes.noKind')}
        options={NOTE_KINDS.map((k) => ({ value: k, label: t(`notes.kinds.${k}`) }))}
      />
      {input.kind === 'gesprek' ? (
        <label className="check">
          <input type="checkbox" checked={input.useTemplate} onChange={(e) => set({ useTemplate: e.target.checked })} />
          {t('notes.report.useTemplate')}
        </label>
      ) : null}
      {isReport ? (
        <fieldset className="note-report">
          <legend>{t('notes.report.title')}</legend>
          {REPORT_PARTS.map((part, i) => (
            <TextField
              key={part}
              id={`note-report-${part}`}
              name={part}
              label={t(`notes.report.${part}`)}
              multiline
              rows={2}
              value={input.report[part]}
              maxLength={2_400}
              onChange={(v) => setReport(part, v)}
              error={i === 0 ? error ?? undefined : undefined}
            />
          ))}
          <label className="check">
            <input
              type="checkbox"
              checked={input.followUp.create}
              onChange={(e) => set({ followUp: { ...input.followUp, create: e.target.checked, due: input.followUp.due || inAWeek(), assignee: input.followUp.assignee || user } })}
            />
            {t('notes.report.makeTask')}
          </label>
          {input.followUp.create ? (
            <div className="inline-fields">
              <TextField
                id="note-followup-assignee"
                name="assignee"
                label={t('notes.report.assignee')}
                value={input.followUp.assignee}
                onChange={(assignee) => set({ followUp: { ...input.followUp, assignee } })}
                error={taskErrors.assignee ? t(`validation.${taskErrors.assignee}`) : undefined}
              />
              <TextField
                id="note-followup-due"
                name="due"
                type="date"
                label={t('notes.report.due')}
                value={input.followUp.due}
                onChange={(due) => set({ followUp: { ...input.followUp, due } })}
                error={taskErrors.due ? t(`validation.${taskErrors.due}`) : undefined}
              />
            </div>
          ) : null}
        </fieldset>
      ) : null}
      <TextField
        id="note-text"
        name="text"
        label={t('notes.text')}
        multiline
        rows={3}
        hidden={isReport}
        value={input.text}
        maxLength={10_000}
        onChange={(text) => set({ text })}
        error={isReport ? undefined : error ?? undefined}
        describedBy="note-visibility-hint"
      />
      <div className="actions">
        <button type="submit" className="button button--primary">
          {input.visibility === 'shared' ? t('notes.saveNote') : t('notes.saveComment')}
        </button>
        {saved ? (
          <span role="status" className="muted">
            {t('notes.saved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}
