import { useTranslation } from 'react-i18next';
import { CandidateDetail } from '../features/candidates/CandidateDetail';
import { CandidateList } from '../features/candidates/CandidateList';
import { NewCandidate } from '../features/candidates/NewCandidate';
import { MyTasks } from '../features/tasks/MyTasks';
import { LoginScreen } from '../features/login/LoginScreen';
import { ActivityDetail } from '../features/activities/ActivityDetail';
import { ActivityForm } from '../features/activities/ActivityForm';
import { ActivityList } from '../features/activities/ActivityList';
import { IntakeSettings } from '../features/activities/IntakeSettings';
import { ReferralInbox } from '../features/linking/ReferralInbox';
import { ImportScreen } from '../features/import/ImportScreen';
import { DuplicatesScreen } from '../features/duplicates/DuplicatesScreen';
import { EventMode } from '../features/event-mode/EventMode';
import { VacancyDetail } from '../features/vacancies/VacancyDetail';
import { VacancyForm } from '../features/vacancies/VacancyForm';
import { VacancyList } from '../features/vacancies/VacancyList';
import { Dashboard } from '../features/dashboard/Dashboard';
import { FigureList } from '../features/dashboard/FigureList';
import { PrivacyScreen } from '../features/privacy/PrivacyScreen';
import { ReportScreen } from '../features/report/ReportScreen';
import { logoutAndWipe, openSession, useApp } from './store';
import { Header } from './Header';
import { LockScreen } from '../features/security/LockScreen';
import { useLock } from '../features/security/lock';
import { useDataKey } from '../features/security/keyring';
import { useInactivityLock } from '../features/security/hooks';
import { OrganisationList } from '../features/network/OrganisationList';
import { OrganisationDetail } from '../features/network/OrganisationDetail';
import { ReferenceImport } from '../features/network/ReferenceImport';
import { DatabaseOpening } from '../features/startup/DatabaseOpening';

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
