import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultChoice, findDuplicateGroups, keepOrder, MERGE_FIELDS, type Candidate, type MergeChoice, type MergeField } from '../../../shared';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { useCandidateDocs } from '../candidates/docs';
import { cellText } from '../candidates/cells';
import { inRegion } from '../candidates/list';
import { mergeInto } from './actions';
import { undoCandidateMerge, type CandidateMergeUndo } from './candidateMergeUndo';
import { useMergeUndo } from './useMergeUndo';
import { DuplicatesFrame } from './DuplicatesFrame';
import { MergeGroup } from './MergeGroup';
import { OrganisationDuplicates } from './OrganisationDuplicates';

function shown(c: Candidate, f: MergeField, locale: 'nl' | 'en'): string {
  if (f === 'consent') return c.consent.given ? '✓' : '✗';
  if (f === 'firstName' || f === 'lastName' || f === 'dateOfBirth' || f === 'address' || f === 'motivation') return String(c[f] ?? '');
  return cellText(c, f as never, locale);
}

/** Likely duplicates of the two kinds, candidates and organisations, one at a time. */
export function DuplicatesScreen() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'candidates' | 'organisations'>('candidates');
  return (
    <>
      <div className="segmented" role="group" aria-label={t('duplicates.kind')}>
        {(['candidates', 'organisations'] as const).map((k) => (
          <button key={k} type="button" className={`button button--small${kind === k ? ' button--primary' : ''}`} aria-pressed={kind === k} onClick={() => setKind(k)}>
            {t(`duplicates.kinds.${k}`)}
          </button>
        ))}
      </div>
      {kind === 'candidates' ? <CandidateDuplicates /> : <OrganisationDuplicates />}
    </>
  );
}

/**
 * Likely duplicates in the region (same e-mail, phone, or name and date of birth), merged with a
 * choice per field. The notes, tasks, contacts and registrations of all records are kept. The
 * message after a merge offers undo, as the organisation merge does.
 */
function CandidateDuplicates() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { db, region, session } = useApp();
  const all = useCandidateDocs(db);
  const undo = useMergeUndo<CandidateMergeUndo>('duplicates', async (data) => {
    const { restored, movedBack, keptEdits } = await undoCandidateMerge(db!, data, session!.user);
    return [t('duplicates.undone', { restored, movedBack }), keptEdits ? t('duplicates.undoneKept') : ''].filter(Boolean).join(' ');
  });
  const groups = useMemo(() => {
    const mine = (all ?? []).filter((c) => region && inRegion(c, region));
    const byId = new Map(mine.map((c) => [c.id, c]));
    return findDuplicateGroups(mine).map((g) => ({ ...g, candidates: keepOrder(g.ids.map((id) => byId.get(id)!)) }));
  }, [all, region]);

  if (!db || !session) return null;

  return (
    <DuplicatesFrame
      id="dups-title"
      prefix="duplicates"
      message={undo.message}
      error={undo.error}
      action={undo.action}
      loading={all === null}
      empty={groups.length === 0}
    >
      {groups.map((g) => {
        const byId = new Map(g.candidates.map((c) => [c.id, c]));
        const fields = MERGE_FIELDS.filter((f) => new Set(g.candidates.map((c) => shown(c, f, locale))).size > 1 || f === 'firstName' || f === 'lastName');
        return (
          <MergeGroup
            key={g.ids.join('|')}
            title={`${g.candidates[0]!.firstName} ${g.candidates[0]!.lastName}`}
            rules={g.rules.map((r) => t(`duplicates.rules.${r}`)).join(', ')}
            records={g.candidates.map((c) => ({ id: c.id, keepLabel: t('duplicates.keep', { created: c.createdAt.slice(0, 10) }) }))}
            rows={fields.map((f) => ({ key: f, label: t(`duplicates.fields.${f}`), shown: (id) => shown(byId.get(id)!, f, locale) }))}
            defaultChoice={(keepId) => defaultChoice(byId.get(keepId)!, g.candidates.filter((c) => c.id !== keepId)) as Record<string, string>}
            choosable={() => true}
            confirmText={() => t('duplicates.confirm', { count: g.candidates.length - 1 })}
            onMerge={async (keepId, choice) => {
              const others = g.ids.filter((id) => id !== keepId);
              const { moved, undo: data } = await mergeInto(db, keepId, others, choice as MergeChoice, session.user);
              const kept = byId.get(keepId)!;
              undo.offer(t('duplicates.merged', { count: others.length, moved }), { data, name: `${kept.firstName} ${kept.lastName}`.trim() });
            }}
          />
        );
      })}
    </DuplicatesFrame>
  );
}
