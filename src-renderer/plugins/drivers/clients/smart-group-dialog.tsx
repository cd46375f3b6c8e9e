import { Alert, Badge, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { matchesClientFilter, type ClientFilter } from '../../../../src-shared/plugins/drivers/client-pc';
import { useAsyncAction } from '../../../ui/use-async-action';
import { useDriversApi, type ClientGroupRow, type ClientRow } from '../drivers-api';
import { useDriversT } from '../drivers-text';

const OSES = ['windows', 'macos', 'linux'] as const;
const ANY = 'any';

/**
 * Adds or edits a smart client group: a filter on OS, name and site (parts of words, all must
 * hold), its members the PCs that match now — listed here as the filter is typed, as the
 * console resolves them when a push runs. An existing group can be deleted here too.
 */
export function SmartGroupDialog({ group, clients, onClose, onDone }: { group: ClientGroupRow | null; clients: ClientRow[]; onClose(): void; onDone(message: string): void }) {
  const { tp } = useDriversT();
  const api = useDriversApi();
  const [name, setName] = useState(group?.name ?? '');
  const [os, setOs] = useState<string>(group?.filter?.os ?? ANY);
  const [namePart, setNamePart] = useState(group?.filter?.name ?? '');
  const [site, setSite] = useState(group?.filter?.site ?? '');
  const { busy, error, run } = useAsyncAction<'save' | 'remove'>();
  const filter: ClientFilter = { os: OSES.find((o) => o === os) ?? null, name: namePart.trim(), site: site.trim() };
  const members = clients.filter((c) => matchesClientFilter(c, filter));

  const save = () =>
    run('save', async () => {
      const saved = await api.clients.saveGroup({ id: group?.id, group: { name, kind: 'smart', filter } });
      onDone(tp('clients.groupSaved', { name: saved.name }));
    });
  const remove = () =>
    run('remove', async () => {
      if (group) await api.clients.removeGroup({ id: group.id });
      onDone(tp('smartGroup.deleted', { name: group?.name ?? name }));
    });

  return (
    <Modal opened onClose={onClose} size="lg" title={group ? tp('smartGroup.editTitle', { name: group.name }) : tp('smartGroup.addTitle')}>
      <Stack gap="sm" data-testid="smart-group-dialog">
        <Text size="sm" c="dimmed">
          {tp('smartGroup.intro')}
        </Text>
        <TextInput label={tp('smartGroup.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-testid="smart-group-name" />
        <Group grow align="flex-start">
          <Select
            label={tp('clients.os')}
            data={[{ value: ANY, label: tp('smartGroup.anyOs') }, ...OSES.map((o) => ({ value: o, label: tp(`os.${o}`) }))]}
            value={os}
            onChange={(v) => setOs(v ?? ANY)}
            allowDeselect={false}
            data-testid="smart-group-os"
          />
          <TextInput label={tp('smartGroup.nameContains')} value={namePart} onChange={(e) => setNamePart(e.currentTarget.value)} />
          <TextInput label={tp('smartGroup.siteContains')} value={site} onChange={(e) => setSite(e.currentTarget.value)} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {tp('smartGroup.matches', { count: members.length })}
          </Text>
          <Group gap={4} data-testid="smart-group-members" mah={120} style={{ overflowY: 'auto' }}>
            {members.map((c) => (
              <Badge key={c.id} variant="light" color="gray" tt="none" data-testid="smart-group-member">
                {c.name}
              </Badge>
            ))}
          </Group>
        </Stack>
        {error && (
          <Alert color="red" py={6} data-testid="smart-group-error">
            {error}
          </Alert>
        )}
        <Group justify="space-between">
          {group ? (
            <Button variant="subtle" color="red" onClick={() => void remove()} disabled={busy !== null} loading={busy === 'remove'}>
              {tp('smartGroup.delete')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {tp('close')}
            </Button>
            <Button onClick={() => void save()} disabled={busy === 'remove'} loading={busy === 'save'} data-testid="smart-group-save">
              {tp('smartGroup.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
