import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { Icon } from '../../../ui/icons';
import { RowActionIcon } from '../../../ui/row-action-icon';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { VirtualTable, type VirtualColumn } from '../../../ui/virtual-table';
import { formatBytes, useDriversApi, useDriversRights, useSets, useStores, type DriverSetRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { DriverlessDialog } from './driverless-dialog';
import { UploadDialog } from './upload-dialog';

type Column = 'name' | 'os' | 'kind' | 'driver' | 'version' | 'files' | 'actions';

/** Driver sets: upload (zip or folder), driverless, verify against the manifest, delete. */
export function SetsPanel() {
  const { tp, language } = useDriversT();
  const api = useDriversApi();
  const rights = useDriversRights();
  const notify = useNoticeStore((s) => s.notify);
  const sets = useSets(rights.sets);
  const stores = useStores(rights.stores);
  const [dialog, setDialog] = useState<'upload' | 'driverless' | null>(null);
  const [removing, setRemoving] = useState<DriverSetRow | null>(null);
  const [verifying, setVerifying] = useState<number | null>(null);
  const list = sets.data ?? [];

  const verify = async (set: DriverSetRow): Promise<void> => {
    setVerifying(set.id);
    try {
      const result = await api.sets.verify({ id: set.id });
      if (result.ok) notify('success', tp('tabs.sets'), tp('sets.verifyOk', { name: set.name, files: result.files }));
      else notify('error', tp('tabs.sets'), tp('sets.verifyFailed', { name: set.name, problems: result.problems.join('; ') }));
    } catch (caught) {
      notify('error', tp('tabs.sets'), errorMessage(caught));
    } finally {
      setVerifying(null);
    }
  };

  const columns: VirtualColumn<Column>[] = [
    { id: 'name', header: tp('sets.name'), width: 'minmax(160px, 1.2fr)' },
    { id: 'os', header: tp('sets.os'), width: '110px' },
    { id: 'kind', header: tp('sets.kind'), width: '170px' },
    { id: 'driver', header: tp('sets.driverName'), width: 'minmax(140px, 1fr)' },
    { id: 'version', header: tp('sets.version'), width: '110px' },
    { id: 'files', header: tp('sets.files'), width: '110px', numeric: true },
    { id: 'actions', header: '', width: '120px' },
  ];
  const cell = (index: number, column: Column) => {
    const set = list[index];
    if (!set) return null;
    switch (column) {
      case 'name':
        return <Text size="sm" fw={600} truncate>{set.name}</Text>;
      case 'os':
        return <Text size="sm">{`${tp(`os.${set.os}`)}${set.arch === 'any' ? '' : ` ${set.arch}`}`}</Text>;
      case 'kind':
        return (
          <Badge size="sm" variant="light" color={set.kind === 'driverless' ? 'teal' : 'blue'} tt="none">
            {tp(`kinds.${set.kind}`)}
          </Badge>
        );
      case 'driver':
        return <Text size="sm" truncate>{set.driverName}</Text>;
      case 'version':
        return <Text size="sm" truncate>{set.version}</Text>;
      case 'files':
        return set.kind === 'driverless' ? '—' : `${set.files} · ${formatBytes(set.bytes, language)}`;
      case 'actions':
        return (
          <Group gap={2} wrap="nowrap">
            {set.kind !== 'driverless' && (
              <Button size="compact-xs" variant="light" loading={verifying === set.id} onClick={() => void verify(set)}>
                {tp('sets.verify')}
              </Button>
            )}
            {rights.editSets && (
              <RowActionIcon label={tp('remove')} ariaLabel={`${tp('remove')}: ${set.name}`} icon="trash" color="red" onClick={() => setRemoving(set)} />
            )}
          </Group>
        );
    }
  };
  return (
    <Stack gap="sm" data-testid="drivers-sets">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={720}>
          {tp('sets.intro')}
        </Text>
        {rights.editSets && (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button size="xs" variant="light" onClick={() => setDialog('driverless')} data-testid="set-driverless">
              {tp('sets.driverless')}
            </Button>
            <Button size="xs" leftSection={<Icon name="upload" size={16} />} onClick={() => setDialog('upload')} data-testid="set-upload">
              {tp('sets.upload')}
            </Button>
          </Group>
        )}
      </Group>
      {!rights.editSets && <ReadOnlyNote />}
      {sets.error && <Alert color="red" py={6}>{tp('loadFailed', { message: sets.error.message })}</Alert>}
      <VirtualTable
        label={tp('tabs.sets')}
        columns={columns}
        count={list.length}
        rowKey={(i) => list[i]?.id ?? i}
        cell={cell}
        height={Math.min(480, 40 + list.length * 34 + 8)}
        rowTestId="set-row"
        empty={<Text c="dimmed" size="sm" p="sm">{sets.data === null ? tp('loading') : tp('none')}</Text>}
      />
      {dialog === 'upload' && <UploadDialog stores={stores.data ?? []} onClose={() => { setDialog(null); sets.reload(); }} />}
      {dialog === 'driverless' && <DriverlessDialog onClose={() => { setDialog(null); sets.reload(); }} />}
      <ConfirmDialog
        request={removing && { title: tp('remove'), body: tp('sets.confirmRemove', { name: removing.name }), confirm: tp('remove') }}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            const outcome = await api.sets.remove({ id: removing.id });
            notify(outcome.removedFromStore ? 'success' : 'error', tp('tabs.sets'), tp('sets.removed', { message: outcome.message }));
          } catch (caught) {
            notify('error', tp('tabs.sets'), errorMessage(caught));
          } finally {
            sets.reload();
          }
        }}
      />
    </Stack>
  );
}
