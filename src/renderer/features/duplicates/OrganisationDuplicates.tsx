import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isReferenceOrganisation, labelOf, ORGANISATION_KINDS, SECTORS, type Organisation } from '../../../shared';
import { canEdit } from '../../app/session';
import { useApp } from '../../app/store';
import { currentLocale } from '../../i18n';
import { useOrganisations } from '../network/data';
import { defaultFieldChoice } from './fieldMerge';
import { DuplicatesFrame } from './DuplicatesFrame';
import { MergeGroup } from './MergeGroup';
import { findOrganisationDuplicates } from './orgDuplicates';
import { mergeOrganisations, ORG_MERGE_FIELDS, type OrgMergeChoice, type OrgMergeField } from './orgMerge';
import { undoOrganisationMerge, type OrgMergeUndo } from './orgMergeUndo';
import { useMergeUndo } from './useMergeUndo';

function shown(o: Organisation, f: OrgMergeField, locale: 'nl' | 'en', byId: Map<string, Organisation>): string {
  if (f === 'kind') return labelOf(ORGANISATION_KINDS, o.kind, locale);
  if (f === 'sectors') return (o.sectors ?? []).map((s) => labelOf(SECTORS, s, locale)).join(', ');
  if (f === 'parentId') return o.parentId ? (byId.get(o.parentId)?.name ?? o.parentId) : '';
  return String(o[f] ?? '');
}

/**
 * Likely duplicate organisations of the region: its own against each other and against the
 * reference data. Merging keeps every link (people, school contacts, vacancies, relations,
 * activities); into a reference organisation only the links move, as a region cannot change it.
 * The message after a merge offers undo, as the bulk phase change does.
 */
export function OrganisationDuplicates() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { db, region, session } = useApp();
  const all = useOrganisations(db!, region);
  const undo = useMergeUndo<OrgMergeUndo>('duplicates.org', async (data) => {
    const { restored, reverted, kept } = await undoOrganisationMerge(db!, data, session!.user);
    return [t('duplicates.org.undone', { restored, reverted }), kept ? t('duplicates.org.undoneKept', { kept }) : ''].filter(Boolean).join(' ');
  });
  const byId = useMemo(() => new Map((all ?? []).map((o) => [o.id, o])), [all]);
  const groups = useMemo(() => (all && region ? findOrganisationDuplicates(all, region) : []), [all, region]);
  if (!db || !session || !region) return null;
  const editable = canEdit(session, region);

  return (
    <DuplicatesFrame
      id="org-dups-title"
      prefix="duplicates.org"
      message={undo.message}
      error={undo.error}
      action={undo.action}
      loading={all === null}
      empty={groups.length === 0}
    >
      {groups.map((g) => {
        const members = g.ids.map((id) => byId.get(id)!).filter(Boolean);
        if (members.length < 2) return null;
        const own = (id: string) => !isReferenceOrganisation(byId.get(id)!);
        // Only the fields one of them has filled in: the rest has nothing to choose.
        const rows = ORG_MERGE_FIELDS.filter((f) => f === 'name' || members.some((o) => shown(o, f, locale, byId) !== ''));
        const removable = (keepId: string) => members.filter((o) => o.id !== keepId && own(o.id)).length;
        return (
          <MergeGroup
            key={g.ids.join('|')}
            title={members[0]!.name}
            rules={g.rules.map((r) => t(`duplicates.org.rules.${r}`)).join(', ')}
            records={members.map((o) => ({
              id: o.id,
              keepLabel: own(o.id) ? t('duplicates.org.keepOwn', { created: o.createdAt.slice(0, 10) }) : t('duplicates.org.keepReference', { source: o.source === 'duo' ? 'DUO' : t('duplicates.org.sourceProgrammes') }),
            }))}
            rows={rows.map((f) => ({ key: f, label: t(`duplicates.org.fields.${f}`), shown: (id) => shown(byId.get(id)!, f, locale, byId) }))}
            defaultChoice={(keepId) => defaultFieldChoice(byId.get(keepId)!, members.filter((o) => o.id !== keepId && own(o.id)), ORG_MERGE_FIELDS) as Record<string, string>}
            choosable={(keepId) => own(keepId)}
            lockedHint={t('duplicates.org.lockedHint')}
            confirmText={(keepId) => t('duplicates.org.confirm', { count: removable(keepId), name: byId.get(keepId)!.name })}
            onMerge={async (keepId, choice) => {
              if (!editable) throw new Error(t('duplicates.org.readOnly'));
              const { moved, removed, undo: data } = await mergeOrganisations(db, keepId, g.ids, choice as OrgMergeChoice, region, session.user);
              const name = byId.get(keepId)?.name ?? '';
              undo.offer(t('duplicates.org.merged', { count: removed, moved, name }), removed > 0 || moved > 0 ? { data, name } : null);
            }}
          />
        );
      })}
    </DuplicatesFrame>
  );
}
