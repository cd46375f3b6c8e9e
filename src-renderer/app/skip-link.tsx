import { useTranslation } from 'react-i18next';
import classes from './skip-link.module.css';

/** The id of the element the skip link moves the focus to (the layout's main area). */
export const MAIN_CONTENT_ID = 'main-content';

/** "Skip to main content": the first stop of the keyboard, past the header's sections and the group tree. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className={classes.skipLink}
      href={`#${MAIN_CONTENT_ID}`}
      data-testid="skip-link"
      onClick={(event) => {
        // Moves the focus without touching the address bar (its fragment is the console's place, "#/devices/42").
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
    >
      {t('app.skipToMain')}
    </a>
  );
}
