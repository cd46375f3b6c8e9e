import { ActionIcon, Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunctionInfo, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { usePluginList } from '../../api/plugins-context';
import { functionLabel, functionRuns, groupLabel, levelLabel, pluginLabel } from './function-labels';
import { GroupDialog, type GroupDialogTarget } from './group-dialog';
import { LEVEL_COLORS } from './permission-matrix';

interface UserGroupsPanelProps {
  groups: UserGroup[];
  functions: FunctionInfo[];
  editable: boolean;
}

/**
 * The user groups and what each grants, as one grid: a row per function, a column per group,
 * none / view / change in each cell (the whitepaper's "access level by user group for each
 * function"). Built-in roles first and fixed; groups of one's own are created, edited and removed.
 */
export function UserGroupsPanel({ groups, functions, editable }: UserGroupsPanelProps) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const { plugins } = usePluginList();
  const [editing, setEditing] = useState<{ group: GroupDialogTarget } | null>(null);
  const [removing, setRemoving] = useState<UserGroup | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('accounts.groups.intro')}
        </Text>
        {editable && (
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setEditing({ group: null })}>
            {t('accounts.groups.add')}
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md">
        <ScrollArea type="auto">
          <Table verticalSpacing={6} withColumnBorders highlightOnHover aria-label={t('accounts.groups.title')} data-testid="group-overview" style={{ minWidth: 200 + groups.length * 150 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={200}>{t('accounts.groups.function')}</Table.Th>
                {groups.map((group) => (
                  <Table.Th key={group.id} data-testid="group-column" data-group-name={group.name} style={{ verticalAlign: 'top' }}>
                    <Stack gap={2}>
                      <Group gap={4} wrap="nowrap" justify="space-between">
                        <Tooltip label={group.builtin ? t(`accounts.roleDescriptions.${group.builtin}`) : group.description || groupLabel(t, group)} withinPortal multiline maw={320}>
                          <Title order={6} lineClamp={1}>
                            {groupLabel(t, group)}
                          </Title>
                        </Tooltip>
                        {editable && (
                          <Group gap={0} wrap="nowrap">
                            <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('accounts.groups.edit', { name: groupLabel(t, group) })} onClick={() => setEditing({ group })}>
                              <Icon name="pencil" size={14} />
                            </ActionIcon>
                            {group.builtin === null && (
                              <ActionIcon size="sm" variant="subtle" color="red" aria-label={t('accounts.groups.remove', { name: group.name })} onClick={() => setRemoving(group)}>
                                <Icon name="trash" size={14} />
                              </ActionIcon>
                            )}
                          </Group>
                        )}
                      </Group>
                      <Group gap={4}>
                        {group.builtin !== null && (
                          <Badge size="xs" variant="light" color="indigo">
                            {t('accounts.builtin')}
                          </Badge>
                        )}
                        <Text size="xs" c="dimmed" fw={400}>
                          {t('accounts.groups.members', { count: group.memberCount })}
                        </Text>
                      </Group>
                      {group.directoryGroups.length > 0 && (
                        <Tooltip label={group.directoryGroups.join('\n')} style={{ whiteSpace: 'pre-line' }} withinPortal>
                          <Text size="xs" c="dimmed" fw={400} w="fit-content">
                            {t('accounts.groups.directoryCount', { count: group.directoryGroups.length })}
                          </Text>
                        </Tooltip>
                      )}
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {functionRuns(functions).map((run) => (
                <Fragment key={run.plugin ?? ''}>
                  {run.plugin !== null && (
                    <Table.Tr>
                      <Table.Th colSpan={groups.length + 1} bg="var(--mantine-color-default-hover)">
                        {t('accounts.groups.pluginFunctions', { name: pluginLabel(t, run.plugin, plugins?.find((p) => p.id === run.plugin)?.name) })}
                      </Table.Th>
                    </Table.Tr>
                  )}
                  {run.functions.map((fn) => (
                    <GrantRow key={fn.id} fn={fn} groups={groups} />
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      {editing && <GroupDialog group={editing.group} functions={functions} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        request={removing && { title: t('accounts.groups.confirmRemove.title'), body: t('accounts.groups.confirmRemove.body', { name: removing.name, count: removing.memberCount }), confirm: t('accounts.groups.removeConfirm') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          const { id, name } = removing;
          try {
            await api.accounts.removeGroup({ id });
            notify('success', t('accounts.groups.title'), t('accounts.groups.removed', { name }));
          } catch (caught) {
            notify('error', t('accounts.groups.title'), errorMessage(caught));
          }
        }}
      />
    </Stack>
  );
}

/** One function's level in each group. */
function GrantRow({ fn, groups }: { fn: FunctionInfo; groups: readonly UserGroup[] }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">{functionLabel(t, fn.id)}</Text>
      </Table.Td>
      {groups.map((group) => {
        const level = group.permissions[fn.id] ?? 'none';
        return (
          <Table.Td key={group.id} data-testid="group-grant" data-group-name={group.name} data-function={fn.id} data-level={level}>
            {level === 'none' ? (
              <Text size="xs" c="dimmed">
                {levelLabel(t, level)}
              </Text>
            ) : (
              <Badge size="sm" variant="light" color={LEVEL_COLORS[level]} tt="none">
                {levelLabel(t, level)}
              </Badge>
            )}
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}
