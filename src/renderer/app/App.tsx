import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CandidateDetail } from '../features/candidates/CandidateDetail';
import { CandidateList } from '../features/candidates/CandidateList';
import { NewCandidate } from '../features/candidates/NewCandidate';
import { MyTasks, TaskBadge } from '../features/tasks/MyTasks';
import { LoginScreen } from '../features/login/LoginScreen';
import { ActivityDetail } from '../features/activities/ActivityDetail';
import { ActivityForm } from '../features/activities/ActivityForm';
import { ActivityList } from '../features/activities/ActivityList';
import { IntakeSettings } from '../features/activities/IntakeSettings';
import { ActivitiesNav } from '../features/activities/Nav';
import { InboxNav, ReferralInbox } from '../features/linking/ReferralInbox';
import { DataNav } from '../features/import/Nav';
import { ImportScreen } from '../features/import/ImportScreen';
import { DuplicatesScreen } from '../features/duplicates/DuplicatesScreen';
import { EventMode } from '../features/event-mode/EventMode';
import { VacancyDetail } from '../features/vacancies/VacancyDetail';
import { VacancyForm } from '../features/vacancies/VacancyForm';
import { VacancyList } from '../features/vacancies/VacancyList';
import { VacanciesNav } from '../features/vacancies/Nav';
import { SyncStatus } from '../features/status/SyncStatus';
import { Dashboard } from '../features/dashboard/Dashboard';
import { FigureList } from '../features/dashboard/FigureList';
import { DashboardNav } from '../features/dashboard/Nav';
import { PrivacyNav, PrivacyScreen } from '../features/privacy/PrivacyScreen';
import { ReportNav } from '../features/report/Nav';
import { ReportScreen } from '../features/report/ReportScreen';
import { currentLocale, setLanguage } from '../i18n';
import { regionName, roleOf, userRegions } from './session';
import { closeSession, logoutAndWipe, openSession, setRegion, useApp } from './store';
import { LockButton, LockScreen } from '../features/security/LockScreen';
import { WipeButton } from '../features/security/WipeButton';
import { LogoutButton } from '../features/security/LogoutButton';
import { useLock } from '../features/security/lock';
import { useDataKey } from '../features/security/keyring';
import { useInactivityLock } from '../features/security/hooks';
import { statusKind, useSyncStatus } from '../sync/status';
import { NetworkNav } from '../features/network/NetworkNav';
import { OrganisationList } from '../features/network/OrganisationList';
import { OrganisationDetail } from '../features/network/OrganisationDetail';
import { ReferenceImport } from '../features/network/ReferenceImport';
import { DatabaseOpening } from '../features/startup/DatabaseOpening';

/**
 * The sticky header's height as `--header-h` on the root element: styles.css turns it into
 * `scroll-padding-top`, so a field that gets focus (Tab, an error, the next person in event mode)
 * scrolls into view below the header instead of behind it. The header wraps onto 2–3 rows.
 */
function useHeaderHeight() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const set = () => root.style.setProperty('--header-h', `${el.offsetHeight}px`);
    set();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(set);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      root.style.removeProperty('--header-h');
    };
  });
  return ref;
}

function Header() {
  const { t } = useTranslation();
  const { session, region } = useApp();
  const pending = useSyncStatus((s) => s.pending.length);
  const offline = useSyncStatus(statusKind) === 'offline';
  const headerRef = useHeaderHeight();
  if (!session) return null;
  const regions = userRegions(session);
  const role = region ? roleOf(session, region) : undefined;
  const locale = currentLocale();
  return (
    <header className="app-header" ref={headerRef}>
      <div className="brand">
        <span className="logo" aria-hidden="true">
          R
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <div className="header-region">
        {regions.length > 1 ? (
          <div className="inline-field">
            <label htmlFor="region-select">{t('app.region')}</label>
            <select id="region-select" value={region ?? ''} onChange={(e) => setRegion(e.target.value)}>
              {regions.map((r) => (
                <option key={r} value={r}>
                  {regionName(session, r)}
                </option>
              ))}
            </select>
          </div>
        ) : region ? (
          <span className="region-name">{regionName(session, region)}</span>
        ) : null}
        {role ? (
          <span className="role" data-testid="role">
            <span className="sr-only">{t('app.role')}: </span>
            {t(`roles.${role}`)}
          </span>
        ) : null}
      </div>
      <ActivitiesNav />
      <DashboardNav />
      <ReportNav />
      <VacanciesNav />
      <NetworkNav />
      <InboxNav />
      <DataNav />
      <PrivacyNav />
      <TaskBadge />
      <SyncStatus />
      <div className="header-user">
        <span className="user-name">{session.user}</span>
        <button
          type="button"
          className="button button--small"
          lang={locale === 'nl' ? 'en' : 'nl'}
          onClick={() => setLanguage(locale === 'nl' ? 'en' : 'nl')}
          title={`${t('app.language')}: ${locale === 'nl' ? 'English' : 'Nederlands'}`}
        >
          {locale === 'nl' ? 'EN' : 'NL'}
          <span className="sr-only"> ({locale === 'nl' ? 'English' : 'Nederlands'})</span>
        </button>
        <LogoutButton offline={offline} pendingChanges={pending} onLogout={() => void closeSession()} />
        <LockButton />
        <WipeButton pendingChanges={pending} onConfirm={logoutAndWipe} />
      </div>
    </header>
  );
}

function Main() {
  const { t } = useTranslation();
  const { db, dbError, view } = useApp();
  if (dbError) {
    return (
      <p className="notice notice--error" role="alert">
        {t('app.dbError', { message: dbError })}
      </p>
    );
  }
  if (!db) return <DatabaseOpening />;
  switch (view.name) {
    case 'activities':
      return <ActivityList />;
    case 'activity':
      return <ActivityDetail key={view.id} id={view.id} />;
    case 'activityEdit':
      return <ActivityForm id={view.id} />;
    case 'event':
      return <EventMode key={view.activityId} activityId={view.activityId} />;
    case 'vacancies':
      return <VacancyList />;
    case 'vacancy':
      return <VacancyDetail key={view.id} id={view.id} />;
    case 'vacancyEdit':
      return <VacancyForm id={view.id} />;
    case 'import':
      return <ImportScreen />;
    case 'organisations':
      return <OrganisationList />;
    case 'organisation':
      return <OrganisationDetail key={view.id} id={view.id} />;
    case 'referenceImport':
      return <ReferenceImport />;
    case 'duplicates':
      return <DuplicatesScreen />;
    case 'report':
      return <ReportScreen />;
    case 'referrals':
      return <ReferralInbox />;
    case 'intakeSettings':
      return <IntakeSettings />;
    case 'privacy':
      return <PrivacyScreen tab={view.tab} />;
    case 'dashboard':
      return <Dashboard />;
    case 'figureList':
      return <FigureList region={view.region} figure={view.key} filter={view.filter} label={view.label} />;
    case 'tasks':
      return <MyTasks />;
    case 'new':
      return <NewCandidate />;
    case 'detail':
      return <CandidateDetail key={view.id} id={view.id} editing={view.editing} />;
    default:
      return <CandidateList />;
  }
}

export function App() {
  const { t } = useTranslation();
  const session = useApp((s) => s.session);
  const locked = useLock((s) => s.locked);
  const keyNeeded = useDataKey((s) => s.needed);
  useInactivityLock(Boolean(session) && !locked);
  if (!session) return <LoginScreen />;
  if (locked || keyNeeded) return <LockScreen session={session} onLogoutAndWipe={logoutAndWipe} onKey={() => void openSession(session)} />;
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        <Main />
      </main>
    </>
  );
}
