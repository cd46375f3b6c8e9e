import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { defaultFtpPort } from '../../../../src-shared/plugins/drivers/driver-store';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { Icon } from '../../../ui/icons';
import { RowActionIcon } from '../../../ui/row-action-icon';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { VirtualTable, type VirtualColumn } from '../../../ui/virtual-table';
import { useDriversApi, useDriversRights, useStores, type DriverStoreRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { StoreDialog } from './store-dialog';

type Column = 'name' | 'server' | 'directory' | 'mode' | 'security' | 'sets' | 'actions';

/** The FTP stores that keep driver sets: add, edit, test, delete. */
export function StoresPanel() {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const rights = useDriversRights();
  const notify = useNoticeStore((s) => s.notify);
  const stores = useStores(rights.stores);
  const [editing, setEditing] = useState<{ store: DriverStoreRow | null } | null>(null);
  const [removing, setRemoving] = useState<DriverStoreRow | null>(null);
  const list = stores.data ?? [];
  const columns: VirtualColumn<Column>[] = [
    { id: 'name', header: tp('stores.name'), width: 'minmax(140px, 1fr)' },
    { id: 'server', header: tp('stores.server'), width: 'minmax(160px, 1fr)' },
    { id: 'directory', header: tp('stores.directory'), width: 'minmax(120px, 1fr)' },
    { id: 'mode', header: tp('stores.mode'), width: '110px' },
    { id: 'security', header: tp('stores.security'), width: '190px' },
    { id: 'sets', header: tp('stores.sets'), width: '60px', numeric: true },
    { id: 'actions', header: '', width: '76px' },
  ];
  const cell = (index: number, column: Column) => {
    const store = list[index];
    if (!store) return null;
    switch (column) {
      case 'name':
        return <Text size="sm" fw={600} truncate>{store.name}</Text>;
      case 'server':
        return <Text size="sm" ff="monospace" truncate>{`${store.host}:${store.port ?? defaultFtpPort(store.security)}`}</Text>;
      case 'directory':
        return <Text size="sm" ff="monospace" truncate>{store.directory}</Text>;
      case 'mode':
        return <Text size="sm">{tp(`stores.modes.${store.mode}`)}</Text>;
      case 'security':
        return (
          <Badge size="sm" variant="light" color={store.security === 'none' ? 'orange' : 'teal'} tt="none">
            {tp(`stores.securities.${store.security}`)}
          </Badge>
        );
      case 'sets':
        return store.sets;
      case 'actions':
        return (
          <Group gap={2} wrap="nowrap">
            <RowActionIcon label={tp('edit')} ariaLabel={`${tp('edit')}: ${store.name}`} icon="pencil" onClick={() => setEditing({ store })} />
            {rights.editStores && (
              <RowActionIcon label={tp('remove')} ariaLabel={`${tp('remove')}: ${store.name}`} icon="trash" color="red" onClick={() => setRemoving(store)} />
            )}
          </Group>
        );
    }
  };
  return (
    <Stack gap="sm" data-testid="drivers-stores">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={760}>
          {tp('stores.intro')}
        </Text>
        {rights.editStores && (
          <Button size="xs" leftSection={<Icon name="plus" size={16} />} onClick={() => setEditing({ store: null })} style={{ flexShrink: 0 }} data-testid="store-add">
            {tp('stores.add')}
          </Button>
        )}
      </Group>
      {!rights.editStores && <ReadOnlyNote />}
      {stores.error && <Alert color="red" py={6}>{tp('loadFailed', { message: stores.error.message })}</Alert>}
      <VirtualTable
        label={tp('tabs.stores')}
        columns={columns}
        count={list.length}
        rowKey={(i) => list[i]?.id ?? i}
        cell={cell}
        height={Math.min(400, 40 + list.length * 34 + 8)}
        rowTestId="store-row"
        empty={<Text c="dimmed" size="sm" p="sm">{stores.data === null ? tp('loading') : tp('none')}</Text>}
      />
      {editing && <StoreDialog store={editing.store} readOnly={!rights.editStores} onClose={() => { setEditing(null); stores.reload(); }} />}
      <ConfirmDialog
        request={removing && { title: tp('remove'), body: tp('stores.confirmRemove', { name: removing.name }), confirm: tp('remove') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await api.stores.remove({ id: removing.id });
            notify('success', tp('tabs.stores'), tp('stores.removed', { name: removing.name }));
          } catch (caught) {
            notify('error', tp('tabs.stores'), errorMessage(caught));
          } finally {
            stores.reload();
          }
        }}
      />
    </Stack>
  );
}
