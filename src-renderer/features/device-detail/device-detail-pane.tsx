import { ActionIcon, Alert, Badge, Box, Button, Center, Divider, Group, Loader, ScrollArea, Stack, Tabs, Text, Title, useComputedColorScheme } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { useCan } from '../../api/session-context';
import { conditionLabel, stateLabel, statusMessageLabel } from '../../i18n/labels';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';
import { AcquiredSettings } from '../device-settings/acquired-settings';
import { useDeviceListStore } from '../devices/device-list.store';
import { STATE_COLOR } from '../devices/device-status';
import { readErrorWords } from '../devices/device-text';
import { deviceAddress, deviceName } from '../../ui/device-text';
import { DeviceText, LongDeviceText } from '../../ui/device-text-view';
import { AddressCopy } from '../../ui/address-copy';
import { formatDateTime, formatRelativeTime } from '../../ui/display-format';
import { StatusIcon } from '../devices/status-icon';
import { AlertList, CounterTable, HistoryCharts, IdentityTable, TrayTable } from './detail-sections';
import { DeviceNameEditor } from './device-name-editor';
import { DeviceWebLink } from './device-web-link';
import { ReadErrorText } from './read-error-text';
import { RecentEventsList } from './recent-events-list';
import { SupplyList } from './supply-list';
import { HISTORY_WINDOW_MS, useDeviceDetail } from './use-device-detail';

type RefreshResult = { ok: true } | { ok: false; error: { code: string; message: string } };

/** The detail pane of one device; follows pushed changes; "Refresh now" reads it at once. */
export function DeviceDetailPane({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { api } = useRendererApi();
  const scheme = useComputedColorScheme('light');
  const { detail, history, error, gone, reload } = useDeviceDetail(id);
  const [refreshing, setRefreshing] = useState(false);
  const manage = useCan('deviceManagement', 'change');
  const settingsTab = useCan('deviceSettings', 'view');
  const [result, setResult] = useState<{ id: number; value: RefreshResult } | null>(null);
  const close = () => useDeviceListStore.getState().open(null);
  const locale = i18n.language;

  const refresh = async () => {
    setRefreshing(true);
    setResult(null);
    try {
      const { results } = await api.devices.refresh({ ids: [id] });
      const mine = results.find((r) => r.id === id);
      setResult({ id, value: mine?.ok ? { ok: true } : { ok: false, error: mine?.error ?? { code: 'internal', message: '' } } });
      reload();
    } catch (caught) {
      setResult({ id, value: { ok: false, error: { code: 'call', message: errorMessage(caught) } } });
    } finally {
      setRefreshing(false);
    }
  };
  const shownResult = result?.id === id ? result.value : null;

  const header = (
    <Group justify="space-between" wrap="nowrap" p="md" pb="xs" align="flex-start">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
        {detail && <StatusIcon state={detail.state} label={stateLabel(t, detail.state)} size={32} />}
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          {detail ? (
            <DeviceNameEditor key={id} id={id} shown={deviceName(detail) || deviceAddress(detail)} current={deviceName(detail)} editable={manage} />
          ) : (
            <Title order={4} lineClamp={1}>
              {t('detail.label')}
            </Title>
          )}
          {detail && (detail.identity.vendor || detail.identity.model) && (
            <Text size="sm" c="dimmed" truncate>
              <DeviceText text={[detail.identity.vendor, detail.identity.model].filter(Boolean).join(' ')} />
            </Text>
          )}
          {/* The address on a line of its own, whole, with a copy button (issue 14: never "127.20…"). */}
          {detail && <AddressCopy address={deviceAddress(detail)} />}
        </Stack>
      </Group>
      <ActionIcon variant="subtle" color="gray" aria-label={t('detail.close')} onClick={close}>
        <Icon name="close" />
      </ActionIcon>
    </Group>
  );

  let body: ReactNode;
  if (gone) body = <Text c="dimmed" p="md">{t('detail.gone')}</Text>;
  else if (!detail) {
    body = error ? (
      <Alert color="red" m="md">{t('detail.loadFailed', { message: error.message })}</Alert>
    ) : (
      <Center p="xl" aria-label={t('detail.loading')}>
        <Loader size="sm" />
      </Center>
    );
  } else {
    const to = Date.now();
    body = (
      <Stack gap="lg" p="md" pt="xs">
        {error && <Alert color="red">{t('detail.loadFailed', { message: error.message })}</Alert>}
        <Section title={t('detail.status')}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={STATE_COLOR[detail.state]} variant="light" data-testid="detail-state" style={{ flexShrink: 0 }}>
              {stateLabel(t, detail.state)}
            </Badge>
            {/* An unreachable device's message is its read error (English): worded from its code instead, the text below as detail. */}
            <LongDeviceText text={detail.lastError !== null && detail.message === detail.lastError.message ? readErrorWords(t, detail.lastError) : statusMessageLabel(locale, detail.message)} testId="detail-message" />
          </Group>
          {detail.identityConflict && (
            <Alert color="orange" variant="light" p="xs" data-testid="detail-identity-conflict">
              <Text size="sm">
                {t('detail.identityConflict', {
                  address: deviceAddress(detail.identityConflict),
                  time: formatDateTime(detail.identityConflict.seenAt, locale),
                })}
              </Text>
            </Alert>
          )}
          {detail.conditions.length > 0 && (
            <Group gap={4} aria-label={t('detail.conditions')}>
              {detail.conditions.map((c) => (
                <Badge key={c} size="sm" variant="outline" color="gray">
                  {conditionLabel(t, c)}
                </Badge>
              ))}
            </Group>
          )}
          <Text size="xs" c="dimmed">
            {detail.lastSeen === null ? t('detail.neverRead') : t('detail.lastRead', { time: `${formatRelativeTime(detail.lastSeen, to, locale)} (${formatDateTime(detail.lastSeen, locale)})` })}
          </Text>
          {detail.lastError && <ReadErrorText text={t('detail.lastError', { message: readErrorWords(t, detail.lastError) })} detail={detail.lastError.message} testId="detail-last-error" />}
          <DeviceWebLink address={detail.address} />
          <Group gap="sm">
            {manage && (
              <Button size="xs" variant="light" leftSection={<Icon name="refresh" size={16} />} loading={refreshing} onClick={() => void refresh()}>
                {t('detail.refresh')}
              </Button>
            )}
            {shownResult && (
              <Box role="status" data-testid="refresh-result">
                {shownResult.ok ? (
                  <Text size="xs" c="teal">{t('detail.refreshOk')}</Text>
                ) : (
                  <ReadErrorText text={t('detail.refreshFailed', { message: readErrorWords(t, shownResult.error) })} detail={shownResult.error.message} />
                )}
              </Box>
            )}
          </Group>
        </Section>
        <Section title={t('detail.alerts')}>
          <AlertList alerts={detail.alerts} />
        </Section>
        <Section title={t('detail.recentEvents')}>
          {history ? <RecentEventsList key={id} deviceId={id} history={history} /> : <Loader size="xs" />}
        </Section>
        <Section title={t('detail.supplies')}>
          <SupplyList supplies={detail.supplies} scheme={scheme} />
        </Section>
        <Section title={t('detail.history')}>
          {history ? <HistoryCharts device={detail} history={history} windowStart={to - HISTORY_WINDOW_MS} to={to} scheme={scheme} /> : <Loader size="xs" />}
        </Section>
        <Section title={t('detail.trays')}>
          <TrayTable trays={detail.trays} />
        </Section>
        <Section title={t('detail.counters')}>
          <CounterTable counters={detail.counters} />
        </Section>
        <Section title={t('detail.identity')}>
          <IdentityTable device={detail} />
        </Section>
      </Stack>
    );
  }

  return (
    <Stack gap={0} h="100%" data-testid="device-detail" data-device-id={id} role="region" aria-label={t('detail.label')}>
      {header}
      {settingsTab ? (
        <DetailTabs id={id} label={detail ? deviceName(detail) || deviceAddress(detail) : ''} overview={body} />
      ) : (
        <>
          <Divider />
          <ScrollArea style={{ flex: 1 }} type="auto">
            {body}
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}

/** Overview (status, supplies, history …) and the device's acquired settings, each scrolling on its own. */
function DetailTabs({ id, label, overview }: { id: number; label: string; overview: ReactNode }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'overview' | 'settings'>('overview');
  return (
    <Tabs value={tab} onChange={(value) => setTab(value === 'settings' ? 'settings' : 'overview')} keepMounted={false} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      <Tabs.List px="md">
        <Tabs.Tab value="overview">{t('deviceSettings.detailTabs.overview')}</Tabs.Tab>
        <Tabs.Tab value="settings">{t('deviceSettings.detailTabs.settings')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="overview" style={{ flex: 1, minHeight: 0 }}>
        <ScrollArea h="100%" type="auto">
          {overview}
        </ScrollArea>
      </Tabs.Panel>
      <Tabs.Panel value="settings" style={{ flex: 1, minHeight: 0 }}>
        <ScrollArea h="100%" type="auto">
          <Stack p="md" pt="sm">
            <AcquiredSettings deviceId={id} deviceLabel={label} />
          </Stack>
        </ScrollArea>
      </Tabs.Panel>
    </Tabs>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={5}>{title}</Title>
      {children}
    </Stack>
  );
}
