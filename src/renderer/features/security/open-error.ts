import i18n from '../../i18n';
import { DataKeyError } from '../../db/cipher';

/**
 * The message for a database that did not open. A wrong or missing data key gets a plain
 * explanation that nothing was lost and what to do; other errors keep their own message.
 */
export function describeOpenError(e: unknown): string {
  if (e instanceof DataKeyError) return i18n.t('security.key.mismatch');
  if (e instanceof Error && e.name === 'DataKeyUnavailableError') return i18n.t('security.key.unavailable');
  if (e instanceof Error && /DataKeyUnavailableError|local data key is not available/.test(e.message)) return i18n.t('security.key.unavailable');
  return e instanceof Error ? e.message : String(e);
}
