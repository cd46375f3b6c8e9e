import { ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MailSettingsPanel } from '../mail/mail-settings-panel';
import { OutboxPanel } from '../mail/outbox-panel';
import { MonitoringSettingsPanel } from '../monitoring/monitoring-settings-panel';

const TABS = ['mail', 'outbox', 'monitoring'] as const;
type SettingsTab = (typeof TABS)[number];

/** The Settings section: mail server (SMTP, POP before SMTP, test mail), the outbox, monitoring. */
export function SettingsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<SettingsTab>('mail');
  return (
    <ScrollArea style={{ flex: 1 }} type="auto">
      <Stack gap="md" p="md" data-testid="settings-page">
        <Title order={3}>{t('settingsPage.title')}</Title>
        <Tabs value={tab} onChange={(value) => setTab(TABS.find((x) => x === value) ?? 'mail')} keepMounted={false}>
          <Tabs.List>
            {TABS.map((id) => (
              <Tabs.Tab key={id} value={id}>
                {t(`settingsPage.tabs.${id}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="mail" pt="md">
            <MailSettingsPanel />
          </Tabs.Panel>
          <Tabs.Panel value="outbox" pt="md">
            <OutboxPanel />
          </Tabs.Panel>
          <Tabs.Panel value="monitoring" pt="md">
            <MonitoringSettingsPanel />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
