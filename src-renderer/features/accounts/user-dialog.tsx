import { Checkbox, Modal, PasswordInput, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountUser, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { errorMessage, useNoticeStore } from '../../ui/notice.store';
import { serverProblems } from '../forms/form-problems';
import { groupLabel } from './function-labels';
import { FormFooter } from '../../ui/form-footer';

export type UserDialogMode = { kind: 'create' } | { kind: 'edit'; user: AccountUser };

type Field = 'name' | 'displayName' | 'password' | 'groupIds' | 'general';

const fieldOf = (path: readonly PropertyKey[]): Field => {
  const head = path[0];
  return head === 'name' || head === 'displayName' || head === 'password' || head === 'groupIds' ? head : 'general';
};

/**
 * Adds a local user (name, display name, initial password, groups, "must change at first
 * sign-in") or edits one (display name, groups, enabled). The server's message shows under its
 * field or at the bottom; the built-in administrator's enabled switch and Administrators box are fixed.
 */
export function UserDialog({ mode, groups, onClose }: { mode: UserDialogMode; groups: UserGroup[]; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const editing = mode.kind === 'edit' ? mode.user : null;
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState(editing?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [groupIds, setGroupIds] = useState<string[]>(editing ? editing.groupIds.map(String) : []);
  const [mustChange, setMustChange] = useState(true);
  const [enabled, setEnabled] = useState(editing?.enabled ?? true);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const adminGroup = groups.find((g) => g.builtin === 'administrator');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!editing && name.trim() === '') found.name = t('accounts.required');
    if (!editing && password === '') found.password = t('accounts.required');
    if (groupIds.length === 0) found.groupIds = t('accounts.users.dialog.noGroups');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const ids = groupIds.map(Number);
      if (editing) {
        await api.accounts.updateUser({ id: editing.id, displayName, groupIds: ids, ...(editing.builtin ? {} : { enabled }) });
        notify('success', t('accounts.users.title'), t('accounts.users.saved', { name: editing.name }));
      } else {
        const created = await api.accounts.createUser({ name: name.trim(), displayName, password, groupIds: ids, mustChangePassword: mustChange });
        notify('success', t('accounts.users.title'), t('accounts.users.created', { name: created.name }));
      }
      onClose();
    } catch (caught) {
      const placed = serverProblems(caught, fieldOf, 'general');
      setProblems(Object.fromEntries(Object.entries(placed).map(([field, problem]) => [field, problem.key === 'text' ? problem.text : errorMessage(caught)])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={editing ? t('accounts.users.dialog.editTitle', { name: editing.name }) : t('accounts.users.dialog.createTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="sm">
          {!editing && (
            <TextInput label={t('accounts.users.dialog.name')} description={t('accounts.users.dialog.nameHint')} value={name} onChange={(event) => setName(event.currentTarget.value)} error={problems.name} autoComplete="off" spellCheck={false} data-autofocus required />
          )}
          <TextInput label={t('accounts.users.dialog.displayName')} value={displayName} onChange={(event) => setDisplayName(event.currentTarget.value)} error={problems.displayName} />
          {!editing && (
            <>
              <PasswordInput label={t('accounts.users.dialog.password')} description={t('accounts.users.dialog.passwordHint')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} error={problems.password} autoComplete="new-password" required />
              <Checkbox label={t('accounts.users.dialog.mustChange')} checked={mustChange} onChange={(event) => setMustChange(event.currentTarget.checked)} />
            </>
          )}
          <Checkbox.Group label={t('accounts.users.dialog.groups')} value={groupIds} onChange={setGroupIds} error={problems.groupIds} required>
            <Stack gap={6} mt={6}>
              {groups.map((group) => (
                <Checkbox
                  key={group.id}
                  value={String(group.id)}
                  label={groupLabel(t, group)}
                  description={group.builtin ? t(`accounts.roleDescriptions.${group.builtin}`) : group.description || undefined}
                  disabled={editing?.builtin === true && group.id === adminGroup?.id}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          {editing && (
            <Switch
              label={t('accounts.users.dialog.enabled')}
              description={editing.builtin ? t('accounts.users.builtinProtected') : t('accounts.users.dialog.enabledHint')}
              checked={editing.builtin ? true : enabled}
              disabled={editing.builtin}
              onChange={(event) => setEnabled(event.currentTarget.checked)}
            />
          )}
          <FormFooter error={problems.general && <Text size="sm">{problems.general}</Text>} errorTestId="user-dialog-error" busy={busy} submitLabel={editing ? t('common.save') : t('accounts.users.dialog.create')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
