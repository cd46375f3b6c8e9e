import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DeviceDetail, DeviceHistoryData } from '../../../src-shared/domain/device.schemas';
import { isMarkerSupply } from '../../../src-shared/filters/device-filter';
import { subjectWords } from '../../../src-shared/status/status-words';
import { wordingLanguage } from '../../../src-shared/wording/wording-language';
import { alertSeverityLabel, alertTextLabel, counterLabel, supplyName } from '../../i18n/labels';
import { deviceAddress } from '../../ui/device-text';
import { DeviceText, LongDeviceText } from '../../ui/device-text-view';
import { formatDateTime } from '../../ui/display-format';
import { supplyColor } from '../devices/supply-colors';
import { HistoryChart } from './history-chart';
import { trayLevelText } from './tray-level';
import { counterPoints, supplyPoints } from './history-series';

/** Who the device is: vendor, model, serial, MAC, firmware, address, location … */
export function IdentityTable({ device }: { device: DeviceDetail }) {
  const { t, i18n } = useTranslation();
  const id = device.identity;
  const rows: [string, string | null][] = [
    [t('detail.fields.vendor'), id.vendor],
    [t('detail.fields.model'), id.model],
    [t('detail.fields.serial'), id.serial],
    [t('detail.fields.mac'), id.mac],
    [t('detail.fields.firmware'), id.firmware],
    [t('detail.fields.address'), deviceAddress(device)],
    [t('detail.fields.sysName'), id.sysName],
    [t('detail.fields.location'), id.location],
    [t('detail.fields.contact'), id.contact],
    [t('detail.fields.uptime'), id.uptimeSeconds === null || device.lastSeen === null ? null : formatDateTime(device.lastSeen - id.uptimeSeconds * 1000, i18n.language)],
    [t('detail.fields.source'), t(`detail.sources.${device.source}`)],
    [t('detail.fields.profile'), device.profileId],
    [t('detail.fields.description'), id.sysDescr],
  ];
  return (
    <Table variant="vertical" withTableBorder={false} verticalSpacing={4} fz="sm">
      <Table.Tbody>
        {rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={130} fw={500}>{label}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <DeviceText text={value} />
              </Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  );
}

/** Active alerts (prtAlertTable rows) with severity and since when. */
export function AlertList({ alerts }: { alerts: DeviceDetail['alerts'] }) {
  const { t, i18n } = useTranslation();
  if (alerts.length === 0) return <Text size="sm" c="dimmed">{t('detail.noAlerts')}</Text>;
  return (
    <Stack gap={6}>
      {alerts.map((alert, index) => {
        // In Japanese the IANA code's words lead and the device's own text follows (alertTextLabel).
        const worded = alertTextLabel(i18n.language, alert);
        return (
          <Group key={`${alert.code ?? ''}-${index}`} gap="xs" wrap="nowrap" align="flex-start">
            <Badge size="sm" variant="light" color={/critical/i.test(alert.severity) ? 'red' : 'yellow'} style={{ flexShrink: 0 }} data-severity={alert.severity}>
              {alertSeverityLabel(i18n.language, alert.severity)}
            </Badge>
            <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
              <LongDeviceText text={worded.text} testId="detail-alert-text" />
              {worded.detail !== null && (
                <Text size="xs" c="dimmed" data-testid="detail-alert-device-text">
                  <DeviceText text={worded.detail} />
                </Text>
              )}
              <Text size="xs" c="dimmed">{t('detail.since', { time: formatDateTime(alert.firstSeen, i18n.language) })}</Text>
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

/** Paper trays with media and paper left ("168 of 550 sheets"). */
export function TrayTable({ trays }: { trays: DeviceDetail['trays'] }) {
  const { t, i18n } = useTranslation();
  // "Tray 2" as the status says it ("トレイ 2: 用紙なし"); a name the device gave stays its own.
  const language = wordingLanguage(i18n.language);
  if (trays.length === 0) return <Text size="sm" c="dimmed">{t('detail.noTrays')}</Text>;
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('detail.trayColumns.name')}</Table.Th>
          <Table.Th>{t('detail.trayColumns.media')}</Table.Th>
          <Table.Th ta="right">{t('detail.trayColumns.level')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {trays.map((tray) => (
          <Table.Tr key={tray.index}>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              <DeviceText text={subjectWords(language, tray.name)} />
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              <DeviceText text={tray.media} />
            </Table.Td>
            <Table.Td ta="right" data-testid="tray-level">{trayLevelText(t, tray)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Page counters by name (known names translated). */
export function CounterTable({ counters }: { counters: DeviceDetail['counters'] }) {
  const { t, i18n } = useTranslation();
  if (counters.length === 0) return <Text size="sm" c="dimmed">{t('detail.noCounters')}</Text>;
  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('detail.counterColumns.name')}</Table.Th>
          <Table.Th ta="right">{t('detail.counterColumns.value')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {counters.map((counter) => (
          <Table.Tr key={`${counter.name}-${counter.unit}`}>
            <Table.Td>{counterLabel(t, counter.name)}</Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{counter.value.toLocaleString(i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A device known for minutes gets a chart of those minutes, not of a mostly empty week. */
const MIN_CHART_SPAN_MS = 10 * 60_000;

function chartStart(history: DeviceHistoryData, windowStart: number, to: number): number {
  const times = [...history.supplies, ...history.counters].map((entry) => entry.at).filter((at) => at >= windowStart);
  const oldest = times.length > 0 ? Math.min(...times) : windowStart;
  return Math.max(windowStart, Math.min(oldest, to - MIN_CHART_SPAN_MS));
}

/** Toner/ink % and total pages over the history window (or the part of it the device has history for). */
export function HistoryCharts({ device, history, windowStart, to, scheme }: { device: DeviceDetail; history: DeviceHistoryData; windowStart: number; to: number; scheme: 'light' | 'dark' }) {
  const { t, i18n } = useTranslation();
  const from = chartStart(history, windowStart, to);
  const formatTime = (at: number) =>
    to - from < 2 * 24 * 3600_000
      ? new Date(at).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
      : new Date(at).toLocaleDateString(i18n.language, { month: 'short', day: 'numeric' });
  const toner = device.supplies
    .filter(isMarkerSupply)
    .map((s) => ({ key: s.index, label: supplyName(t, s), color: supplyColor(s.color, scheme), points: supplyPoints(history, s.index, from, to) }))
    .filter((s) => s.points.length > 0);
  const pages = counterPoints(history, 'total', from, to);
  const pageLow = Math.min(...pages.map((p) => p.value));
  const pageHigh = Math.max(...pages.map((p) => p.value));
  if (toner.length === 0 && pages.length === 0) return <Text size="sm" c="dimmed">{t('detail.noHistory')}</Text>;
  return (
    <Stack gap="md">
      {toner.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">{t('detail.tonerChart')}</Text>
          <HistoryChart label={t('detail.tonerChart')} series={toner} min={0} max={100} formatValue={(v) => `${Math.round(v)}`} formatTime={formatTime} from={from} to={to} />
        </Stack>
      )}
      {pages.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">{t('detail.pagesChart')}</Text>
          <HistoryChart
            label={t('detail.pagesChart')}
            series={[{ key: 'total', label: counterLabel(t, 'total'), color: 'var(--mantine-primary-color-filled)', points: pages }]}
            min={pageLow}
            max={Math.max(pageHigh, pageLow + 10)}
            formatValue={(v) => Math.round(v).toLocaleString(i18n.language, pageHigh - pageLow >= 10_000 ? { notation: 'compact' } : {})}
            formatTime={formatTime}
            from={from}
            to={to}
          />
        </Stack>
      )}
    </Stack>
  );
}
