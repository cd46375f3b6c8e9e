import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExecutionState } from '../../../src-shared/contract/tasks.contract';
import type { SettingId, SettingValue } from '../../../src-shared/settings/settings-catalogue';
import { useAppEvent, useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useServerData } from '../../api/server-data';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';
import { useDeviceListStore } from '../devices/device-list.store';
import { formatDateTime, formatRelativeTime } from '../../ui/display-format';
import { useDeviceSettingsWizardStore } from './device-settings-wizard.store';
import { runSettingsWork } from './settings-actions';
import { ITEM_GROUPS, itemsOfGroup } from './settings-draft';
import { isSettingId, itemLabel, valueText } from './settings-texts';

type Acquisition = { state: 'idle' } | { state: 'running'; executionId: number } | { state: 'failed'; message: string };

/**
 * Device detail → Settings: the values last acquired from the device, grouped like the
 * whitepaper, with when they were read; "Acquire now" reads them again (an execution of the
 * acquireSettings kind), "Use these values" opens the settings wizard with them for other
 * devices (copy settings from one device to many).
 */
export function AcquiredSettings({ deviceId, deviceLabel }: { deviceId: number; deviceLabel: string }) {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const { devicesById } = useServerData();
  const canTasks = useCan('tasks', 'change');
  const canSettings = useCan('deviceSettings', 'change');
  const canRun = canTasks && canSettings;
  const acquired = useLiveQuery(rendererApi, async () => (await api.settings.acquired({ deviceId })).values, []);
  const [acquisition, setAcquisition] = useState<Acquisition>({ state: 'idle' });
  const locale = i18n.language;

  const running = useRef<number | null>(null);
  const settle = (executionId: number, state: ExecutionState) => {
    if (running.current !== executionId || state === 'queued' || state === 'running') return;
    running.current = null;
    acquired.reload();
    if (state === 'succeeded') {
      setAcquisition({ state: 'idle' });
      return;
    }
    api.tasks.getExecution({ executionId }).then(
      ({ devices, execution }) => setAcquisition({ state: 'failed', message: devices[0]?.message ?? execution.error ?? t(`tasks.executions.states.${state}`) }),
      (caught: unknown) => setAcquisition({ state: 'failed', message: errorMessage(caught) }),
    );
  };
  // The acquisition this pane started: when it ends, show the new values (or why there are none).
  useAppEvent('task.progress', (event) => settle(event.executionId, event.state));

  const acquire = async () => {
    try {
      const { executionId } = await runSettingsWork(api, 'acquireSettings', { deviceIds: [deviceId] }, t('deviceSettings.runNames.acquireSettings', { count: 1 }));
      running.current = executionId;
      setAcquisition({ state: 'running', executionId });
      // It may have ended before its events could reach this pane.
      const { execution } = await api.tasks.getExecution({ executionId });
      settle(executionId, execution.state);
    } catch (caught) {
      running.current = null;
      setAcquisition({ state: 'failed', message: errorMessage(caught) });
    }
  };

  const values = useMemo(() => acquired.data ?? [], [acquired.data]);
  // In the whitepaper's groups and order, whatever order the store keeps them in.
  const byGroup = useMemo(() => {
    const byItem = new Map(values.map((v) => [v.item, v]));
    return ITEM_GROUPS.map((group) => ({ group, rows: itemsOfGroup(group).flatMap((item) => byItem.get(item.id) ?? []) })).filter((g) => g.rows.length > 0);
  }, [values]);
  const newest = values.reduce((latest, v) => Math.max(latest, v.readAt), 0);

  const useValues = () => {
    const copied: Partial<Record<SettingId, SettingValue>> = {};
    for (const v of values) if (isSettingId(v.item)) copied[v.item] = v.value;
    // The devices selected in the list, without this one, are the likely targets.
    const selected = [...useDeviceListStore.getState().selected].filter((id) => id !== deviceId && devicesById.has(id));
    useDeviceSettingsWizardStore.getState().openWithValues(copied, { deviceIds: selected });
  };

  return (
    <Stack gap="sm" data-testid="acquired-settings" data-count={values.length}>
      <Group justify="space-between" gap="xs">
        <Title order={5}>{t('deviceSettings.acquired.title')}</Title>
        {newest > 0 && (
          <Text size="xs" c="dimmed" data-testid="acquired-at" title={formatDateTime(newest, locale)}>
            {t('deviceSettings.acquired.readAt', { time: `${formatRelativeTime(newest, Date.now(), locale)} (${formatDateTime(newest, locale)})` })}
          </Text>
        )}
      </Group>
      {canRun && (
        <Group gap="xs">
          <Button size="xs" variant="light" leftSection={<Icon name="download" size={14} />} loading={acquisition.state === 'running'} onClick={() => void acquire()}>
            {t('deviceSettings.acquired.acquireNow')}
          </Button>
          <Button size="xs" variant="default" leftSection={<Icon name="copy" size={14} />} disabled={values.length === 0} onClick={useValues} title={t('deviceSettings.acquired.useValuesHint')}>
            {t('deviceSettings.acquired.useValues')}
          </Button>
        </Group>
      )}
      {acquisition.state === 'failed' && (
        <Alert color="red" py={6} data-testid="acquire-failed">
          {t('deviceSettings.acquired.failed', { name: deviceLabel, message: acquisition.message })}
        </Alert>
      )}
      {acquired.error && <Alert color="red">{t('forms.loadFailed', { message: acquired.error.message })}</Alert>}
      {acquired.data !== null && values.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('deviceSettings.acquired.never')}
        </Text>
      )}
      {byGroup.map(({ group, rows }) => (
        <Stack key={group} gap={4} component="section">
          <Text size="xs" fw={700} c="dimmed" tt="uppercase">
            {t(`settingGroups.${group}`)}
          </Text>
          <Table variant="vertical" withTableBorder={false} verticalSpacing={3} fz="sm">
            <Table.Tbody>
              {rows.map((v) => (
                <Table.Tr key={v.item} data-testid="acquired-value" data-item={v.item}>
                  <Table.Th w="46%" fw={500} fz="xs">
                    {itemLabel(t, v.item)}
                  </Table.Th>
                  <Table.Td style={{ wordBreak: 'break-word' }} title={t('deviceSettings.acquired.readAt', { time: formatDateTime(v.readAt, locale) })}>
                    {valueText(t, v.item, v.value)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
