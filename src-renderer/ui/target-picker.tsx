import type { TFunction } from 'i18next';
import { MultiSelect, SimpleGrid, Stack } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerData } from '../api/server-data';
import { deviceAddress, deviceName } from './device-text';

interface TargetPickerProps {
  deviceIds: readonly number[];
  groupIds: readonly number[];
  onChange(change: { deviceIds?: number[]; groupIds?: number[] }): void;
  error?: string | null;
  disabled?: boolean;
  /** 'row': devices and groups side by side (dialogs that need the height for more). */
  layout?: 'stack' | 'row';
}

/** Options shown at once: a fleet of thousands is searched by typing, not scrolled. */
const OPTION_LIMIT = 100;

/** Devices (searchable by name or address) and groups, for tasks and monitoring conditions. */
export function TargetPicker({ deviceIds, groupIds, onChange, error, disabled, layout = 'stack' }: TargetPickerProps) {
  const { t } = useTranslation();
  const { devices, groups } = useServerData();
  const deviceOptions = useMemo(() => {
    const known = (devices ?? []).map((d) => ({ value: String(d.id), label: `${deviceName(d) || deviceAddress(d)} (${deviceAddress(d)})` }));
    const ids = new Set(known.map((o) => o.value));
    // A device removed since the target was saved stays visible (and removable) in the field.
    const missing = deviceIds.filter((id) => !ids.has(String(id))).map((id) => ({ value: String(id), label: t('targets.unknownDevice', { id }) }));
    return [...known, ...missing];
  }, [devices, deviceIds, t]);
  const groupOptions = useMemo(() => {
    const known = groups.map((g) => ({ value: String(g.id), label: g.name }));
    const ids = new Set(known.map((o) => o.value));
    const missing = groupIds.filter((id) => !ids.has(String(id))).map((id) => ({ value: String(id), label: t('targets.unknownGroup', { id }) }));
    return [...known, ...missing];
  }, [groups, groupIds, t]);
  const Layout = layout === 'row' ? RowLayout : Stack;
  return (
    <Layout gap="xs">
      <MultiSelect
        label={t('targets.devices')}
        placeholder={t('targets.devicesPlaceholder')}
        data={deviceOptions}
        value={deviceIds.map(String)}
        onChange={(values) => onChange({ deviceIds: values.map(Number) })}
        searchable
        clearable
        limit={OPTION_LIMIT}
        maxDropdownHeight={260}
        nothingFoundMessage={t('list.noMatch')}
        error={error}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('targets.groups')}
        placeholder={t('targets.groupsPlaceholder')}
        description={t('targets.groupsHint')}
        data={groupOptions}
        value={groupIds.map(String)}
        onChange={(values) => onChange({ groupIds: values.map(Number) })}
        searchable
        clearable
        error={error ? true : undefined}
        disabled={disabled}
        comboboxProps={{ withinPortal: true }}
      />
    </Layout>
  );
}

function RowLayout({ children }: { gap: string; children: ReactNode }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ alignItems: 'end' }}>
      {children}
    </SimpleGrid>
  );
}

/** "3 devices · 1 group", "All devices" or "No targets". */
export function targetsSummary(t: TFunction, targets: { allDevices?: boolean; deviceIds: readonly number[]; groupIds: readonly number[] }): string {
  if (targets.allDevices) return t('targets.allDevices');
  const parts: string[] = [];
  if (targets.deviceIds.length > 0) parts.push(t('targets.devicesCount', { count: targets.deviceIds.length }));
  if (targets.groupIds.length > 0) parts.push(t('targets.groupsCount', { count: targets.groupIds.length }));
  return parts.length > 0 ? parts.join(' · ') : t('targets.none');
}
