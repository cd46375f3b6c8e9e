import { Alert, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialStatus } from '../../../src-shared/contract/credentials.contract';
import type { SettingId } from '../../../src-shared/settings/settings-catalogue';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useServerData } from '../../api/server-data';
import { useCan } from '../../api/session-context';
import { Icon } from '../../ui/icons';
import { AuthTestCell, useAuthTests } from '../credentials/auth-test';
import { CredentialStatusText } from '../credentials/credential-status';
import { CredentialsDialog, type CredentialsScope } from '../credentials/credentials-dialog';
import { VirtualTable, type VirtualColumn } from '../../ui/virtual-table';
import { allShownState, clickRow, keepRows, NO_SELECTION, toggleAllShown, type RowSelection } from './row-selection';
import { itemLabel, itemList, outcomeLabel } from './settings-texts';
import { filterSupport, summariseSupport, SUPPORT_FILTERS, type SupportFilter, type SupportRow } from './support-summary';

interface SupportStepProps {
  deviceIds: readonly number[];
  groupIds: readonly number[];
  items: readonly SettingId[];
}

type SupportColumn = 'device' | 'supported' | 'skipped' | 'credentials' | 'test';

/** credentials.get takes this many ids at once. */
const CREDENTIALS_BATCH = 10_000;

/**
 * Before anything runs: which chosen items each target device takes (its profile), unsupported
 * ones listed as skipped, and whether write credentials are stored — summarised for a fleet of
 * thousands (per item, per kind of device), the devices themselves in a virtualised table with
 * check boxes. The write credentials are set here once for the selected devices (or as a
 * group's default), and "Test authentication" shows per device the step that failed.
 */
export function SupportStep({ deviceIds, groupIds, items }: SupportStepProps) {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const { api } = rendererApi;
  const { groups } = useServerData();
  const change = useCan('deviceSettings', 'change');
  const support = useLiveQuery(rendererApi, async () => (await api.settings.support({ deviceIds: [...deviceIds], groupIds: [...groupIds], items: [...items] })).devices, []);
  const rows: readonly SupportRow[] | null = support.data;
  const [statuses, setStatuses] = useState<ReadonlyMap<number, CredentialStatus>>(new Map());
  const [filter, setFilter] = useState<SupportFilter>('all');
  const [search, setSearch] = useState('');
  const [selection, setSelection] = useState<RowSelection>(NO_SELECTION);
  const [credentialScopes, setCredentialScopes] = useState<CredentialsScope[] | null>(null);
  const [stored, setStored] = useState<string | null>(null);
  const tests = useAuthTests();

  // What is stored for each device (kind and source, never a secret), once the rows are known.
  useEffect(() => {
    if (!rows || rows.length === 0) return;
    let current = true;
    api.credentials.get({ deviceIds: rows.slice(0, CREDENTIALS_BATCH).map((r) => r.deviceId) }).then(
      ({ devices }) => {
        if (current) setStatuses(new Map(devices.map((d) => [d.deviceId, d])));
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, rows]);

  useEffect(() => {
    if (rows) setSelection((s) => keepRows(s, new Set(rows.map((r) => r.deviceId))));
  }, [rows]);

  const summary = useMemo(() => (rows ? summariseSupport(rows, items) : null), [rows, items]);
  const shown = useMemo(() => (rows ? filterSupport(rows, filter, search) : []), [rows, filter, search]);
  const shownIds = useMemo(() => shown.map((r) => r.deviceId), [shown]);

  if (support.error) return <Alert color="red">{t('forms.loadFailed', { message: support.error.message })}</Alert>;
  if (!rows || !summary) return <Text c="dimmed" size="sm">{t('deviceSettings.support.loading')}</Text>;
  if (rows.length === 0)
    return (
      <Alert color="gray" variant="light" data-testid="support-empty">
        {t('deviceSettings.support.noDevices')}
      </Alert>
    );

  // What the filter hides is not acted on: the selected devices shown, else every device shown.
  const selectedIds = shownIds.filter((id) => selection.selected.has(id));
  const actionIds = selectedIds.length > 0 ? selectedIds : shownIds;
  const staticGroups = groups.filter((g) => g.kind === 'static' && groupIds.includes(g.id));
  const openCredentials = () =>
    setCredentialScopes([{ kind: 'devices', deviceIds: actionIds }, ...staticGroups.map((g): CredentialsScope => ({ kind: 'group', groupId: g.id, groupName: g.name }))]);
  const allState = allShownState(selection, shownIds);
  const columns: VirtualColumn<SupportColumn>[] = [
    { id: 'device', header: t('deviceSettings.support.columns.device'), width: 'minmax(150px, 1.4fr)' },
    { id: 'supported', header: t('deviceSettings.support.columns.supported'), width: 'minmax(100px, 1fr)' },
    { id: 'skipped', header: t('deviceSettings.support.columns.skipped'), width: 'minmax(100px, 1fr)' },
    { id: 'credentials', header: t('deviceSettings.support.columns.credentials'), width: 'minmax(130px, 1fr)' },
    ...(change ? [{ id: 'test' as const, header: t('deviceSettings.support.columns.test'), width: '240px' }] : []),
  ];

  return (
    <Stack gap="xs" data-testid="support-matrix" data-devices={rows.length}>
      <Text size="sm" c="dimmed">
        {t('deviceSettings.support.intro')}
      </Text>
      <Group gap="xs" data-testid="support-summary">
        <Badge variant="light" color="gray" size="lg" radius="sm" tt="none">
          {t('deviceSettings.support.devices', { count: summary.devices })}
        </Badge>
        <Badge variant="light" color="teal" size="lg" radius="sm" tt="none">
          {t('deviceSettings.support.complete', { count: summary.complete })}
        </Badge>
        {summary.partial > 0 && (
          <Badge variant="light" color="gray" size="lg" radius="sm" tt="none">
            {t('deviceSettings.support.partial', { count: summary.partial })}
          </Badge>
        )}
        {summary.none > 0 && (
          <Badge variant="light" color="red" size="lg" radius="sm" tt="none">
            {t('deviceSettings.support.none', { count: summary.none })}
          </Badge>
        )}
        {summary.noCredentials > 0 && (
          <Badge variant="light" color="red" size="lg" radius="sm" tt="none" data-testid="support-no-credentials">
            {t('deviceSettings.support.noCredentials', { count: summary.noCredentials })}
          </Badge>
        )}
      </Group>
      <Group gap={6} data-testid="support-per-item">
        {summary.perItem.map(({ item, supported, skipped }) => (
          <Paper key={item} withBorder radius="sm" px={8} py={2} data-testid="support-item" data-item={item} data-supported={supported} data-skipped={skipped}>
            <Text size="sm">
              <Text span fw={600} size="sm">
                {itemLabel(t, item)}
              </Text>{' '}
              <Text span size="sm" c={supported === 0 ? 'red' : undefined}>
                {t('deviceSettings.support.takenBy', { count: supported, total: summary.devices })}
              </Text>
              {skipped > 0 && (
                <Text span c="dimmed" size="sm">
                  {' · '}
                  {t('deviceSettings.support.skippedOn', { count: skipped, outcome: outcomeLabel(t, 'unsupported') })}
                </Text>
              )}
            </Text>
          </Paper>
        ))}
      </Group>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(value) => setFilter(SUPPORT_FILTERS.find((f) => f === value) ?? 'all')}
            data={SUPPORT_FILTERS.map((f) => ({ value: f, label: t(`deviceSettings.support.filters.${f}`) }))}
            aria-label={t('deviceSettings.support.filterLabel')}
          />
          <TextInput size="xs" w={170} placeholder={t('deviceSettings.support.search')} aria-label={t('deviceSettings.support.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} leftSection={<Icon name="search" size={14} />} />
        </Group>
        {change && (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" variant="light" leftSection={<Icon name="key" size={14} />} onClick={openCredentials} disabled={actionIds.length === 0}>
              {t('deviceSettings.support.setCredentials', { count: actionIds.length })}
            </Button>
            <Button size="xs" variant="default" onClick={() => void tests.test(actionIds)} disabled={actionIds.length === 0}>
              {t('deviceSettings.support.testMany', { count: actionIds.length })}
            </Button>
          </Group>
        )}
      </Group>
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <Text size="xs" c="dimmed" aria-live="polite">
            {t('deviceSettings.support.selected', { count: selectedIds.length })}
          </Text>
        </Group>
        {stored !== null && (
          <Text size="xs" c="teal.8" role="status" data-testid="credentials-stored">
            {stored}
          </Text>
        )}
      </Group>
      <VirtualTable
        label={t('deviceSettings.support.title')}
        columns={columns}
        count={shown.length}
        rowKey={(index) => shown[index]?.deviceId ?? index}
        height={Math.min(34 * Math.max(shown.length, 2) + 40, 260)}
        empty={t('deviceSettings.support.noneShown')}
        rowTestId="support-row"
        rowData={(index) => {
          const row = shown[index];
          return row ? { 'data-device-id': String(row.deviceId), 'data-credentials': String(row.credentials), 'data-supported': row.supported.join(','), 'data-unsupported': row.unsupported.join(',') } : {};
        }}
        // The console's one selection column: check boxes, Shift for a range, "select all shown" in the header.
        selection={{
          value: selection,
          allState,
          clickBox: (id, shift) => setSelection((s) => clickRow(s, id, shownIds, shift)),
          toggleAll: () => setSelection((s) => toggleAllShown(s, shownIds)),
          rowId: (index) => shown[index]?.deviceId,
          rowLabel: (index) => t('deviceSettings.support.selectRow', { name: shown[index]?.label ?? '' }),
          selectAllLabel: t('deviceSettings.support.selectAll', { count: shown.length }),
        }}
        cell={(index, column) => {
          const row = shown[index];
          if (!row) return null;
          switch (column) {
            case 'device':
              return (
                <Tooltip label={[row.label, row.profile].filter(Boolean).join(' · ')} withinPortal openDelay={300}>
                  <span>
                    {row.label}
                    {row.profile && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {row.profile}
                      </Text>
                    )}
                  </span>
                </Tooltip>
              );
            case 'supported':
              return row.unsupported.length === 0 ? (
                <Text span size="sm" c="teal.8">
                  {t('deviceSettings.support.all')}
                </Text>
              ) : row.supported.length === 0 ? (
                <Text span size="sm" c="red">
                  {t('deviceSettings.support.nothing')}
                </Text>
              ) : (
                <span title={row.supported.map((id) => itemLabel(t, id)).join(', ')}>{itemList(t, row.supported, 2)}</span>
              );
            case 'skipped':
              return row.unsupported.length === 0 ? (
                <Text span size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <span title={row.unsupported.map((id) => itemLabel(t, id)).join(', ')} data-testid="support-skipped">
                  {itemList(t, row.unsupported, 2)}
                </span>
              );
            case 'credentials':
              return <CredentialStatusText status={statuses.get(row.deviceId)} set={row.credentials} />;
            case 'test':
              return <AuthTestCell name={row.label} result={tests.results.get(row.deviceId)} onTest={() => void tests.test([row.deviceId])} />;
          }
        }}
      />
      <Text size="xs" c="dimmed">
        {t('deviceSettings.support.readBack')}
      </Text>
      <CredentialsDialog
        scopes={credentialScopes}
        onClose={() => setCredentialScopes(null)}
        onSaved={(message) => {
          tests.forget();
          setStored(`${message} ${t('deviceSettings.support.saved')}`);
          support.reload();
        }}
      />
    </Stack>
  );
}
