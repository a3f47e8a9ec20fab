import type { KeyValueStore } from '../../app/session';
import { coerceForm, type CandidateFormValues } from './form';
import { sealedStore } from '../security/sealed-store';

/**
 * Unsaved form input, kept as it is typed so that a crash or reload loses nothing. One entry per
 * user, holding a draft per target (`new:<region>` or `edit:<id>`); cleared on save, cancel and
 * logout.
 */
const keyOf = (user: string) => `regiodesk.drafts.${user}`;

type Drafts = Record<string, { values: CandidateFormValues; savedAt: string }>;

function readAll(store: KeyValueStore, user: string): Drafts {
  try {
    const parsed = JSON.parse(sealedStore(store).getItem(keyOf(user)) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Drafts) : {};
  } catch {
    return {};
  }
}

function writeAll(store: KeyValueStore, user: string, drafts: Drafts): void {
  try {
    if (Object.keys(drafts).length === 0) store.removeItem(keyOf(user));
    else sealedStore(store).setItem(keyOf(user), JSON.stringify(drafts)); // encrypted: personal data
  } catch {
    /* storage full or unavailable: the form still works */
  }
}

export const newTarget = (region: string) => `new:${region}`;
export const editTarget = (id: string) => `edit:${id}`;

export function loadDraft(store: KeyValueStore, user: string, target: string): CandidateFormValues | null {
  const entry = readAll(store, user)[target];
  return entry ? coerceForm(entry.values) : null;
}

export function saveDraft(store: KeyValueStore, user: string, target: string, values: CandidateFormValues, now = new Date().toISOString()): void {
  const all = readAll(store, user);
  all[target] = { values, savedAt: now };
  writeAll(store, user, all);
}

export function clearDraft(store: KeyValueStore, user: string, target: string): void {
  const all = readAll(store, user);
  if (!(target in all)) return;
  delete all[target];
  writeAll(store, user, all);
}

export function clearAllDrafts(store: KeyValueStore, user: string): void {
  store.removeItem(keyOf(user));
}
