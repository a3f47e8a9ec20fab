import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictsOf, rejectionOf, useJournal } from '../../sync/journal';
import { ConflictList } from './ConflictList';

/**
 * For a record's own page (the candidate file): whether the server refused it, and which of its
 * fields were merged with whom. Renders nothing when there is nothing to say.
 */
export function SyncNotes({ docId }: { docId: string }) {
  const { t } = useTranslation();
  // Select stable slices; filtering inside the selector would make a new array on every read.
  const rejectedAll = useJournal((s) => s.rejected);
  const conflictsAll = useJournal((s) => s.conflicts);
  const rejected = useMemo(() => rejectionOf(docId)({ rejected: rejectedAll, conflicts: [] }), [rejectedAll, docId]);
  const conflicts = useMemo(() => conflictsOf(docId)({ rejected: [], conflicts: conflictsAll }), [conflictsAll, docId]);
  if (!rejected && conflicts.length === 0) return null;
  return (
    <section className="sync-notes" aria-labelledby={`sync-notes-${docId}`} data-testid="sync-notes">
      <h2 id={`sync-notes-${docId}`}>{t('sync.fileTitle')}</h2>
      {rejected ? (
        <div className="notice notice--error" role="alert" data-testid="rejected-notice">
          <p>{t('sync.rejectedReason', { reason: rejected.reason || rejected.error })}</p>
          <p>{t('sync.rejectedKept')}</p>
        </div>
      ) : null}
      {conflicts.length > 0 ? (
        <>
          <h3>{t('sync.conflictsTitle')}</h3>
          <ConflictList entries={conflicts} />
        </>
      ) : null}
    </section>
  );
}
