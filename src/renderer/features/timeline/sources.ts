import type { ReactNode } from 'react';
import type { FileSectionProps } from '../candidates/fileSections';

/**
 * One entry of a candidate's timeline. `kind` is what the filter offers (its label is
 * `timeline.kinds.<kind>`); `at` is an ISO time, the timeline sorts by it.
 */
export interface TimelineItem {
  key: string;
  kind: string;
  at: string;
  node: ReactNode;
}

/**
 * A source of timeline entries: a React hook, called on every render of the timeline in the
 * order of TIMELINE_SOURCES (so the list must not change at run time). Returns null while loading.
 *
 * The extension point for other features (tasks, school contacts, activities): write a hook
 * returning items, and add it with `registerTimelineSource` from the feature's module, e.g.
 * `registerTimelineSource({ kinds: ['task'], useItems: useTaskItems })`, plus a label under
 * `timeline.kinds.task` in the feature's translations.
 */
export interface TimelineSource {
  kinds: string[];
  useItems(props: FileSectionProps): TimelineItem[] | null;
}

export const TIMELINE_SOURCES: TimelineSource[] = [];

export function registerTimelineSource(source: TimelineSource): void {
  if (!TIMELINE_SOURCES.includes(source)) TIMELINE_SOURCES.push(source);
}
