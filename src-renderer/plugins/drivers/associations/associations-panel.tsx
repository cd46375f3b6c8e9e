import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { Icon } from '../../../ui/icons';
import { RowActionIcon } from '../../../ui/row-action-icon';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { VirtualTable, type VirtualColumn } from '../../../ui/virtual-table';
import { useAssociations, useDriversApi, useDriversRights, useSets, type AssociationRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { AssociationDialog } from './association-dialog';

type Column = 'name' | 'device' | 'set' | 'queue' | 'uri' | 'defaults' | 'actions';

/** The pull page's address (served by the console beside the console itself). */
export const PULL_PAGE_PATH = '/plugins/drivers/pull';

/** Associations of driver sets with devices: add (device, IPP Everywhere check, proposal), edit, delete. */
export function AssociationsPanel() {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const rights = useDriversRights();
  const notify = useNoticeStore((s) => s.notify);
  const associations = useAssociations(rights.associations);
  const sets = useSets(rights.sets);
  const [editing, setEditing] = useState<{ association: AssociationRow | null } | null>(null);
  const [removing, setRemoving] = useState<AssociationRow | null>(null);
  const list = associations.data ?? [];
  const columns: VirtualColumn<Column>[] = [
    { id: 'name', header: tp('associations.name'), width: 'minmax(150px, 1fr)' },
    { id: 'device', header: tp('associations.device'), width: 'minmax(110px, 0.8fr)' },
    { id: 'set', header: tp('associations.set'), width: 'minmax(230px, 1.3fr)' },
    { id: 'queue', header: tp('associations.queueName'), width: '120px' },
    { id: 'uri', header: tp('associations.uri'), width: 'minmax(140px, 1fr)' },
    { id: 'defaults', header: tp('associations.defaults'), width: '215px' },
    { id: 'actions', header: '', width: '76px' },
  ];
  const cell = (index: number, column: Column) => {
    const a = list[index];
    if (!a) return null;
    switch (column) {
      case 'name':
        return <Text size="sm" fw={600} truncate>{a.name}</Text>;
      case 'device':
        return <Text size="sm" truncate>{a.device?.label ?? `#${a.deviceId}`}</Text>;
      case 'set':
        return (
          <Group gap={4} wrap="nowrap">
            {a.set?.kind === 'driverless' && <Badge size="xs" color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>{tp('kinds.driverless')}</Badge>}
            <Text size="sm" truncate>{a.set?.name ?? `#${a.setId}`}</Text>
          </Group>
        );
      case 'queue':
        return <Text size="sm" ff="monospace" truncate>{a.queueName}</Text>;
      case 'uri':
        return <Text size="sm" ff="monospace" truncate title={a.uri ?? ''}>{a.uri ?? '—'}</Text>;
      case 'defaults':
        return <Text size="sm" truncate data-testid="association-defaults">{`${tp(`associations.colors.${a.defaults.color}`)}, ${tp(`associations.duplexes.${a.defaults.duplex}`)}`}</Text>;
      case 'actions':
        return (
          <Group gap={2} wrap="nowrap">
            <RowActionIcon label={tp('edit')} ariaLabel={`${tp('edit')}: ${a.name}`} icon="pencil" onClick={() => setEditing({ association: a })} />
            {rights.editAssociations && (
              <RowActionIcon label={tp('remove')} ariaLabel={`${tp('remove')}: ${a.name}`} icon="trash" color="red" onClick={() => setRemoving(a)} />
            )}
          </Group>
        );
    }
  };
  return (
    <Stack gap="sm" data-testid="drivers-associations">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} maw={760}>
          <Text size="sm" c="dimmed">
            {tp('associations.intro')}
          </Text>
          <Anchor size="sm" href={PULL_PAGE_PATH} target="_blank" rel="noopener">
            {tp('associations.pullPage')}
          </Anchor>
        </Stack>
        {rights.editAssociations && (
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setEditing({ association: null })} style={{ flexShrink: 0 }} data-testid="association-add">
            {tp('associations.add')}
          </Button>
        )}
      </Group>
      {!rights.editAssociations && <ReadOnlyNote />}
      {associations.error && <Alert color="red" py={6}>{tp('loadFailed', { message: associations.error.message })}</Alert>}
      <VirtualTable
        label={tp('tabs.associations')}
        columns={columns}
        count={list.length}
        rowKey={(i) => list[i]?.id ?? i}
        cell={cell}
        height={Math.min(480, 40 + list.length * 34 + 8)}
        rowTestId="association-row"
        empty={<Text c="dimmed" size="sm" p="sm">{associations.data === null ? tp('loading') : tp('none')}</Text>}
      />
      {editing && <AssociationDialog association={editing.association} sets={sets.data ?? []} readOnly={!rights.editAssociations} onClose={() => { setEditing(null); associations.reload(); }} />}
      <ConfirmDialog
        request={removing && { title: tp('remove'), body: tp('associations.confirmRemove', { name: removing.name }), confirm: tp('remove') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await api.associations.remove({ id: removing.id });
            notify('success', tp('tabs.associations'), tp('associations.removed', { name: removing.name }));
          } catch (caught) {
            notify('error', tp('tabs.associations'), errorMessage(caught));
          } finally {
            associations.reload();
          }
        }}
      />
    </Stack>
  );
}
