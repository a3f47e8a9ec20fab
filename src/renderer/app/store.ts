import { create } from 'zustand';
import type { PhaseTab } from '../features/candidates/list';
import type { FigureFilter, FigureKey } from '../../shared';
import { createDatabase, databaseNameFor, type RegiodeskDatabase } from '../db/database';
import { makeSyncFetch, startSync, type SyncHandle } from '../sync/replication';
import { startReferenceSync, type ReferenceSyncHandle } from '../sync/reference-replication';
import { checkMembership } from '../features/security/membership';
import { unlocked } from '../features/security/lock';
import { wipeLocalData } from '../features/security/wipe';
import { bindStatusPersistence } from '../sync/status';
import { bindDayLog } from '../sync/daylog';
import { clearAllDrafts } from '../features/candidates/draft';
import { bridge, forgetCredentials } from '../platform/bridge';
import { availableDataKey, forgetDataKey, useDataKey } from '../features/security/keyring';
import { describeOpenError } from '../features/security/open-error';
import { logout as serverLogout } from '../features/login/api';
import {
  browserStore,
  clearSession,
  effectiveRegion,
  loadSession,
  saveSession,
  userRegions,
  type StoredSession,
} from './session';
import { forgetView, rememberedView, rememberView } from './lastView';

export type View =
  | { name: 'list' }
  | { name: 'new' }
  | { name: 'detail'; id: string; editing: boolean }
  | { name: 'tasks' }
  | { name: 'activities' }
  | { name: 'activity'; id: string }
  | { name: 'activityEdit'; id: string | null }
  | { name: 'event'; activityId: string }
  | { name: 'intakeSettings' }
  | { name: 'vacancies' }
  | { name: 'vacancy'; id: string }
  | { name: 'vacancyEdit'; id: string | null }
  | { name: 'referrals' }
  | { name: 'import' }
  | { name: 'organisations' }
  | { name: 'organisation'; id: string }
  | { name: 'referenceImport' }
  | { name: 'duplicates' }
  | { name: 'dashboard' }
  /** Retention list and audit log of the current region (supervisors; features/privacy). */
  | { name: 'privacy'; tab: 'retention' | 'audit' }
  | { name: 'report' }
  /** The candidates behind one dashboard figure (same filter and key as the tile). */
  | { name: 'figureList'; region: string; key: FigureKey; filter: FigureFilter; label: string };

export interface AppState {
  session: StoredSession | null;
  region: string | null;
  db: RegiodeskDatabase | null;
  dbError: string | null;
  view: View;
  tab: PhaseTab;
  /** A short confirmation shown once (e.g. after saving). */
  notice: string | null;
}

export const useApp = create<AppState>(() => ({
  session: null,
  region: null,
  db: null,
  dbError: null,
  view: { name: 'list' },
  tab: 'all',
  notice: null,
}));

const storage = browserStore('local');
const tabStorage = browserStore('session');
/** Event mode survives a reload (a crashed tab at an information evening); other screens start at the list. */
const RESTORED_VIEWS: readonly View['name'][] = ['event'];
let sync: SyncHandle | null = null;
let referenceSync: ReferenceSyncHandle | null = null;
let opening: Promise<void> | null = null;

/** Changes the view; a notice belongs to the view it was set for, so it goes. */
export function navigate(view: View): void {
  useApp.setState({ view, notice: null });
  const { session } = useApp.getState();
  if (session) rememberView(tabStorage, session, view); // a reload comes back here (app/lastView.ts)
}

export function setTab(tab: PhaseTab): void {
  useApp.setState({ tab });
}

export function setNotice(notice: string | null): void {
  useApp.setState({ notice });
}

export function setRegion(region: string): void {
  const { session } = useApp.getState();
  if (!session) return;
  const next = { ...session, currentRegion: region };
  saveSession(storage, next);
  useApp.setState({ session: next, region, view: { name: 'list' }, notice: null });
  rememberView(tabStorage, next, { name: 'list' });
}

/**
 * Opens the user's local database and starts replication in the background. Never waits for the
 * network: after a reload offline, the app opens straight into the local data.
 */
export function openSession(session: StoredSession): Promise<void> {
  saveSession(storage, session);
  useApp.setState({ session, region: effectiveRegion(session), dbError: null, view: rememberedView<View>(tabStorage, session, { name: 'list' }, RESTORED_VIEWS) });
  const name = databaseNameFor(session.server, session.user);
  bindStatusPersistence(name);
  const run = (async () => {
    try {
      // The database opens only with its data key (features/security/keyring.ts). Web mode after
      // a reload: none yet, so the lock screen asks for the password and opens the session again.
      const key = await availableDataKey(bridge());
      if (!key) {
        useDataKey.setState({ needed: true });
        return;
      }
      const db = await createDatabase(name, { key });
      if (useApp.getState().session !== session) {
        await db.close();
        return;
      }
      useApp.setState({ db });
      void bindDayLog(db); // the sync summary per day, kept in the database (sync/daylog.ts)
      sync = startSync(db, session.server, userRegions(session));
      referenceSync = startReferenceSync(db, session.server);
      void followMembership(db, session); // a region taken away leaves this laptop (features/security)
    } catch (e) {
      useApp.setState({ dbError: describeOpenError(e) });
    }
  })();
  opening = run;
  return run;
}

/** Resumes the remembered session at start-up, if there is one. */
export function resumeSession(): boolean {
  const session = loadSession(storage);
  if (!session) return false;
  void openSession(session);
  return true;
}

/** Logs out: stops replication, closes the database (its data stays on this device for now). */
export async function closeSession(): Promise<void> {
  const { session, db } = useApp.getState();
  await opening;
  useApp.setState({ session: null, region: null, db: null, view: { name: 'list' }, notice: null });
  clearSession(storage);
  forgetView(tabStorage);
  bindStatusPersistence(null);
  void bindDayLog(null);
  const s = sync;
  sync = null;
  await s?.stop().catch(() => undefined);
  const r = referenceSync;
  referenceSync = null;
  await r?.stop().catch(() => undefined);
  await db?.close().catch(() => undefined);
  forgetDataKey();
  if (session) {
    clearAllDrafts(storage, session.user);
    forgetCredentials(session.server);
    await serverLogout(session.server);
  }
}

/** Applies the server's current view of the user's regions; drops a lost region's data. */
async function followMembership(db: RegiodeskDatabase, session: StoredSession): Promise<void> {
  const { fresh } = await checkMembership(db, session, makeSyncFetch(session.server)).catch(() => ({ fresh: null }));
  if (!fresh || useApp.getState().session !== session) return;
  if (userRegions(fresh).join() === userRegions(session).join()) return;
  saveSession(storage, fresh);
  useApp.setState({ session: fresh, region: effectiveRegion(fresh) });
  await sync?.stop().catch(() => undefined);
  sync = startSync(db, fresh.server, userRegions(fresh));
}

/** "Uitloggen en gegevens wissen": logs out, then removes every local trace (features/security/wipe.ts). */
export async function logoutAndWipe(): Promise<void> {
  await closeSession();
  await wipeLocalData();
  unlocked();
}

export function reSyncNow(): void {
  sync?.reSync();
  referenceSync?.reSync();
}
