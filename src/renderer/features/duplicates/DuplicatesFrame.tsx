import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/Notice';

/**
 * The frame both duplicate lists share: title, intro, the last merge's message, loading and the
 * empty state. `prefix` is the i18n prefix of the kind (`duplicates` or `duplicates.org`).
 * `action` goes inside the message (the merge's undo button); `error` is a failed undo's reason.
 */
export function DuplicatesFrame({ id, prefix, message, action, error, loading, empty, children }: {
  id: string;
  prefix: string;
  message: string | null;
  action?: ReactNode;
  error?: string | null;
  loading: boolean;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(`${prefix}.title`)}</h2>
      <p>{t(`${prefix}.intro`)}</p>
      {message ? (
        <p className="notice notice--success undo-bar" role="status">
          {message}
          {action ? <> {action}</> : null}
        </p>
      ) : null}
      <ErrorNotice text={error} />
      {loading ? <p className="muted">{t('app.loading')}</p> : null}
      {!loading && empty ? (
        <div className="empty">
          <p className="empty-title">{t(`${prefix}.none`)}</p>
          <p>{t(`${prefix}.noneHint`)}</p>
        </div>
      ) : null}
      {children}
    </section>
  );
}
