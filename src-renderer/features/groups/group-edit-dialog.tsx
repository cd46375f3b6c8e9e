import { Alert, Button, Chip, Fieldset, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group as DeviceGroup } from '../../../src-shared/contract/groups.contract';
import { FILTER_FIELDS } from '../../../src-shared/filters/device-filter';
import { useRendererApi } from '../../api/api-context';
import { useServerData } from '../../api/server-data';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { emptyDraft, filterToDraft, isQuickActive, QUICK_FILTERS, toggleQuick, type FilterDraft } from '../filters/filter-draft';
import { useFilterStore } from '../filters/filter.store';
import { groupEditOf } from './group-edit';

/** Renames a group; for a smart group also edits its filter (each field labelled, quick filters, or the bar's filter taken over). */
export function GroupEditDialog({ group, onClose }: { group: DeviceGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={group !== null} onClose={onClose} title={group?.kind === 'smart' ? t('groups.editSmartTitle') : t('groups.renameTitle')} size={group?.kind === 'smart' ? 'lg' : 'md'} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {group && <GroupEditForm key={group.id} group={group} onClose={onClose} />}
    </Modal>
  );
}

function GroupEditForm({ group, onClose }: { group: DeviceGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const { reloadGroups } = useServerData();
  const notify = useNoticeStore((s) => s.notify);
  const smart = group.kind === 'smart';
  const [name, setName] = useState(group.name);
  const [draft, setDraft] = useState<FilterDraft>(() => (group.filter ? filterToDraft(group.filter) : emptyDraft()));
  const [problem, setProblem] = useState<{ field: 'name' | 'filter'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const edited = groupEditOf(group, name, smart ? draft : null);
    if (!edited.ok) {
      setProblem({ field: edited.field, text: edited.field === 'name' ? t('discovery.errors.required') : t('groups.filterEmpty') });
      return;
    }
    setBusy(true);
    try {
      const saved = await api.groups.update(edited.update);
      reloadGroups();
      notify('success', t('groups.doneTitle'), t('groups.updated', { name: saved.name }));
      onClose();
    } catch (caught) {
      // The server's word (a taken name, a group removed meanwhile) under the name.
      setProblem({ field: 'name', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };
  const edit = (next: FilterDraft) => {
    setDraft(next);
    if (problem?.field === 'filter') setProblem(null);
  };

  return (
    <form onSubmit={(event) => void submit(event)} data-testid="group-edit-dialog" data-kind={group.kind}>
      <Stack>
        <TextInput
          label={t('groups.name')}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            if (problem?.field === 'name') setProblem(null);
          }}
          error={problem?.field === 'name' ? problem.text : null}
          required
          data-autofocus
        />
        {smart && (
          <Fieldset legend={t('groups.filter')} variant="filled">
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {t('groups.filterHint')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6}>
                {FILTER_FIELDS.map((field) => (
                  <TextInput key={field} size="xs" label={t(`filters.fields.${field}`)} value={draft.fields[field]} onChange={(event) => edit({ ...draft, fields: { ...draft.fields, [field]: event.currentTarget.value } })} />
                ))}
              </SimpleGrid>
              <Group gap={6} role="group" aria-label={t('filters.quickLabel')}>
                {QUICK_FILTERS.map((quick) => (
                  <Chip key={quick} size="xs" checked={isQuickActive(draft, quick)} onChange={() => edit(toggleQuick(draft, quick))}>
                    {t(`filters.quick.${quick}`)}
                  </Chip>
                ))}
              </Group>
              {problem?.field === 'filter' && (
                <Alert color="red" py={4} role="alert" data-testid="group-filter-error">
                  {problem.text}
                </Alert>
              )}
              <Group>
                <Button size="compact-xs" variant="subtle" onClick={() => edit(useFilterStore.getState().draft)}>
                  {t('groups.useBar')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
