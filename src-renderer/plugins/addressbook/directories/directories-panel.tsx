import { Alert, Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { defaultDirectoryPort, type DirectoryConnectionView } from '../../../../src-shared/plugins/addressbook/directory-connection';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { Icon } from '../../../ui/icons';
import { RowActionIcon } from '../../../ui/row-action-icon';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { useAddressbookApi, useAddressbookRights, useDirectoryConnections } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import { useAddressbookView } from '../addressbook-view.store';
import { countScheduled, useAddressbookTasks } from '../scheduled/addressbook-tasks';
import { ScheduledCount } from '../scheduled/scheduled-panel';
import { DirectoryDialog } from './directory-dialog';
import { warningTexts } from './directory-form';

type Connection = DirectoryConnectionView & { id: number };

/** The saved directory connections: server, security, base, whether a bind password is stored, warnings; add, edit, test, delete, import from one. */
export function DirectoriesPanel() {
  const { tp } = useAddressbookT();
  const api = useAddressbookApi();
  const rights = useAddressbookRights();
  const notify = useNoticeStore((s) => s.notify);
  const connections = useDirectoryConnections(rights.directories);
  const [editing, setEditing] = useState<{ connection: Connection | null } | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  const list = connections.data ?? [];
  const scheduled = useAddressbookTasks().data ?? [];

  return (
    <Stack gap="sm" data-testid="directories-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={760}>
          {tp('directories.intro')}
        </Text>
        {rights.editDirectories && (
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setEditing({ connection: null })} style={{ flexShrink: 0 }}>
            {tp('directories.new')}
          </Button>
        )}
      </Group>
      {!rights.editDirectories && <ReadOnlyNote />}
      {connections.error && (
        <Alert color="red" py={6}>
          {tp('loadFailed', { message: connections.error.message })}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <ScrollArea type="auto">
          {list.length === 0 ? (
            <Text c="dimmed" p="md" size="sm">
              {connections.data === null ? tp('loading') : tp('directories.none')}
            </Text>
          ) : (
            <Table verticalSpacing={6} highlightOnHover aria-label={tp('directories.title')} style={{ minWidth: 980 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tp('directories.name')}</Table.Th>
                  <Table.Th>{tp('directories.host')}</Table.Th>
                  <Table.Th w={150}>{tp('directories.security')}</Table.Th>
                  <Table.Th>{tp('directories.baseDn')}</Table.Th>
                  <Table.Th w={150}>{tp('directories.password')}</Table.Th>
                  <Table.Th w={1} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((connection) => {
                  const warnings = warningTexts(tp, connection);
                  return (
                    <Table.Tr key={connection.id} data-testid="directory-row" data-connection-id={connection.id} data-warnings={warnings.length}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {connection.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {tp(`directories.kinds.${connection.kind}`)}
                        </Text>
                        <ScheduledCount count={countScheduled(scheduled, { connectionId: connection.id })} filter={{ connectionId: connection.id }} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          {connection.host}:{connection.port ?? defaultDirectoryPort(connection.security)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" variant="light" color={connection.security === 'none' ? 'orange' : 'teal'} tt="none">
                            {tp(`directories.securities.${connection.security}`)}
                          </Badge>
                          {warnings.length > 0 && (
                            <Tooltip label={warnings.map((w) => w.text).join('\n')} withinPortal multiline maw={360} style={{ whiteSpace: 'pre-line' }}>
                              <Badge size="sm" variant="light" color="orange" tt="none" leftSection={<Icon name="alert" size={10} />}>
                                {warnings.length}
                              </Badge>
                            </Tooltip>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                          {connection.baseDn}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c={connection.passwordSet ? undefined : 'dimmed'}>
                          {connection.bindDn === '' ? tp('directories.anonymous') : connection.passwordSet ? tp('entry.passwordStored') : tp('directories.noPassword')}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {rights.edit && (
                            <Button size="compact-xs" variant="light" onClick={() => useAddressbookView.getState().openDialog({ kind: 'import', bookId: null, connectionId: connection.id })}>
                              {tp('directories.importFrom')}
                            </Button>
                          )}
                          {rights.edit && rights.tasks && (
                            <Button size="compact-xs" variant="light" color="grape" onClick={() => useAddressbookView.getState().openDialog({ kind: 'sync', connectionId: connection.id, bookId: null })}>
                              {tp('sync.open')}
                            </Button>
                          )}
                          <RowActionIcon label={tp('directories.edit', { name: connection.name })} icon="pencil" onClick={() => setEditing({ connection })} />
                          {rights.editDirectories && (
                            <RowActionIcon label={tp('directories.remove', { name: connection.name })} icon="trash" color="red" onClick={() => setRemoving(connection)} />
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
        </ScrollArea>
      </Paper>
      {editing && <DirectoryDialog connection={editing.connection} readOnly={!rights.editDirectories} onClose={() => setEditing(null)} onSaved={connections.reload} />}
      <ConfirmDialog
        request={removing && { title: tp('directories.confirmRemove.title', { name: removing.name }), body: tp('directories.confirmRemove.body'), confirm: tp('directories.removeButton') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await api.directories.remove({ id: removing.id });
            notify('success', tp('directories.title'), tp('directories.removed', { name: removing.name }));
          } catch (caught) {
            notify('error', tp('directories.title'), errorMessage(caught));
          } finally {
            connections.reload();
          }
        }}
      />
    </Stack>
  );
}
