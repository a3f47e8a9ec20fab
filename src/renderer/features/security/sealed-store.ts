import type { KeyValueStore } from '../../app/session';
import { isSealed, open, seal } from '../../db/cipher';
import { currentDataKey } from './keyring';

/**
 * Drafts typed into forms (new candidate, event mode, notes) hold personal data and are written
 * to localStorage on every keystroke, so that nothing typed is lost in a crash. This store seals
 * them with the data key (synchronous cipher: the write is done before the next keystroke), bound
 * to their storage key. After a crash the same key comes back at unlock and the draft opens.
 *
 * Without a key (only in unit tests of the forms; the app shows no form before the key is there)
 * nothing is written, except under vitest, where plain text keeps those tests about drafts.
 */
export function sealedStore(base: Pick<KeyValueStore, 'getItem' | 'setItem'> | null | undefined): Pick<KeyValueStore, 'getItem' | 'setItem'> {
  return {
    getItem(name) {
      const raw = base?.getItem(name) ?? null;
      if (raw === null || !isSealed(raw)) return raw; // a draft from before encryption: re-sealed at the next keystroke
      const key = currentDataKey();
      if (!key) return null;
      try {
        return open(key, raw, name);
      } catch {
        return null;
      }
    },
    setItem(name, value) {
      const key = currentDataKey();
      if (key) base?.setItem(name, seal(key, value, name));
      else if (import.meta.env.MODE === 'test') base?.setItem(name, value);
    },
  };
}
