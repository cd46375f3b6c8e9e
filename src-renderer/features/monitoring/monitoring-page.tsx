import { ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertLog } from './alert-log';
import { ConditionsPanel } from './conditions-panel';

type MonitoringTab = 'conditions' | 'alerts';

/** The Monitoring section: conditions (what to watch, when, whom to tell) and the alert log. */
export function MonitoringPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<MonitoringTab>('conditions');
  return (
    <ScrollArea style={{ flex: 1 }} type="auto">
      <Stack gap="md" p="md" data-testid="monitoring-page">
        <Title order={3}>{t('monitoring.title')}</Title>
        <Tabs value={tab} onChange={(value) => setTab(value === 'alerts' ? 'alerts' : 'conditions')} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="conditions">{t('monitoring.tabs.conditions')}</Tabs.Tab>
            <Tabs.Tab value="alerts">{t('monitoring.tabs.alerts')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="conditions" pt="md">
            <ConditionsPanel />
          </Tabs.Panel>
          <Tabs.Panel value="alerts" pt="md">
            <AlertLog />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </ScrollArea>
  );
}
