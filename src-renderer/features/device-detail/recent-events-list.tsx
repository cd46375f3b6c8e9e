import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceHistoryData } from '../../../src-shared/domain/device.schemas';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useCan } from '../../api/session-context';
import { stateLabel, statusMessageLabel } from '../../i18n/labels';
import { LongDeviceText } from '../../ui/device-text-view';
import { formatDateTime } from '../../ui/display-format';
import { STATE_COLOR } from '../devices/device-status';
import { watchLabel } from '../monitoring/monitoring-texts';
import { recentEvents } from './recent-events';

/** Lines shown; the Monitoring section's alert log has the rest. */
const SHOWN = 12;
const ALERT_COLOR = { raised: 'red', cleared: 'teal', changed: 'orange' } as const;

/** The device's recent status changes (from its history) and, for those who may see monitoring, its alerts; newest first, live. */
export function RecentEventsList({ deviceId, history }: { deviceId: number; history: DeviceHistoryData }) {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const monitoring = useCan('monitoring', 'view');
  const alerts = useLiveQuery(
    rendererApi,
    async () => (monitoring ? (await rendererApi.api.monitoring.listAlerts({ limit: SHOWN, deviceId })).alerts : []),
    ['alert.raised'],
    (_name, payload) => 'deviceId' in payload && payload.deviceId === deviceId,
  );
  const events = recentEvents(history.status, alerts.data ?? [], SHOWN);
  if (events.length === 0) return <Text size="sm" c="dimmed">{t('detail.noRecentEvents')}</Text>;
  return (
    <Stack gap={8} data-testid="recent-events" aria-label={t('detail.recentEvents')}>
      {events.map((event) => (
        <Stack key={`${event.kind}-${event.kind === 'alert' ? event.alert.id : event.at}`} gap={0} data-testid="recent-event" data-kind={event.kind}>
          {event.kind === 'status' ? (
            <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
              <Badge size="sm" variant="light" color={STATE_COLOR[event.entry.state]} style={{ flexShrink: 0 }}>
                {stateLabel(t, event.entry.state)}
              </Badge>
              <LongDeviceText text={statusMessageLabel(i18n.language, event.entry.message)} />
            </Group>
          ) : (
            <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
              <Badge size="sm" variant="outline" color={ALERT_COLOR[event.alert.kind]} style={{ flexShrink: 0 }}>
                {t(`monitoring.alerts.kinds.${event.alert.kind}`)}
              </Badge>
              <Text size="sm">
                {event.alert.active.length === 0 ? t('monitoring.alerts.allClear') : event.alert.active.map((c) => watchLabel(t, c)).join(', ')}
                <Text span size="xs" c="dimmed">
                  {' · '}
                  {t('detail.alertCondition', { name: event.alert.conditionName })}
                </Text>
              </Text>
            </Group>
          )}
          <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatDateTime(event.at, i18n.language)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
