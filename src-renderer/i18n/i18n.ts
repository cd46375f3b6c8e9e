import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja } from './ja';
import { LANGUAGE_STORAGE_KEY, pickLanguage, type Language } from './language';
import { addPluginLabels } from '../plugins/plugin-registry';

function readRemembered(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Starts i18next with English and Japanese (and the plug-ins' labels); the language comes from pickLanguage. */
export function initI18n(): i18n {
  const lng = pickLanguage(readRemembered(), navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng,
    fallbackLng: 'en',
    // React escapes; i18next escaping would show &lt; in device names.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  // Plug-ins' section buttons, function and task kind labels: known before their code is loaded.
  addPluginLabels(i18next);
  document.documentElement.lang = lng;
  return i18next;
}

/** Switches the UI language and remembers it; a refused storage write only loses the memory. */
export function changeLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this page.
  }
}
