import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../api/session-context';
import { TabbedPage } from '../../ui/tabbed-page';
import { AccountsPanel } from '../accounts/accounts-panel';
import { IpPoolsPanel } from '../ip-pools/ip-pools-panel';
import { MailSettingsPanel } from '../mail/mail-settings-panel';
import { OutboxPanel } from '../mail/outbox-panel';
import { MonitoringSettingsPanel } from '../monitoring/monitoring-settings-panel';
import { PluginsPanel } from '../plugins/plugins-panel';
import { SystemLogPanel } from '../system-log/system-log-panel';
import { visibleSettingsTabs, type SettingsTab } from './settings-tabs';

const PANELS: Readonly<Record<SettingsTab, () => ReactNode>> = {
  mail: () => <MailSettingsPanel />,
  outbox: () => <OutboxPanel />,
  monitoring: () => <MonitoringSettingsPanel />,
  ipPools: () => <IpPoolsPanel />,
  accounts: () => <AccountsPanel />,
  plugins: () => <PluginsPanel />,
  systemLog: () => <SystemLogPanel />,
};

/** The Settings section: mail server (SMTP, POP before SMTP, test mail), the outbox, monitoring, accounts, plug-ins, the system log — the tabs the user may see. */
export function SettingsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  return (
    <TabbedPage
      testId="settings-page"
      title={t('settingsPage.title')}
      tabs={visibleSettingsTabs(can).map((id) => ({ id, label: t(`settingsPage.tabs.${id}`), panel: PANELS[id]() }))}
    />
  );
}
