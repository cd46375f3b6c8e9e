import { ActionIcon, Button, Fieldset, Group, NativeSelect, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { AUTH_PROTOCOLS, newCredential, PRIV_PROTOCOLS, SNMP_VERSIONS, V3_LEVELS, type CredentialDraft, type CredentialField, type FieldId } from './discovery-form';

/** The most credential sets a search takes (the contract's limit). */
const MAX_CREDENTIALS = 16;

interface CredentialListProps {
  credentials: readonly CredentialDraft[];
  onChange(credentials: CredentialDraft[]): void;
  errorOf(field: FieldId): string | null;
}

function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** SNMP credential sets, tried in order: add, remove, reorder; v1/v2c community or v3 user and keys. */
export function CredentialList({ credentials, onChange, errorOf }: CredentialListProps) {
  const { t } = useTranslation();
  const update = (index: number, change: Partial<CredentialDraft>) => onChange(credentials.map((c, i) => (i === index ? { ...c, ...change } : c)));
  const listError = errorOf('credentials');

  return (
    <Fieldset legend={t('discovery.credentials.label')} variant="unstyled">
      <Text size="xs" c="dimmed" mb="xs">
        {t('discovery.credentials.hint')}
      </Text>
      <Stack gap="xs">
        {credentials.map((credential, index) => {
          const label = t('discovery.credentials.item', { index: index + 1 });
          const err = (field: CredentialField) => errorOf(`credentials.${index}.${field}`);
          const text = (field: 'community' | 'user' | 'authKey' | 'privKey' | 'context') => ({
            value: credential[field],
            onChange: (event: { currentTarget: { value: string } }) => update(index, { [field]: event.currentTarget.value }),
            error: err(field),
          });
          const auth = credential.level !== 'noAuthNoPriv';
          const priv = credential.level === 'authPriv';
          return (
            <Paper key={credential.key} withBorder p="xs" radius="md" role="group" aria-label={label} data-testid="credential-set">
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  {label}
                </Text>
                <Group gap={4}>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('discovery.credentials.moveUp', { index: index + 1 })} disabled={index === 0} onClick={() => onChange(moved(credentials, index, index - 1))}>
                    <Icon name="up" size={16} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('discovery.credentials.moveDown', { index: index + 1 })}
                    disabled={index === credentials.length - 1}
                    onClick={() => onChange(moved(credentials, index, index + 1))}
                  >
                    <Icon name="down" size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={t('discovery.credentials.remove', { index: index + 1 })} disabled={credentials.length === 1} onClick={() => onChange(credentials.filter((_, i) => i !== index))}>
                    <Icon name="trash" size={16} />
                  </ActionIcon>
                </Group>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing="xs">
                <NativeSelect
                  label={t('discovery.credentials.version')}
                  data={SNMP_VERSIONS.map((v) => ({ value: v, label: `SNMP ${v}` }))}
                  value={credential.version}
                  onChange={(event) => {
                    const version = SNMP_VERSIONS.find((v) => v === event.currentTarget.value);
                    if (version) update(index, { version });
                  }}
                />
                {credential.version === 'v3' ? (
                  <>
                    <TextInput label={t('discovery.credentials.user')} {...text('user')} />
                    <NativeSelect
                      label={t('discovery.credentials.level')}
                      data={V3_LEVELS.map((level) => ({ value: level, label: t(`discovery.credentials.levels.${level}`) }))}
                      value={credential.level}
                      onChange={(event) => {
                        const level = V3_LEVELS.find((l) => l === event.currentTarget.value);
                        if (level) update(index, { level });
                      }}
                    />
                    {auth && (
                      <>
                        <NativeSelect
                          label={t('discovery.credentials.authProtocol')}
                          data={AUTH_PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }))}
                          value={credential.authProtocol}
                          onChange={(event) => {
                            const authProtocol = AUTH_PROTOCOLS.find((p) => p === event.currentTarget.value);
                            if (authProtocol) update(index, { authProtocol });
                          }}
                        />
                        <PasswordInput label={t('discovery.credentials.authKey')} {...text('authKey')} style={{ gridColumn: 'span 2' }} />
                      </>
                    )}
                    {priv && (
                      <>
                        <NativeSelect
                          label={t('discovery.credentials.privProtocol')}
                          data={PRIV_PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }))}
                          value={credential.privProtocol}
                          onChange={(event) => {
                            const privProtocol = PRIV_PROTOCOLS.find((p) => p === event.currentTarget.value);
                            if (privProtocol) update(index, { privProtocol });
                          }}
                        />
                        <PasswordInput label={t('discovery.credentials.privKey')} {...text('privKey')} style={{ gridColumn: 'span 2' }} />
                      </>
                    )}
                    <TextInput label={t('discovery.credentials.context')} {...text('context')} />
                  </>
                ) : (
                  <PasswordInput label={t('discovery.credentials.community')} {...text('community')} style={{ gridColumn: 'span 2' }} />
                )}
              </SimpleGrid>
            </Paper>
          );
        })}
        {listError !== null && (
          <Text size="sm" c="red" role="alert">
            {listError}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="light" leftSection={<Icon name="plus" size={14} />} disabled={credentials.length >= MAX_CREDENTIALS} onClick={() => onChange([...credentials, newCredential()])}>
            {t('discovery.credentials.add')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
