import { Alert, Badge, Button, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../../ui/confirm-dialog';
import { formatRelativeTime } from '../../../ui/display-format';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { ReadOnlyNote } from '../../../ui/read-only-note';
import { useRowSelection } from '../../../ui/use-row-selection';
import { VirtualTable, type VirtualColumn } from '../../../ui/virtual-table';
import { useClientGroups, useClients, useDriversApi, useDriversRights, type ClientGroupRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';
import { CsvImportDialog } from './csv-import-dialog';
import { EnrolDialog } from './enrol-dialog';
import { SmartGroupDialog } from './smart-group-dialog';
import { SshInstallDialog } from './ssh-install-dialog';

type Column = 'name' | 'os' | 'agent' | 'lastContact' | 'protectedPrint' | 'queues' | 'site';

/** Client PCs: OS, agent, last contact, protected print mode, installed queues; CSV import, agent enrolment, groups from a selection, delete. */
export function ClientsPanel() {
  const { tp, language } = useDriversT();
  const api = useDriversApi();
  const rights = useDriversRights();
  const notify = useNoticeStore((s) => s.notify);
  const clients = useClients(rights.clients);
  const groups = useClientGroups(rights.clients);
  const [dialog, setDialog] = useState<'csv' | 'enrol' | 'ssh' | null>(null);
  const [removing, setRemoving] = useState(false);
  /** The smart group dialog: 'new', a group to edit, or closed (null). */
  const [smartGroup, setSmartGroup] = useState<ClientGroupRow | 'new' | null>(null);
  const [groupName, setGroupName] = useState('');
  const list = useMemo(() => clients.data ?? [], [clients.data]);
  const ids = useMemo(() => list.map((c) => c.id), [list]);
  const selection = useRowSelection(ids, ids);
  const now = Date.now();

  const columns: VirtualColumn<Column>[] = [
    { id: 'name', header: tp('clients.name'), width: 'minmax(140px, 1fr)' },
    { id: 'os', header: tp('clients.os'), width: 'minmax(120px, 1fr)' },
    { id: 'agent', header: tp('clients.agent'), width: '110px' },
    { id: 'lastContact', header: tp('clients.lastContact'), width: '130px' },
    { id: 'protectedPrint', header: tp('clients.protectedPrint'), width: '120px' },
    { id: 'queues', header: tp('clients.queues'), width: 'minmax(140px, 1fr)' },
    { id: 'site', header: tp('clients.site'), width: '110px' },
  ];
  const cell = (index: number, column: Column) => {
    const c = list[index];
    if (!c) return null;
    switch (column) {
      case 'name':
        return <Text size="sm" fw={600} truncate>{c.name}</Text>;
      case 'os':
        return <Text size="sm" truncate title={c.osVersion ?? ''}>{c.osVersion ?? tp(`os.${c.os}`)}</Text>;
      case 'agent':
        return c.enrolled ? <Text size="sm">{c.agentVersion ?? '?'}</Text> : <Text size="sm" c="dimmed">{tp('clients.notEnrolled')}</Text>;
      case 'lastContact':
        return <Text size="sm">{c.lastContact === null ? tp('clients.never') : formatRelativeTime(c.lastContact, now, language)}</Text>;
      case 'protectedPrint':
        return c.protectedPrint === null ? '—' : <Badge size="sm" variant="light" color={c.protectedPrint ? 'grape' : 'gray'} tt="none">{c.protectedPrint ? tp('clients.on') : tp('clients.off')}</Badge>;
      case 'queues':
        return (
          <Group gap={4} wrap="nowrap">
            <Text size="sm" truncate title={c.queues.map((q) => q.queueName).join(', ')}>{c.queues.map((q) => q.queueName).join(', ') || '—'}</Text>
            {c.pendingJobs > 0 && <Badge size="xs" color="orange" variant="light" tt="none">{tp('clients.pending', { count: c.pendingJobs })}</Badge>}
          </Group>
        );
      case 'site':
        return <Text size="sm" truncate>{c.site}</Text>;
    }
  };
  const addGroup = async (): Promise<void> => {
    try {
      const saved = await api.clients.saveGroup({ group: { name: groupName, kind: 'static', memberIds: selection.selectedIds } });
      notify('success', tp('tabs.clients'), tp('clients.groupSaved', { name: saved.name }));
      setGroupName('');
      groups.reload();
    } catch (caught) {
      notify('error', tp('tabs.clients'), errorMessage(caught));
    }
  };
  const selectedCount = selection.selectedIds.length;
  return (
    <Stack gap="sm" data-testid="drivers-clients" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={640}>
          {tp('clients.intro')}
        </Text>
        {rights.editClients && (
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button size="xs" variant="light" onClick={() => setSmartGroup('new')} data-testid="clients-smart-group">
              {tp('smartGroup.open')}
            </Button>
            <Button size="xs" variant="light" leftSection={<Icon name="key" size={16} />} onClick={() => setDialog('enrol')} data-testid="clients-enrol">
              {tp('clients.enrol')}
            </Button>
            <Button size="xs" leftSection={<Icon name="upload" size={16} />} onClick={() => setDialog('csv')} data-testid="clients-import">
              {tp('clients.importCsv')}
            </Button>
          </Group>
        )}
      </Group>
      {!rights.editClients && <ReadOnlyNote />}
      {clients.error && <Alert color="red" py={6}>{tp('loadFailed', { message: clients.error.message })}</Alert>}
      {rights.editClients && selectedCount > 0 && (
        <Group gap="xs" data-testid="clients-selection">
          <TextInput size="xs" placeholder={tp('clients.groupName')} value={groupName} onChange={(e) => setGroupName(e.currentTarget.value)} w={200} aria-label={tp('clients.groupName')} />
          <Button size="xs" variant="light" disabled={groupName.trim() === ''} onClick={() => void addGroup()}>
            {tp('clients.addGroup')}
          </Button>
          <Button size="xs" variant="light" leftSection={<Icon name="key" size={16} />} onClick={() => setDialog('ssh')} data-testid="clients-ssh-install">
            {tp('sshInstall.open')}
          </Button>
          <Button size="xs" variant="light" color="red" onClick={() => setRemoving(true)}>
            {tp('clients.remove')}
          </Button>
        </Group>
      )}
      <VirtualTable
        label={tp('tabs.clients')}
        columns={columns}
        count={list.length}
        rowKey={(i) => list[i]?.id ?? i}
        cell={cell}
        height={Math.min(520, 40 + list.length * 34 + 8)}
        rowTestId="client-row"
        rowData={(i) => ({ 'data-client-name': list[i]?.name })}
        selection={{ ...selection, rowId: (i) => list[i]?.id, rowLabel: (i) => tp('clients.selectRow', { name: list[i]?.name ?? '' }), selectAllLabel: tp('clients.selectAll', { count: list.length }) }}
        empty={<Text c="dimmed" size="sm" p="sm">{clients.data === null ? tp('loading') : tp('none')}</Text>}
      />
      {(groups.data ?? []).length > 0 && (
        <Group gap={6}>
          <Text size="sm" fw={500}>
            {tp('clients.groups')}
          </Text>
          {(groups.data ?? []).map((g) => (
            <Tooltip key={g.id} label={tp('clients.groupMembers', { count: g.memberIds.length })} withinPortal>
              {g.kind === 'smart' && rights.editClients ? (
                <Badge component="button" variant="light" color="indigo" tt="none" style={{ cursor: 'pointer' }} onClick={() => setSmartGroup(g)} data-testid="client-group" data-group-name={g.name}>{`${g.name} · ${g.memberIds.length}`}</Badge>
              ) : (
                <Badge variant="outline" color="gray" tt="none" data-testid="client-group" data-group-name={g.name}>{`${g.name} · ${g.memberIds.length}`}</Badge>
              )}
            </Tooltip>
          ))}
        </Group>
      )}
      {dialog === 'csv' && <CsvImportDialog onClose={() => { setDialog(null); clients.reload(); }} />}
      {dialog === 'enrol' && <EnrolDialog onClose={() => setDialog(null)} />}
      {smartGroup !== null && (
        <SmartGroupDialog
          group={smartGroup === 'new' ? null : smartGroup}
          clients={list}
          onClose={() => setSmartGroup(null)}
          onDone={(message) => {
            notify('success', tp('tabs.clients'), message);
            setSmartGroup(null);
            groups.reload();
          }}
        />
      )}
      {dialog === 'ssh' && <SshInstallDialog clients={list.filter((c) => selection.selectedIds.includes(c.id))} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        request={removing ? { title: tp('clients.remove'), body: tp('clients.confirmRemove', { count: selectedCount }), confirm: tp('remove') } : null}
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          try {
            const { removed } = await api.clients.remove({ ids: selection.selectedIds });
            notify('success', tp('tabs.clients'), tp('clients.removed', { count: removed }));
            selection.clear();
          } catch (caught) {
            notify('error', tp('tabs.clients'), errorMessage(caught));
          } finally {
            clients.reload();
          }
        }}
      />
    </Stack>
  );
}
