import { Badge, Button, Group, Input, PasswordInput, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import type { DirectoryForm } from './directory-form';

interface DirectoryBindPasswordProps {
  form: DirectoryForm;
  onChange(change: Pick<DirectoryForm, 'passwordMode' | 'password'>): void;
  error: string | null;
  editable: boolean;
}

/**
 * The service account's password, write-only: "set" (with Change and Clear) while one is
 * stored, a field while a new one is typed, "will be removed" after Clear. The stored value
 * never reaches the console.
 */
export function DirectoryBindPassword({ form, onChange, error, editable }: DirectoryBindPasswordProps) {
  const { t } = useTranslation();
  const id = useId();
  const noAccount = form.bindDn.trim() === '';
  let description: string | undefined;
  if (noAccount) description = form.passwordSet ? t('accounts.directory.password.droppedWithoutAccount') : t('accounts.directory.password.onlyWithAccount');
  else if (form.passwordMode === 'keep') description = t('accounts.directory.password.setHint');
  else if (form.passwordMode === 'clear') description = t('accounts.directory.password.willClearHint');
  let body;
  if (form.passwordMode === 'replace') {
    body = (
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <PasswordInput
          id={id}
          style={{ flex: 1 }}
          value={form.password}
          placeholder={form.passwordSet ? t('accounts.directory.password.newPlaceholder') : t('accounts.directory.password.notSet')}
          onChange={(event) => onChange({ passwordMode: 'replace', password: event.currentTarget.value })}
          error={error !== null}
          disabled={!editable || noAccount}
          autoComplete="new-password"
        />
        {form.passwordSet && editable && (
          <Button variant="subtle" onClick={() => onChange({ passwordMode: 'keep', password: '' })}>
            {t('accounts.directory.password.keep')}
          </Button>
        )}
      </Group>
    );
  } else {
    const cleared = form.passwordMode === 'clear';
    body = (
      <Group gap={6} wrap="nowrap" h={36} px="xs" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
        {cleared ? (
          <Text size="sm" c="orange" style={{ flex: 1 }} lineClamp={1}>
            {t('accounts.directory.password.willClear')}
          </Text>
        ) : (
          <Group style={{ flex: 1 }}>
            <Badge color="teal" variant="light" tt="none" leftSection={<Icon name="lock" size={12} />}>
              {t('accounts.directory.password.set')}
            </Badge>
          </Group>
        )}
        {editable && !cleared && (
          <>
            <Button variant="default" size="compact-sm" onClick={() => onChange({ passwordMode: 'replace', password: '' })} disabled={noAccount}>
              {t('accounts.directory.password.change')}
            </Button>
            <Button variant="subtle" color="red" size="compact-sm" onClick={() => onChange({ passwordMode: 'clear', password: '' })}>
              {t('accounts.directory.password.clear')}
            </Button>
          </>
        )}
        {editable && cleared && (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange({ passwordMode: 'keep', password: '' })}>
            {t('accounts.directory.password.undo')}
          </Button>
        )}
      </Group>
    );
  }
  return (
    <Input.Wrapper
      label={t('accounts.directory.password.label')}
      labelElement={form.passwordMode === 'replace' ? 'label' : 'div'}
      labelProps={form.passwordMode === 'replace' ? { htmlFor: id } : undefined}
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error}
      data-testid="directory-bind-password"
      data-password-set={String(form.passwordSet)}
      data-mode={form.passwordMode}
    >
      {body}
    </Input.Wrapper>
  );
}
