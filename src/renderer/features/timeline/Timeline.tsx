import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileSectionProps } from '../candidates/fileSections';
import { NoteComposer } from '../notes/NoteComposer';
import './builtin';
import '../tasks/timeline';
import '../contacts/timeline';
import '../activities/timeline';
import './timeline.css';
import { TIMELINE_SOURCES, type TimelineItem } from './sources';

/**
 * The candidate's one chronological timeline: shared notes of every linked region (with the
 * region's name), this region's comments, phase changes, links and referrals, and whatever other
 * features register (sources.ts). Filter by kind.
 */
export function TimelineSection(props: FileSectionProps) {
  const { t } = useTranslation();
  // Hooks in a fixed order: the registry is complete once the modules have loaded.
  const lists = TIMELINE_SOURCES.map((s) => s.useItems(props));
  const kinds = useMemo(() => [...new Set(TIMELINE_SOURCES.flatMap((s) => s.kinds))], []);
  const [hidden, setHidden] = useState<string[]>([]);
  const loading = lists.some((l) => l === null);
  const items = useMemo(
    () =>
      (lists.filter(Boolean) as TimelineItem[][])
        .flat()
        .filter((i) => !hidden.includes(i.kind))
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : 1)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...lists, hidden],
  );
  const toggle = (k: string) => setHidden((h) => (h.includes(k) ? h.filter((x) => x !== k) : [...h, k]));

  return (
    <section className="file-section timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title">{t('timeline.title')}</h3>
      {props.editable ? <NoteComposer {...props} /> : null}
      <fieldset className="timeline-filter">
        <legend>{t('timeline.show')}</legend>
        {kinds.map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={!hidden.includes(k)} onChange={() => toggle(k)} data-kind={k} />
            {t(`timeline.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      {loading ? <p className="muted">{t('app.loading')}</p> : null}
      {!loading && items.length === 0 ? <p className="muted">{hidden.length ? t('timeline.nothingShown') : t('timeline.empty')}</p> : null}
      <ol className="timeline-list" aria-label={t('timeline.title')}>
        {items.map((i) => (
          <li key={i.key} className={`timeline-item timeline-item--${i.kind}`} data-kind={i.kind}>
            {i.node}
          </li>
        ))}
      </ol>
    </section>
  );
}
