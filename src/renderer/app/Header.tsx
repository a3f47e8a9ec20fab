import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TaskBadge } from '../features/tasks/MyTasks';
import { ActivitiesNav, IntakeSettingsNav } from '../features/activities/Nav';
import { InboxNav, useInbox } from '../features/linking/ReferralInbox';
import { DataNav } from '../features/import/Nav';
import { VacanciesNav } from '../features/vacancies/Nav';
import { SyncStatus } from '../features/status/SyncStatus';
import { DashboardNav } from '../features/dashboard/Nav';
import { PrivacyNav } from '../features/privacy/PrivacyScreen';
import { ReportNav } from '../features/report/Nav';
import { NetworkNav } from '../features/network/NetworkNav';
import { LockButton } from '../features/security/LockScreen';
import { WipeButton } from '../features/security/WipeButton';
import { LogoutButton } from '../features/security/LogoutButton';
import { currentLocale, setLanguage } from '../i18n';
import { statusKind, useSyncStatus } from '../sync/status';
import { regionName, roleOf, userRegions } from './session';
import { closeSession, logoutAndWipe, setRegion, useApp, type View } from './store';
import './header.css';

/**
 * The sticky header's height as `--header-h` on the root element: styles.css turns it into
 * `scroll-padding-top`, so a field that gets focus (Tab, an error, the next person in event mode)
 * scrolls into view below the header instead of behind it. One row from 1280 px up; it may wrap
 * onto a second row on narrower windows.
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

/**
 * A disclosure in the header (button with aria-expanded and a panel under it): the panel stays in
 * the DOM while closed (`hidden`), so what its items count (the referral inbox) keeps counting.
 * Escape closes it and gives the focus back to the button; so do a click outside, Tab past its
 * last item and going to another screen. A confirmation inside (log out, wipe) keeps it open.
 */
function HeaderMenu(props: { testId: string; label: ReactNode; ariaLabel: string; current?: boolean; align?: 'left' | 'right'; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const view = useApp((s) => s.view);
  useEffect(() => setOpen(false), [view]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div
      ref={wrap}
      className="header-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onBlur={(e) => {
        const next = e.relatedTarget as Node | null;
        if (next && wrap.current && !wrap.current.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="button button--small header-menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        aria-label={props.ariaLabel}
        data-current={props.current ? 'true' : undefined}
        data-testid={props.testId}
        onClick={() => setOpen((o) => !o)}
      >
        {props.label}
        <span className="header-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={id} className={`header-menu-panel header-menu-panel--${props.align ?? 'left'}`} hidden={!open}>
        {props.children}
      </div>
    </div>
  );
}

/** Views reached through "Meer": its button is marked while one of them is open. */
const MORE_VIEWS: readonly View['name'][] = ['referrals', 'intakeSettings', 'report', 'import', 'duplicates', 'privacy'];

/**
 * The header. At 1280 px it is one row for the widest session (a supervisor of two regions): the
 * daily screens as buttons, the occasional ones (referral inbox, website form, quarterly report,
 * import, duplicates, privacy) under "Meer", the account's actions (language, lock, log out, wipe)
 * under the user's name, the sync state short ("Laatste synchronisatie:" only on wide screens).
 */
export function Header() {
  const { t } = useTranslation();
  const { session, region } = useApp();
  const viewName = useApp((s) => s.view.name);
  const pending = useSyncStatus((s) => s.pending.length);
  const offline = useSyncStatus(statusKind) === 'offline';
  const inbox = useInbox()?.length ?? 0;
  const headerRef = useHeaderHeight();
  if (!session) return null;
  const regions = userRegions(session);
  const role = region ? roleOf(session, region) : undefined;
  const locale = currentLocale();
  return (
    <header className="app-header" ref={headerRef}>
      <div className="brand" title={t('app.title')}>
        <span className="logo" aria-hidden="true">
          R
        </span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <div className="header-region">
        {regions.length > 1 ? (
          <div className="inline-field">
            <label htmlFor="region-select" className="header-region-label">
              {t('app.region')}
            </label>
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
      <div className="header-bar">
        <ActivitiesNav />
        <VacanciesNav />
        <NetworkNav />
        <DashboardNav />
        <TaskBadge />
        <HeaderMenu
          testId="header-more"
          label={
            <>
              {t('header.more')}
              {inbox ? <span className="count">{inbox}</span> : null}
            </>
          }
          ariaLabel={inbox ? `${t('header.moreLabel')} (${t('linking.inbox')}: ${inbox})` : t('header.moreLabel')}
          current={MORE_VIEWS.includes(viewName)}
        >
          <InboxNav />
          <IntakeSettingsNav />
          <ReportNav />
          <DataNav />
          <PrivacyNav />
        </HeaderMenu>
      </div>
      <SyncStatus />
      <div className="header-user">
        <HeaderMenu testId="header-account" label={<span className="user-name">{session.user}</span>} ariaLabel={t('header.accountOf', { user: session.user })} align="right">
          <button
            type="button"
            className="button button--small"
            lang={locale === 'nl' ? 'en' : 'nl'}
            onClick={() => setLanguage(locale === 'nl' ? 'en' : 'nl')}
            title={`${t('app.language')}: ${locale === 'nl' ? 'English' : 'Nederlands'}`}
          >
            {t('header.languageSwitch')}
          </button>
          <LockButton />
          <LogoutButton offline={offline} pendingChanges={pending} onLogout={() => void closeSession()} />
          <WipeButton pendingChanges={pending} onConfirm={logoutAndWipe} />
        </HeaderMenu>
      </div>
    </header>
  );
}
