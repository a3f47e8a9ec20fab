import { useEffect, useState } from 'react';
import { SAVED_VIEW_TYPE, savedViewSchema, validate, visibleViews, type SavedView, type ViewSpec } from '../../../shared';
import type { RegiodeskDatabase } from '../../db/database';
import { newId } from '../../platform/bridge';

/** The stored form of a spec: no nulls (groupBy absent when not grouped). */
export function toStored(spec: ViewSpec): SavedView['spec'] {
  const { groupBy, ...rest } = spec;
  return groupBy ? { ...rest, groupBy } : rest;
}

export function buildSavedView(input: { name: string; shared: boolean; spec: ViewSpec }, region: string, user: string, id = `view-${newId().replace(/-/g, '').slice(0, 20)}`): SavedView {
  const now = new Date().toISOString();
  return { id, type: SAVED_VIEW_TYPE, name: input.name.trim(), owner: user, region, shared: input.shared, spec: toStored(input.spec), createdAt: now, updatedAt: now, updatedBy: user };
}

export async function saveView(db: RegiodeskDatabase, view: SavedView): Promise<void> {
  const r = validate(savedViewSchema, view);
  if (!r.ok) throw new Error(r.reason);
  await db.savedViews.upsert(r.value);
}

export async function deleteView(db: RegiodeskDatabase, id: string): Promise<SavedView | null> {
  const doc = await db.savedViews.findOne(id).exec();
  if (!doc) return null;
  const data = doc.toJSON() as SavedView;
  await doc.remove();
  return data;
}

/** The views this user sees in this region (her own and shared ones), live. */
export function useSavedViews(db: RegiodeskDatabase | null, region: string | null, user: string | null): SavedView[] {
  const [views, setViews] = useState<SavedView[]>([]);
  useEffect(() => {
    if (!db || !region || !user) return;
    const sub = db.savedViews.find({ selector: { region } }).$.subscribe((docs) => setViews(visibleViews(docs.map((d) => d.toJSON() as SavedView), user, region)));
    return () => sub.unsubscribe();
  }, [db, region, user]);
  return views;
}
