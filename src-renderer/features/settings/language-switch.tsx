import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n/i18n';
import { LANGUAGES, isLanguage } from '../../i18n/language';

/** English / 日本語; the choice is remembered. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('settings.language')}
      value={isLanguage(i18n.language) ? i18n.language : 'en'}
      onChange={(value) => {
        if (isLanguage(value)) changeLanguage(value);
      }}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`settings.languages.${language}`) }))}
    />
  );
}
