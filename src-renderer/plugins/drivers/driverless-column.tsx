import { Badge, Text } from '@mantine/core';
import { useCallback, useEffect } from 'react';
import { create } from 'zustand';
import { DRIVERS_PLUGIN_ID } from '../../../src-shared/plugins/drivers/drivers-ids';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { pluginDataFilter } from '../../api/plugins-context';
import { useDriversApi } from './drivers-api';
import { useDriversT } from './drivers-text';
import { enDrivers } from './i18n/drivers.en';
import { jaDrivers } from './i18n/drivers.ja';

/** The device list's "Driverless ready" column (issue 12 item 4): the plug-in's per-device IPP Everywhere verdicts. */
export const resources = { en: enDrivers, ja: jaDrivers };

type ReadyMap = Readonly<Record<string, { ready: boolean; checkedAt: number }>>;
const useReady = create<{ devices: ReadyMap }>()(() => ({ devices: {} }));

/** Keeps the verdicts current: read once, again when the plug-in says its data changed (a check ran). */
export function Source() {
  const rendererApi = useRendererApi();
  const api = useDriversApi();
  const fetcher = useCallback(async () => (await api.associations.driverlessReady({})).devices, [api]);
  const ready = useLiveQuery(rendererApi, fetcher, ['plugin.data'], pluginDataFilter(DRIVERS_PLUGIN_ID));
  useEffect(() => {
    if (ready.data) useReady.setState({ devices: ready.data });
  }, [ready.data]);
  return null;
}

export function Cell({ deviceId }: { deviceId: number }) {
  const { tp } = useDriversT();
  const verdict = useReady((s) => s.devices[String(deviceId)]);
  if (verdict === undefined) return <Text size="sm" c="dimmed">{tp('column.unchecked')}</Text>;
  return (
    <Badge size="sm" variant="light" color={verdict.ready ? 'teal' : 'gray'} tt="none" data-testid="driverless-ready" data-ready={String(verdict.ready)}>
      {verdict.ready ? tp('column.ready') : tp('column.notReady')}
    </Badge>
  );
}
