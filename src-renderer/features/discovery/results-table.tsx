import { Anchor, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DiscoveryOutcome, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { visibleText } from '../../../src-shared/domain/visible-text';
import { DeviceText } from '../../ui/device-text-view';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';

export const OUTCOME_COLORS: Record<DiscoveryOutcome, string> = {
  new: 'teal',
  updated: 'blue',
  unchanged: 'gray',
  lost: 'orange',
  skipped: 'gray',
  failed: 'red',
};

type ResultColumn = 'outcome' | 'address' | 'label' | 'methods' | 'previousAddress' | 'message';

const WIDTHS: Record<ResultColumn, string> = {
  outcome: '96px',
  address: 'minmax(120px, 1fr)',
  label: 'minmax(140px, 1.4fr)',
  methods: 'minmax(90px, 0.7fr)',
  previousAddress: 'minmax(110px, 0.8fr)',
  message: 'minmax(140px, 1.4fr)',
};

/** "10.0.0.5", or "10.0.0.5:1161" off the standard SNMP port. */
export function resultAddress(result: Pick<DiscoveryResult, 'address' | 'port'>): string {
  return result.port === 161 ? result.address : `${result.address}:${result.port}`;
}

/** What a search found, one row per device or address (virtualised: thousands stay fast). */
export function ResultsTable({
  results,
  columns,
  height,
  label,
  empty,
  onOpenDevice,
}: {
  results: readonly DiscoveryResult[];
  columns: readonly ResultColumn[];
  height: string | number;
  label: string;
  empty: string;
  /** When given, a result with a device links to it. */
  onOpenDevice?: (deviceId: number) => void;
}) {
  const { t } = useTranslation();
  const shown: VirtualColumn<ResultColumn>[] = columns.map((id) => ({ id, header: t(`discovery.historyView.columns.${id}`), width: WIDTHS[id] }));
  return (
    <VirtualTable
      label={label}
      columns={shown}
      count={results.length}
      rowKey={(index) => {
        const r = results[index];
        return r ? `${r.deviceId ?? ''}|${r.address}:${r.port}|${index}` : index;
      }}
      height={height}
      empty={empty}
      rowTestId="discovery-result"
      rowData={(index) => {
        const r = results[index];
        return r ? { 'data-outcome': r.outcome, 'data-address': r.address } : {};
      }}
      cell={(index, column) => {
        const r = results[index];
        if (!r) return null;
        switch (column) {
          case 'outcome':
            return (
              <Badge size="sm" variant="light" color={OUTCOME_COLORS[r.outcome]}>
                {t(`discovery.outcomes.${r.outcome}`)}
              </Badge>
            );
          case 'address':
            return <span title={resultAddress(r)}>{resultAddress(r)}</span>;
          case 'label':
            // The label and a message may quote what the device reported: isolated, its controls shown.
            if (onOpenDevice && r.deviceId !== null) {
              const deviceId = r.deviceId;
              return (
                <Anchor component="button" type="button" size="sm" title={t('discovery.historyView.openDevice', { name: visibleText(r.label) })} onClick={() => onOpenDevice(deviceId)} data-testid="result-device-link" data-device-id={deviceId} style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', textAlign: 'start' }}>
                  <DeviceText text={r.label} />
                </Anchor>
              );
            }
            return <span title={visibleText(r.label)}><DeviceText text={r.label} /></span>;
          case 'methods':
            return r.methods.map((m) => t(`discovery.short.${m}`)).join(', ');
          case 'previousAddress':
            return r.previousAddress ?? '';
          case 'message':
            return <span title={r.message === null ? undefined : visibleText(r.message)}><DeviceText text={r.message} /></span>;
        }
      }}
    />
  );
}
