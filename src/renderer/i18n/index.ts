import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared';

/**
 * Translations live in one file per feature (`locales/<lang>/<feature>.json`), so features can
 * grow without editing one shared file; their top-level keys must not collide.
 */
type Messages = Record<string, unknown>;
const files = import.meta.glob<Messages>('./locales/*/*.json', { eager: true, import: 'default' });

export function mergeLocales(entries: [string, Messages][]): Record<Locale, Messages> {
  const out: Record<Locale, Messages> = { nl: {}, en: {} };
  for (const [path, messages] of entries) {
    const lang = /\/locales\/(nl|en)\//.exec(path)?.[1] as Locale | undefined;
    if (!lang) continue;
    for (const [key, value] of Object.entries(messages)) {
      if (key in out[lang]) throw new Error(`translation key "${key}" is defined twice (${path})`);
      out[lang][key] = value;
    }
  }
  return out;
}

const { nl, en } = mergeLocales(Object.entries(files));

const LANG_KEY = 'regiodesk.lang';

function initialLanguage(): Locale {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lang: Locale): void {
  void i18n.changeLanguage(lang);
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    /* ignore */
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'nl';
}

export default i18n;
