import { Alert, Modal, ScrollArea, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunctionInfo, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { groupLabel } from './function-labels';
import { directoryGroupsOf, emptyGroupDraft, groupDraftOf, permissionsOfDraft, type GroupDraft } from './group-form';
import { PermissionMatrix } from './permission-matrix';
import { FormFooter } from '../../ui/form-footer';

/** null: a new group. */
export type GroupDialogTarget = UserGroup | null;

/**
 * Defines or edits a user group: name, description, the directory groups whose members get it,
 * and a level per function in the matrix. A built-in role keeps its name and rights (shown
 * read-only); only its directory groups change.
 */
export function GroupDialog({ group, functions, onClose }: { group: GroupDialogTarget; functions: readonly FunctionInfo[]; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<GroupDraft>(() => (group ? groupDraftOf(group, functions) : emptyGroupDraft(functions)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const builtin = group?.builtin ?? null;
  const edit = (change: Partial<GroupDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (builtin === null && draft.name.trim() === '') return setError(t('accounts.groups.nameRequired'));
    setBusy(true);
    try {
      const directoryGroups = directoryGroupsOf(draft.directoryGroups);
      if (group && builtin !== null) await api.accounts.updateGroup({ id: group.id, directoryGroups });
      else {
        const fields = { name: draft.name.trim(), description: draft.description.trim(), permissions: permissionsOfDraft(draft, functions), directoryGroups };
        if (group) await api.accounts.updateGroup({ id: group.id, ...fields });
        else await api.accounts.createGroup(fields);
      }
      notify('success', t('accounts.groups.title'), t(group ? 'accounts.groups.saved' : 'accounts.groups.created', { name: group ? groupLabel(t, group) : draft.name.trim() }));
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const title = group ? t('accounts.groups.editTitle', { name: groupLabel(t, group) }) : t('accounts.groups.createTitle');
  return (
    <Modal opened onClose={onClose} title={title} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }} scrollAreaComponent={ScrollArea.Autosize}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {builtin !== null && (
            <Alert color="gray" py={6}>
              {t('accounts.groups.builtinFixed')}
            </Alert>
          )}
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label={t('accounts.groups.name')} value={builtin !== null && group ? groupLabel(t, group) : draft.name} onChange={(event) => edit({ name: event.currentTarget.value })} disabled={builtin !== null} required data-autofocus />
            <TextInput
              label={t('accounts.groups.description')}
              value={builtin !== null ? t(`accounts.roleDescriptions.${builtin}`) : draft.description}
              onChange={(event) => edit({ description: event.currentTarget.value })}
              disabled={builtin !== null}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('accounts.groups.matrix')}
            </Text>
            <PermissionMatrix functions={functions} levels={draft.levels} onChange={builtin === null ? (fn, level) => edit({ levels: { ...draft.levels, [fn]: level } }) : undefined} />
          </div>
          <Textarea
            label={t('accounts.groups.directoryGroups')}
            description={t('accounts.groups.directoryGroupsHint')}
            placeholder="CN=Print Operators,OU=Groups,DC=example,DC=com"
            value={draft.directoryGroups}
            onChange={(event) => edit({ directoryGroups: event.currentTarget.value })}
            autosize
            minRows={2}
            maxRows={6}
          />
          <FormFooter error={error} errorTestId="group-dialog-error" busy={busy} submitLabel={group ? t('common.save') : t('accounts.groups.create')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
