import { Alert, Badge, Group, Paper, ScrollArea, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PluginInfo, PluginState } from '../../../src-shared/plugins/plugin-manifest';
import { useRendererApi } from '../../api/api-context';
import { usePluginList } from '../../api/plugins-context';
import { useCan } from '../../api/session-context';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { dynamicText } from '../../ui/plugin-text';
import { ReadOnlyNote } from '../../ui/read-only-note';
import { functionLabel, pluginLabel } from '../accounts/function-labels';

const STATE_COLORS: Readonly<Record<PluginState, string>> = { enabled: 'teal', disabled: 'gray', failed: 'red' };

/** "Address book delivery" for "addressbook.deliver" (the plug-in's own label), else the kind as registered. */
function taskKindLabel(t: TFunction, kind: string): string {
  return dynamicText(t, `tasks.types.${kind}`, kind);
}

/**
 * Settings → Plug-ins: every plug-in with its version, API version, state (a failed one with
 * why) and what it contributes; switched on and off with environment "change" — switching off
 * asks first and says that the data stays and scheduled tasks will refuse to run.
 */
export function PluginsPanel() {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { plugins, error, reload } = usePluginList();
  const editable = useCan('environment', 'change');
  const tasksVisible = useCan('tasks', 'view');
  const notify = useNoticeStore((s) => s.notify);
  const [busy, setBusy] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<{ plugin: PluginInfo; tasks: number | null } | null>(null);

  const setEnabled = async (plugin: PluginInfo, enabled: boolean) => {
    const name = pluginLabel(t, plugin.id, plugin.name);
    setBusy(plugin.id);
    try {
      await api.plugins.setEnabled({ id: plugin.id, enabled });
      notify('success', t('settingsPage.tabs.plugins'), t(enabled ? 'plugins.panel.enabledNotice' : 'plugins.panel.disabledNotice', { name }));
    } catch (caught) {
      notify('error', t('settingsPage.tabs.plugins'), errorMessage(caught));
    } finally {
      setBusy(null);
      reload();
    }
  };

  const askDisable = async (plugin: PluginInfo) => {
    // How many saved tasks would refuse to run, when the user may see tasks.
    let tasks: number | null = null;
    if (tasksVisible) {
      try {
        tasks = (await api.tasks.list({})).tasks.filter((task) => plugin.taskKinds.includes(task.type)).length;
      } catch {
        tasks = null;
      }
    }
    setDisabling({ plugin, tasks });
  };

  return (
    <Stack gap="sm" data-testid="plugins-panel">
      <Text size="sm" c="dimmed">
        {t('plugins.panel.intro')}
      </Text>
      {!editable && <ReadOnlyNote />}
      {error && (
        <Alert color="red" py={6}>
          {t('forms.loadFailed', { message: error.message })}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <ScrollArea type="auto">
          <Table verticalSpacing="sm" miw={900} aria-label={t('settingsPage.tabs.plugins')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plugins.panel.columns.name')}</Table.Th>
                <Table.Th w={150}>{t('plugins.panel.columns.version')}</Table.Th>
                <Table.Th w={60}>{t('plugins.panel.columns.apiVersion')}</Table.Th>
                <Table.Th w={200}>{t('plugins.panel.columns.state')}</Table.Th>
                <Table.Th>{t('plugins.panel.columns.contributes')}</Table.Th>
                <Table.Th w={90}>{t('plugins.panel.columns.enabled')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plugins === null && !error && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      {t('forms.loading')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {plugins?.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      {t('plugins.panel.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {plugins?.map((plugin) => {
                const name = pluginLabel(t, plugin.id, plugin.name);
                return (
                  <Table.Tr key={plugin.id} data-testid="plugin-row" data-plugin-id={plugin.id} data-state={plugin.state} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {name}
                      </Text>
                      {plugin.description && (
                        <Text size="xs" c="dimmed">
                          {dynamicText(t, `pluginDescriptions.${plugin.id}`, plugin.description)}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed" ff="monospace">
                        {plugin.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{plugin.version}</Text>
                      {plugin.schemaVersion > 0 && (
                        <Text size="xs" c="dimmed">
                          {t('plugins.panel.schema', { version: plugin.schemaVersion })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{plugin.apiVersion}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATE_COLORS[plugin.state]} data-testid="plugin-state">
                        {t(`plugins.panel.states.${plugin.state}`)}
                      </Badge>
                      {plugin.state === 'failed' && (
                        <Stack gap={2} mt={4}>
                          {plugin.error && (
                            <Text size="xs" c="red" data-testid="plugin-error" style={{ overflowWrap: 'anywhere' }}>
                              {plugin.error}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {t('plugins.panel.failedHint')}
                          </Text>
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Contributions plugin={plugin} />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={t('plugins.panel.failedSwitch')} disabled={plugin.state !== 'failed'} withinPortal>
                        <Switch
                          checked={plugin.state === 'enabled'}
                          disabled={!editable || plugin.state === 'failed' || busy === plugin.id}
                          aria-label={t('plugins.panel.switchLabel', { name })}
                          data-testid="plugin-switch"
                          onChange={(event) => {
                            if (event.currentTarget.checked) void setEnabled(plugin, true);
                            else void askDisable(plugin);
                          }}
                        />
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      <ConfirmDialog
        request={
          disabling && {
            title: t('plugins.panel.confirm.title', { name: pluginLabel(t, disabling.plugin.id, disabling.plugin.name) }),
            body: `${t('plugins.panel.confirm.body')}\n\n${disabling.tasks === null ? t('plugins.panel.confirm.tasksUnknown') : t('plugins.panel.confirm.tasks', { count: disabling.tasks })}`,
            confirm: t('plugins.panel.confirm.button'),
          }
        }
        onClose={() => setDisabling(null)}
        onConfirm={async () => {
          if (disabling) await setEnabled(disabling.plugin, false);
        }}
      />
    </Stack>
  );
}

/** Its rights (labelled by the plug-in), task kinds and services. */
function Contributions({ plugin }: { plugin: PluginInfo }) {
  const { t } = useTranslation();
  const rows: [string, string[]][] = [
    [t('plugins.panel.functions'), plugin.functions.map((fn) => functionLabel(t, fn))],
    [t('plugins.panel.taskKinds'), plugin.taskKinds.map((kind) => taskKindLabel(t, kind))],
    [t('plugins.panel.services'), plugin.services],
  ];
  return (
    <Stack gap={4}>
      {rows.map(([label, items]) => (
        <Group key={label} gap={6} wrap="nowrap" align="flex-start">
          <Text size="xs" c="dimmed" w={110} style={{ flexShrink: 0 }}>
            {label}
          </Text>
          <Group gap={4} wrap="wrap" style={{ flex: 1 }}>
            {items.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('plugins.panel.nothing')}
              </Text>
            ) : (
              items.map((item) => (
                <Badge key={item} size="sm" variant="outline" color="gray" tt="none">
                  {item}
                </Badge>
              ))
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
