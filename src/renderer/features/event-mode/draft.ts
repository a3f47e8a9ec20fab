import type { KeyValueStore } from '../../app/session';
import { EMPTY_EVENT_FORM, type EventFormValues } from './save';
import { sealedStore } from '../security/sealed-store';

/**
 * The event form as it is typed, one entry per user and activity, written on every keystroke
 * (localStorage writes are synchronous: a crash or a closed lid loses nothing). Cleared on save.
 */
const keyOf = (user: string, activityId: string) => `regiodesk.event.${user}.${activityId}`;

export function loadEventDraft(store: KeyValueStore, user: string, activityId: string): EventFormValues | null {
  try {
    const raw = JSON.parse(sealedStore(store).getItem(keyOf(user, activityId)) ?? 'null') as Partial<EventFormValues> | null;
    if (!raw || typeof raw !== 'object') return null;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return {
      ...EMPTY_EVENT_FORM,
      firstName: str(raw.firstName),
      lastName: str(raw.lastName),
      email: str(raw.email),
      phone: str(raw.phone),
      sectors: list(raw.sectors),
      functions: list(raw.functions),
      subjects: list(raw.subjects),
      consent: raw.consent === true,
    };
  } catch {
    return null;
  }
}

export function saveEventDraft(store: KeyValueStore, user: string, activityId: string, values: EventFormValues): void {
  try {
    sealedStore(store).setItem(keyOf(user, activityId), JSON.stringify(values)); // encrypted: personal data
  } catch {
    /* storage full: the form still works */
  }
}

export function clearEventDraft(store: KeyValueStore, user: string, activityId: string): void {
  store.removeItem(keyOf(user, activityId));
}
