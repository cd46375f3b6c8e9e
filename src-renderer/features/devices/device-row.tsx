import { Group, Table, Text } from '@mantine/core';
import { memo, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { describeSupply, stateLabel } from '../../i18n/labels';
import type { ColumnId } from './device-columns';
import { deviceAddress, deviceName, greyReason } from './device-text';
import { formatDateTime, formatRelativeTime } from './relative-time';
import { StatusIcon } from './status-icon';
import { SupplyBars } from './supply-bars';

export const ROW_HEIGHT = 36;

export interface RowView {
  t: TFunction;
  locale: string;
  now: number;
  scheme: 'light' | 'dark';
}

interface DeviceRowProps {
  device: DeviceSummary;
  index: number;
  columns: readonly ColumnId[];
  selected: boolean;
  active: boolean;
  view: RowView;
  onClick(id: number, event: MouseEvent): void;
  onOpen(id: number): void;
}

const ellipsis = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;

/** One list row; memoised so scrolling and selection re-render only the rows that changed. */
export const DeviceRow = memo(function DeviceRow({ device, index, columns, selected, active, view, onClick, onOpen }: DeviceRowProps) {
  const reason = greyReason(device);
  const reasonText = reason === null ? undefined : reason.kind === 'never-read' ? view.t('list.neverRead') : view.t('list.notAnswering', { message: reason.message });
  return (
    <Table.Tr
      id={`device-row-${device.id}`}
      data-testid="device-row"
      data-device-id={device.id}
      data-state={device.state}
      data-unreachable={reason === null ? undefined : 'true'}
      aria-selected={selected}
      aria-rowindex={index + 2}
      title={reasonText}
      onClick={(event) => onClick(device.id, event)}
      onDoubleClick={() => onOpen(device.id)}
      style={{
        height: ROW_HEIGHT,
        cursor: 'default',
        // Double-click opens the detail; it must not select text.
        userSelect: 'none',
        opacity: reason === null ? 1 : 0.5,
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
        outline: active ? '1px solid var(--mantine-primary-color-filled)' : undefined,
        outlineOffset: -1,
      }}
    >
      {columns.map((column) => (
        <Table.Td key={column} style={{ ...ellipsis, textAlign: column === 'pages' ? 'right' : undefined }}>
          {cell(column, device, view)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
});

function cell(column: ColumnId, device: DeviceSummary, view: RowView) {
  const { t } = view;
  switch (column) {
    case 'status':
      return (
        <Group gap={8} wrap="nowrap">
          <StatusIcon state={device.state} label={stateLabel(t, device.state)} />
          <Text size="sm" style={ellipsis} title={device.message}>
            {device.message}
          </Text>
        </Group>
      );
    case 'name':
      return <Text size="sm" fw={500} style={ellipsis}>{deviceName(device) || '—'}</Text>;
    case 'address':
      return <Text size="sm" ff="monospace" style={ellipsis}>{deviceAddress(device)}</Text>;
    case 'model':
      return (
        <Text size="sm" style={ellipsis}>
          {device.identity.vendor && <Text span c="dimmed" size="sm">{device.identity.vendor} </Text>}
          {device.identity.model ?? ''}
        </Text>
      );
    case 'serial':
      return <Text size="sm" style={ellipsis}>{device.identity.serial ?? ''}</Text>;
    case 'location':
      return <Text size="sm" style={ellipsis}>{device.identity.location ?? ''}</Text>;
    case 'supplies':
      return <SupplyBars supplies={device.supplies} scheme={view.scheme} describe={(s) => describeSupply(t, s, view.locale)} />;
    case 'pages':
      return <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>{device.totalPages === null ? '' : device.totalPages.toLocaleString(view.locale)}</Text>;
    case 'lastSeen':
      return device.lastSeen === null ? (
        <Text size="sm" c="dimmed">{t('list.never')}</Text>
      ) : (
        <Text size="sm" title={formatDateTime(device.lastSeen, view.locale)} style={ellipsis}>
          {formatRelativeTime(device.lastSeen, view.now, view.locale)}
        </Text>
      );
    case 'mac':
      return <Text size="sm" ff="monospace" style={ellipsis}>{device.identity.mac ?? ''}</Text>;
    case 'firmware':
      return <Text size="sm" style={ellipsis}>{device.identity.firmware ?? ''}</Text>;
  }
}
