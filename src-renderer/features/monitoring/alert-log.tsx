import type { TFunction } from 'i18next';
import { Alert, Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AlertEvent, AlertKind } from '../../../src-shared/contract/monitoring.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { formatDateTime } from '../../ui/display-format';
import { visibleText } from '../../../src-shared/domain/visible-text';
import { DeviceText } from '../../ui/device-text-view';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';
import { watchLabel } from './monitoring-texts';

/** Entries shown (newest first). */
const ALERTS_SHOWN = 1000;

const KIND_COLORS: Record<AlertKind, string> = { raised: 'red', cleared: 'teal', changed: 'orange' };

type AlertColumn = 'at' | 'device' | 'condition' | 'kind' | 'active' | 'mail';

/** What was mailed, or why not (yet). */
function mailText(t: TFunction, alert: AlertEvent): string {
  if (alert.mailedTo !== null && alert.mailedTo.length > 0) return t('monitoring.alerts.mailedTo', { to: alert.mailedTo.join(', ') });
  if (alert.suppressed !== null) return t(`monitoring.alerts.suppressed.${alert.suppressed}`);
  return t('monitoring.alerts.pending');
}

/** The alert log, newest first, live: 'alert.raised' adds entries, 'mail.changed' fills in what was mailed. */
export function AlertLog() {
  const { t, i18n } = useTranslation();
  const rendererApi = useRendererApi();
  const alerts = useLiveQuery(rendererApi, async () => (await rendererApi.api.monitoring.listAlerts({ limit: ALERTS_SHOWN })).alerts, ['alert.raised', 'mail.changed']);
  const list = alerts.data ?? [];
  const columns: VirtualColumn<AlertColumn>[] = [
    { id: 'at', header: t('monitoring.alerts.columns.at'), width: 'minmax(170px, 1fr)' },
    { id: 'device', header: t('monitoring.alerts.columns.device'), width: 'minmax(140px, 1.2fr)' },
    { id: 'condition', header: t('monitoring.alerts.columns.condition'), width: 'minmax(120px, 1fr)' },
    { id: 'kind', header: t('monitoring.alerts.columns.kind'), width: '96px' },
    { id: 'active', header: t('monitoring.alerts.columns.active'), width: 'minmax(160px, 1.4fr)' },
    { id: 'mail', header: t('monitoring.alerts.columns.mail'), width: 'minmax(200px, 1.6fr)' },
  ];
  return (
    <>
      {alerts.error && <Alert color="red" mb="sm">{t('forms.loadFailed', { message: alerts.error.message })}</Alert>}
      <VirtualTable
        label={t('monitoring.alerts.label')}
        columns={columns}
        count={list.length}
        rowKey={(index) => list[index]?.id ?? index}
        height="max(320px, calc(100dvh - 260px))"
        empty={alerts.data === null ? t('forms.loading') : t('monitoring.alerts.empty')}
        rowTestId="alert-row"
        rowData={(index) => {
          const a = list[index];
          return a ? { 'data-alert-id': String(a.id), 'data-kind': a.kind, 'data-device-id': a.deviceId === null ? undefined : String(a.deviceId), 'data-mailed': String(a.mailedAt !== null) } : {};
        }}
        cell={(index, column) => {
          const a = list[index];
          if (!a) return null;
          switch (column) {
            case 'at':
              return formatDateTime(a.at, i18n.language);
            case 'device':
              return <span title={visibleText(a.deviceName)}><DeviceText text={a.deviceName} /></span>;
            case 'condition':
              return <span title={a.conditionName}>{a.conditionName}</span>;
            case 'kind':
              return (
                <Badge size="sm" variant="light" color={KIND_COLORS[a.kind]}>
                  {t(`monitoring.alerts.kinds.${a.kind}`)}
                </Badge>
              );
            case 'active': {
              const text = a.active.length === 0 ? t('monitoring.alerts.allClear') : a.active.map((c) => watchLabel(t, c)).join(', ');
              return <span title={text}>{text}</span>;
            }
            case 'mail': {
              const text = mailText(t, a);
              return (
                <Text size="sm" c={a.mailedAt === null ? 'dimmed' : undefined} title={text} truncate>
                  {text}
                </Text>
              );
            }
          }
        }}
      />
    </>
  );
}
