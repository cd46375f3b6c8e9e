import { Table } from '@mantine/core';
import { memo, type MouseEvent, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { describeSupply, stateLabel, statusMessageLabel } from '../../i18n/labels';
import type { ColumnId } from './device-columns';
import { visibleText } from '../../../src-shared/domain/visible-text';
import { deviceAddress, deviceName } from '../../ui/device-text';
import { DeviceText } from '../../ui/device-text-view';
import type { PluginDeviceColumn } from '../../plugins/renderer-plugin';
import { PluginColumnCells } from './plugin-columns';
import { greyReason, readErrorWords } from './device-text';
import classes from './device-table.module.css';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../ui/display-format';
import { RowCheckbox } from '../../ui/selection-checkbox';
import { StatusIcon } from './status-icon';
import { SupplyBars } from './supply-bars';

export const ROW_HEIGHT = 36;
/** The check-box column before the chosen ones (always shown). */
export const SELECT_WIDTH = 36;

export interface RowView {
  t: TFunction;
  locale: string;
  now: number;
  scheme: 'light' | 'dark';
}

interface DeviceRowProps {
  device: DeviceListRow;
  index: number;
  columns: readonly ColumnId[];
  /** Plug-ins' columns after the console's own (the drivers' "Driverless ready"). */
  pluginColumns: readonly PluginDeviceColumn[];
  selected: boolean;
  active: boolean;
  view: RowView;
  onClick(id: number, event: MouseEvent): void;
  /** A click on the row's check box (Shift: a range). */
  onBox(id: number, shift: boolean): void;
  onOpen(id: number): void;
  /** A plain click on the name: select the row and open its details. */
  onOpenByName(id: number): void;
}

/** One list row; memoised so scrolling and selection re-render only the rows that changed. */
export const DeviceRow = memo(function DeviceRow({ device, index, columns, pluginColumns, selected, active, view, onClick, onBox, onOpen, onOpenByName }: DeviceRowProps) {
  const reason = greyReason(device);
  const reasonText = reason === null ? undefined : reason.kind === 'never-read' ? view.t('list.neverRead') : view.t('list.notAnswering', { message: readErrorWords(view.t, reason) });
  // The read error in words in the cell; what the device or the library said (English) only on hover,
  // on a line of its own (each part made visible on its own: visibleText would show the line break).
  const reasonTitle = reason?.kind === 'not-answering' && reasonText !== undefined && reasonText !== reason.message ? `${visibleText(reasonText)}\n${visibleText(reason.message)}` : reasonText;
  return (
    <Table.Tr
      id={`device-row-${device.id}`}
      className={classes.row}
      data-testid="device-row"
      data-device-id={device.id}
      data-state={device.state}
      data-unreachable={reason === null ? undefined : 'true'}
      data-active={active ? 'true' : undefined}
      aria-selected={selected}
      aria-rowindex={index + 2}
      title={reasonTitle}
      onClick={(event) => onClick(device.id, event)}
      onDoubleClick={() => onOpen(device.id)}
      style={{ height: ROW_HEIGHT }}
    >
      <td className={classes.selectCell}>
        <RowCheckbox id={device.id} checked={selected} label={view.t('layout.selectRow', { name: visibleText(deviceName(device) || deviceAddress(device)) })} onToggle={onBox} />
      </td>
      {columns.map((column) => (
        <td key={column} data-column={column} className={column === 'pages' ? `${classes.cell} ${classes.numeric}` : classes.cell}>
          {column === 'name' ? <NameCell device={device} view={view} onOpen={onOpenByName} /> : cell(column, device, view, reasonText, reasonTitle)}
        </td>
      ))}
      <PluginColumnCells columns={pluginColumns} deviceId={device.id} />
    </Table.Tr>
  );
});

/**
 * One cell; a greyed-out row says why in its status cell ("Not read yet", "Not answering: timed out"; the raw error on hover).
 * Text the device reported is shown through DeviceText: isolated, its controls visible.
 */
function cell(column: ColumnId, device: DeviceListRow, view: RowView, reasonText: string | undefined, reasonTitle: string | undefined): ReactNode {
  const { t } = view;
  switch (column) {
    case 'status': {
      // Worded once per render (it parses the message): the cell and its hover say the same.
      const text = reasonText ?? statusMessageLabel(view.locale, device.message);
      return (
        <span className={classes.status}>
          <StatusIcon state={device.state} label={stateLabel(t, device.state)} />
          <span className={classes.statusText} title={reasonTitle ?? visibleText(text)}>
            <DeviceText text={text} />
          </span>
        </span>
      );
    }
    case 'name':
      // Rendered by NameCell (it opens the details).
      return null;
    case 'address': {
      const address = deviceAddress(device);
      // The whole address on hover where a column made narrow cuts it.
      return <span title={address}>{address}</span>;
    }
    case 'model':
      return (
        <>
          {device.identity.vendor && <span className={classes.dimmed}><DeviceText text={device.identity.vendor} /> </span>}
          <DeviceText text={device.identity.model} />
        </>
      );
    case 'serial':
      return <DeviceText text={device.identity.serial} />;
    case 'location':
      return <DeviceText text={device.identity.location} />;
    case 'supplies':
      return <SupplyBars supplies={device.supplies} scheme={view.scheme} describe={(s) => describeSupply(t, s, view.locale)} />;
    case 'pages':
      return device.totalPages === null ? '' : formatNumber(device.totalPages, view.locale);
    case 'lastSeen':
      return device.lastSeen === null ? (
        <span className={classes.dimmed}>{t('list.never')}</span>
      ) : (
        <span title={formatDateTime(device.lastSeen, view.locale)}>{formatRelativeTime(device.lastSeen, view.now, view.locale)}</span>
      );
    case 'mac':
      return device.identity.mac ?? '';
    case 'firmware':
      return <DeviceText text={device.identity.firmware} />;
  }
}

/**
 * The name opens the details with one click (a link-like button, hinted by its title, which also
 * gives a name cut by the column whole); with Ctrl/⌘ or Shift the click selects as on the row.
 */
function NameCell({ device, view, onOpen }: { device: DeviceListRow; view: RowView; onOpen(id: number): void }) {
  const name = deviceName(device);
  const hint = view.t('layout.openDetails', { name: visibleText(name || deviceAddress(device)) });
  return (
    <button
      type="button"
      className={classes.nameLink}
      tabIndex={-1}
      title={hint}
      data-testid="device-name-link"
      onClick={(event) => {
        if (event.shiftKey || event.ctrlKey || event.metaKey) return;
        event.stopPropagation();
        onOpen(device.id);
      }}
    >
      <bdi>{name || '—'}</bdi>
    </button>
  );
}
