import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared';
import nl from './nl.json';
import en from './en.json';

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
