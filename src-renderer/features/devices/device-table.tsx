import { Box, Center, Table, Text, UnstyledButton, useComputedColorScheme } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { columnLabel } from '../../i18n/labels';
import { Icon } from '../../ui/icons';
import { allShownState, rangeBetween } from '../../ui/row-selection';
import { SelectAllCheckbox } from '../../ui/selection-checkbox';
import { visibleColumns } from './column-layout';
import { COLUMN_SPECS } from './device-columns';
import { useDeviceListStore } from './device-list.store';
import { DeviceRow, ROW_HEIGHT, SELECT_WIDTH, type RowView } from './device-row';
import { PluginColumnHeaders, PluginColumnSources, usePluginDeviceColumns } from './plugin-columns';
import classes from './device-table.module.css';

const HEADER_HEIGHT = 40;
const NOW_TICK_MS = 30_000;

/**
 * The device list: virtualised (only the rows in view exist), sortable, keyboard driven. Rows are
 * selected as in every table of the console (`ui/row-selection.ts`): a check-box column with
 * "select all shown" in its header, click / Ctrl+click / Shift+click on a row, Space on the
 * active row; a click on a device's name opens its details (as Enter and a double click do).
 */
export function DeviceTable({ devices, emptyText }: { devices: readonly DeviceListRow[]; emptyText: string | null }) {
  const { t, i18n } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const layout = useDeviceListStore((s) => s.columns);
  const sort = useDeviceListStore((s) => s.sort);
  const selected = useDeviceListStore((s) => s.selected);
  const activeId = useDeviceListStore((s) => s.activeId);
  const store = useDeviceListStore.getState;
  const columns = useMemo(() => visibleColumns(layout), [layout]);
  const pluginColumns = usePluginDeviceColumns();
  const width = columns.reduce((sum, id) => sum + COLUMN_SPECS[id].width, SELECT_WIDTH) + pluginColumns.reduce((sum, c) => sum + c.width, 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow(NOW_TICK_MS);
  const view = useMemo<RowView>(() => ({ t, locale: i18n.language, now, scheme }), [t, i18n.language, now, scheme]);
  const indexById = useMemo(() => new Map(devices.map((d, i) => [d.id, i])), [devices]);
  const shownIds = useMemo(() => devices.map((d) => d.id), [devices]);
  const allState = useMemo(() => allShownState({ selected, anchor: null }, shownIds), [selected, shownIds]);
  // Stable per list: a new key function makes the virtualiser re-measure all 10,000 rows.
  const getItemKey = useCallback((index: number) => devices[index]?.id ?? index, [devices]);

  const virtualizer = useVirtualizer({
    count: devices.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - HEADER_HEIGHT : 0;
  const padBottom = last ? virtualizer.getTotalSize() - last.end : 0;

  // Bring the active row into view when it changes (a device just added, a row picked
  // elsewhere) — also once it appears after a refetch, but not again while the person scrolls.
  const reveal = useRef<number | null>(null);
  useEffect(() => {
    reveal.current = activeId;
  }, [activeId]);
  useEffect(() => {
    const index = reveal.current === null ? undefined : indexById.get(reveal.current);
    if (index === undefined) return;
    reveal.current = null;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [activeId, indexById, virtualizer]);

  const onRowClick = useCallback((id: number, event: MouseEvent) => store().pick(id, shownIds, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }), [shownIds, store]);
  const onBox = useCallback((id: number, shift: boolean) => store().clickBox(id, shownIds, shift), [shownIds, store]);
  const onOpen = useCallback((id: number) => store().open(id), [store]);
  const onOpenByName = useCallback(
    (id: number) => {
      store().pick(id, shownIds, { shift: false, toggle: false });
      store().open(id);
    },
    [shownIds, store],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const s = store();
    const current = s.activeId === null ? -1 : (indexById.get(s.activeId) ?? -1);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moveTo = (index: number) => {
      const target = devices[Math.max(0, Math.min(devices.length - 1, index))];
      if (!target) return;
      const range = event.shiftKey && s.anchorId !== null ? rangeBetween(shownIds, s.anchorId, target.id) : null;
      if (range !== null) s.selectRange(range, target.id);
      else s.selectOnly(target.id);
      virtualizer.scrollToIndex(indexById.get(target.id) ?? 0, { align: 'auto' });
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(current + 1),
      ArrowUp: () => moveTo(current < 0 ? 0 : current - 1),
      PageDown: () => moveTo(current + page),
      PageUp: () => moveTo(current - page),
      Home: () => moveTo(0),
      End: () => moveTo(devices.length - 1),
      Enter: () => s.activeId !== null && s.open(s.activeId),
      ' ': () => s.activeId !== null && s.clickBox(s.activeId, shownIds, event.shiftKey),
      Delete: () => s.askRemove([...s.selected]),
      Escape: () => s.open(null),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      s.setSelection(devices.map((d) => d.id));
    }
  };

  return (
    <Box ref={scrollRef} style={{ flex: 1, minHeight: 0, overflow: 'auto', position: 'relative' }} data-testid="device-list-scroll">
      <Table
        layout="fixed"
        stickyHeader
        highlightOnHover
        verticalSpacing={6}
        horizontalSpacing={8}
        style={{ width, minWidth: '100%' }}
        role="grid"
        className={classes.grid}
        tabIndex={0}
        aria-label={t('list.label')}
        aria-rowcount={devices.length + 1}
        aria-multiselectable
        aria-activedescendant={activeId !== null && indexById.has(activeId) ? `device-row-${activeId}` : undefined}
        onKeyDown={onKeyDown}
      >
        <colgroup>
          <col style={{ width: SELECT_WIDTH }} />
          {columns.map((id) => (
            <col key={id} style={{ width: COLUMN_SPECS[id].width }} />
          ))}
          {pluginColumns.map((c) => (
            <col key={c.id} style={{ width: c.width }} />
          ))}
        </colgroup>
        <Table.Thead style={{ zIndex: 2 }}>
          <Table.Tr style={{ height: HEADER_HEIGHT }} aria-rowindex={1}>
            <Table.Th className={classes.selectCell}>
              <SelectAllCheckbox state={allState} label={t('layout.selectAll', { count: devices.length })} disabled={devices.length === 0} onToggle={() => store().toggleAll(shownIds)} />
            </Table.Th>
            {columns.map((id) => {
              const sorted = sort.column === id;
              return (
                <Table.Th key={id} aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap', textAlign: COLUMN_SPECS[id].numeric ? 'right' : undefined }}>
                  <UnstyledButton onClick={() => store().sortBy(id)} fz="sm" fw={600} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                    {columnLabel(t, id)}
                    <span style={{ opacity: sorted ? 1 : 0, display: 'inline-flex' }}>
                      <Icon name={sorted && sort.direction === 'desc' ? 'down' : 'up'} size={14} />
                    </span>
                  </UnstyledButton>
                </Table.Th>
              );
            })}
            <PluginColumnHeaders columns={pluginColumns} language={i18n.language} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {items.map((item) => {
            const device = devices[item.index];
            if (!device) return null;
            return (
              <DeviceRow
                key={device.id}
                device={device}
                index={item.index}
                columns={columns}
                pluginColumns={pluginColumns}
                selected={selected.has(device.id)}
                active={device.id === activeId}
                view={view}
                onClick={onRowClick}
                onBox={onBox}
                onOpen={onOpen}
                onOpenByName={onOpenByName}
              />
            );
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
      <PluginColumnSources columns={pluginColumns} />
      {emptyText !== null && (
        <Center p="xl">
          <Text c="dimmed">{emptyText}</Text>
        </Center>
      )}
    </Box>
  );
}

/** The current time, refreshed every `ms` so "2 minutes ago" stays true. */
function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}
