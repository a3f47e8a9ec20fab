import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The message after a merge and the undo it offers, shared by both duplicate lists. `prefix` is the
 * kind's i18n prefix (`duplicates` or `duplicates.org`); `run` undoes and returns the message to
 * show. A failed undo stays offered with its reason: each undo step checks what is there, so it can
 * be run again.
 */
export function useMergeUndo<T>(prefix: string, run: (data: T) => Promise<string>): {
  message: string | null;
  error: string | null;
  action: ReactNode;
  /** After a merge: its message, and the undo to offer (null: nothing to undo). */
  offer: (message: string, undo: { data: T; name: string } | null) => void;
} {
  const { t } = useTranslation();
  const [message, setMessage] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ data: T; name: string } | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const runUndo = async () => {
    if (!undo) return;
    setUndoing(true);
    setError(null);
    try {
      setMessage(await run(undo.data));
      setUndo(null);
    } catch (e) {
      setError(t(`${prefix}.undoFailed`, { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setUndoing(false);
    }
  };

  const action = undo ? (
    <>
      <button type="button" className="button button--small" aria-label={t(`${prefix}.undoLabel`, { name: undo.name })} disabled={undoing} onClick={() => void runUndo()}>
        {undoing ? t(`${prefix}.undoing`) : t(`${prefix}.undo`)}
      </button>{' '}
      <button type="button" className="button button--small" aria-label={t(`${prefix}.dismiss`)} onClick={() => setUndo(null)}>
        ✕
      </button>
    </>
  ) : null;

  const offer = (text: string, next: { data: T; name: string } | null) => {
    setMessage(text);
    setError(null);
    setUndo(next);
  };
  return { message, error, action, offer };
}
