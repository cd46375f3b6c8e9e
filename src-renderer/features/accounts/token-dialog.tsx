import { Alert, Button, Code, CopyButton, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountUser } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';
import { numberDraft, type NumberDraft } from '../forms/form-problems';
import { FormFooter } from '../../ui/form-footer';

/**
 * Creates an API token for a user (name, optional expiry in days), then shows its secret once,
 * with a copy button and the warning that it cannot be shown again.
 */
export function TokenDialog({ users, onClose, onCreated }: { users: AccountUser[]; onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [userId, setUserId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState<NumberDraft>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ value: string; name: string; user: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (userId === null || name.trim() === '') return setError(t('accounts.tokens.missing'));
    setBusy(true);
    try {
      const created = await api.accounts.createToken({ userId: Number(userId), name: name.trim(), ...(days === '' ? {} : { expiresInDays: days }) });
      setSecret({ value: created.secret, name: created.token.name, user: created.token.userName });
      onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={secret ? t('accounts.tokens.secretTitle', { name: secret.name }) : t('accounts.tokens.createTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {secret ? (
        <Stack gap="sm" data-testid="token-secret">
          <Alert color="orange" icon={<Icon name="alert" size={18} />} py="xs">
            {t('accounts.tokens.secretWarning', { user: secret.user })}
          </Alert>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="token-secret-value">
            {secret.value}
          </Code>
          <Text size="xs" c="dimmed">
            {t('accounts.tokens.secretUse')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <CopyButton value={secret.value}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} leftSection={<Icon name={copied ? 'check' : 'copy'} size={16} />} onClick={copy}>
                  {copied ? t('accounts.tokens.copied') : t('accounts.tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('accounts.tokens.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <Select
              label={t('accounts.tokens.user')}
              description={t('accounts.tokens.userHint')}
              data={users.filter((u) => u.enabled).map((u) => ({ value: String(u.id), label: u.displayName && u.displayName !== u.name ? `${u.name} (${u.displayName})` : u.name }))}
              value={userId}
              onChange={(value) => {
                setUserId(value);
                setError(null);
              }}
              searchable
              required
              comboboxProps={{ withinPortal: true }}
              data-autofocus
            />
            <TextInput
              label={t('accounts.tokens.name')}
              description={t('accounts.tokens.nameHint')}
              value={name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                setError(null);
              }}
              required
            />
            <NumberInput label={t('accounts.tokens.expiresInDays')} description={t('accounts.tokens.expiresHint')} value={days} onChange={(value) => setDays(numberDraft(value))} min={1} max={3650} allowDecimal={false} allowNegative={false} w={260} />
            <FormFooter error={error} busy={busy} submitLabel={t('accounts.tokens.create')} onCancel={onClose} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
