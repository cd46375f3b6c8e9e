import { useTranslation } from 'react-i18next';
import { TabbedPage } from '../../ui/tabbed-page';
import { MailSettingsPanel } from '../mail/mail-settings-panel';
import { OutboxPanel } from '../mail/outbox-panel';
import { MonitoringSettingsPanel } from '../monitoring/monitoring-settings-panel';

/** The Settings section: mail server (SMTP, POP before SMTP, test mail), the outbox, monitoring. */
export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <TabbedPage
      testId="settings-page"
      title={t('settingsPage.title')}
      tabs={[
        { id: 'mail', label: t('settingsPage.tabs.mail'), panel: <MailSettingsPanel /> },
        { id: 'outbox', label: t('settingsPage.tabs.outbox'), panel: <OutboxPanel /> },
        { id: 'monitoring', label: t('settingsPage.tabs.monitoring'), panel: <MonitoringSettingsPanel /> },
      ]}
    />
  );
}
