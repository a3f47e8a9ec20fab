import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegiodeskDatabase } from '../../db/database';
import { statusKind, useSyncStatus } from '../../sync/status';
import { useRegistrations } from '../activities/hooks';
import { eventSyncSummary } from './syncSummary';

/**
 * After (or during) an event: how much of it is on the server. The advisor closing her laptop
 * after an information evening sees whether everyone she registered has arrived.
 */
export function EventSyncSummary({ db, activityId }: { db: RegiodeskDatabase; activityId: string }) {
  const { t } = useTranslation();
  const regs = useRegistrations(db, activityId);
  const pendingList = useSyncStatus((s) => s.pending);
  const kind = useSyncStatus(statusKind);
  const summary = useMemo(() => (regs ? eventSyncSummary(regs, new Set(pendingList)) : null), [regs, pendingList]);
  if (!summary || summary.registrations === 0) return null;
  const waiting = summary.registrationsWaiting + summary.newCandidatesWaiting;
  return (
    <p className={`notice ${waiting ? '' : 'notice--success'} event-sync`} role="status" aria-live="polite" data-testid="event-sync">
      {waiting === 0
        ? t('eventMode.sync.allThere', { count: summary.registrations, fresh: summary.newCandidates })
        : t('eventMode.sync.waiting', {
            there: summary.registrations - summary.registrationsWaiting,
            count: summary.registrations,
            freshThere: summary.newCandidates - summary.newCandidatesWaiting,
            fresh: summary.newCandidates,
          })}{' '}
      {waiting && kind === 'offline' ? t('eventMode.sync.offline') : null}
    </p>
  );
}
