import { Table } from '@mantine/core';
import { Suspense, useMemo } from 'react';
import { usePluginList } from '../../api/plugins-context';
import { usePermissions } from '../../api/session-context';
import { RENDERER_PLUGINS } from '../../plugins/plugin-registry';
import type { PluginDeviceColumn } from '../../plugins/renderer-plugin';
import classes from './device-table.module.css';

/** The plug-ins' device-list columns this user sees now: of plug-ins switched on, whose function they may view. */
export function usePluginDeviceColumns(): readonly PluginDeviceColumn[] {
  const { plugins } = usePluginList();
  const can = usePermissions();
  return useMemo(
    () => RENDERER_PLUGINS.filter((plugin) => plugins?.some((p) => p.id === plugin.id && p.state === 'enabled') ?? false).flatMap((plugin) => (plugin.deviceColumns ?? []).filter((column) => can(column.viewFunction, 'view'))),
    [plugins, can],
  );
}

/** What keeps the plug-in columns' values current (rendered once beside the table). */
export function PluginColumnSources({ columns }: { columns: readonly PluginDeviceColumn[] }) {
  return (
    <Suspense fallback={null}>
      {columns.map((column) => (
        <column.source key={column.id} />
      ))}
    </Suspense>
  );
}

export function PluginColumnHeaders({ columns, language }: { columns: readonly PluginDeviceColumn[]; language: string }) {
  return columns.map((column) => (
    <Table.Th key={column.id} style={{ whiteSpace: 'nowrap' }} data-column={column.id}>
      {column.label[language.startsWith('ja') ? 'ja' : 'en']}
    </Table.Th>
  ));
}

/** A row's cells of the plug-in columns. */
export function PluginColumnCells({ columns, deviceId }: { columns: readonly PluginDeviceColumn[]; deviceId: number }) {
  return columns.map((column) => (
    <td key={column.id} data-column={column.id} className={classes.cell}>
      <Suspense fallback={null}>
        <column.cell deviceId={deviceId} />
      </Suspense>
    </td>
  ));
}
