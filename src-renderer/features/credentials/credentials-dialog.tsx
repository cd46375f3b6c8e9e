import { Divider, Group, Modal, NativeSelect, PasswordInput, Radio, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRendererApi } from '../../api/api-context';
import { AUTH_PROTOCOLS, PRIV_PROTOCOLS, SNMP_VERSIONS, V3_LEVELS } from '../discovery/discovery-form';
import { problemText } from '../discovery/discovery-texts';
import type { FieldProblem } from '../discovery/discovery-validation';
import { buildCredentialChange, initialWriteCredentialDraft, type WriteCredentialDraft, type WriteCredentialField } from './write-credential-form';
import { FormFooter } from '../../ui/form-footer';

/** Whom the credentials are stored for: devices (the same for each), or a static group's default. */
export type CredentialsScope = { kind: 'devices'; deviceIds: readonly number[] } | { kind: 'group'; groupId: number; groupName: string };

interface CredentialsDialogProps {
  /** null: closed. The scopes offered, the first picked. */
  scopes: readonly CredentialsScope[] | null;
  onClose(): void;
  /** After a save, with what was stored in words (the caller refetches and says so where the person looks). */
  onSaved(message: string): void;
}

const MODES = ['set', 'keep', 'clear'] as const;

/**
 * "Write credentials": the SNMP write community or SNMPv3 user (and, optionally, the device
 * administrator) entered once and stored for the selected devices — the same for each — or as a
 * static group's default. Secrets go to the vault and are never shown again; what is left as
 * "keep" stays as stored.
 */
export function CredentialsDialog({ scopes, onClose, onSaved }: CredentialsDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={scopes !== null} onClose={onClose} title={t('credentials.dialog.title')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {scopes !== null && <CredentialsForm scopes={scopes} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function scopeKey(scope: CredentialsScope): string {
  return scope.kind === 'devices' ? 'devices' : `group-${scope.groupId}`;
}

function CredentialsForm({ scopes, onClose, onSaved }: { scopes: readonly CredentialsScope[]; onClose(): void; onSaved(message: string): void }) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [draft, setDraft] = useState<WriteCredentialDraft>(initialWriteCredentialDraft);
  const [scopeId, setScopeId] = useState(scopes[0] ? scopeKey(scopes[0]) : 'devices');
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = scopes.find((s) => scopeKey(s) === scopeId) ?? scopes[0];
  const built = buildCredentialChange(draft);
  const problems: Partial<Record<WriteCredentialField, FieldProblem>> = built.ok || !attempted ? {} : built.problems;
  const errorOf = (field: WriteCredentialField) => problemText(t, problems[field]);
  const edit = (change: Partial<WriteCredentialDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setFailure(null);
  };
  const text = (field: 'community' | 'user' | 'authKey' | 'privKey' | 'adminId' | 'adminPassword') => ({
    value: draft[field],
    onChange: (event: { currentTarget: { value: string } }) => edit({ [field]: event.currentTarget.value }),
    error: errorOf(field),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!built.ok || !scope) return;
    setBusy(true);
    try {
      if (scope.kind === 'devices') {
        const { updated } = await api.credentials.setForDevices({ deviceIds: [...scope.deviceIds], ...built.value });
        onSaved(t('credentials.dialog.saved', { count: updated }));
      } else {
        await api.credentials.setForGroup({ groupId: scope.groupId, ...built.value });
        onSaved(t('credentials.dialog.savedGroup', { name: scope.groupName }));
      }
      onClose();
    } catch (caught) {
      setFailure(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const auth = draft.level !== 'noAuthNoPriv';
  const priv = draft.level === 'authPriv';
  const general = failure ?? (attempted && !built.ok ? (built.problems.general ? t('credentials.dialog.nothing') : t('forms.notSaved')) : null);
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        {scopes.length > 1 ? (
          <Radio.Group label={t('credentials.dialog.applyTo')} value={scopeId} onChange={setScopeId}>
            <Stack gap={6} mt={4}>
              {scopes.map((s) => (
                <Radio key={scopeKey(s)} value={scopeKey(s)} label={s.kind === 'devices' ? t('credentials.dialog.applyDevices', { count: s.deviceIds.length }) : t('credentials.dialog.applyGroup', { name: s.groupName })} />
              ))}
            </Stack>
          </Radio.Group>
        ) : (
          scope && (
            <Text size="sm" fw={500}>
              {scope.kind === 'devices' ? t('credentials.dialog.applyDevices', { count: scope.deviceIds.length }) : t('credentials.dialog.applyGroup', { name: scope.groupName })}
            </Text>
          )
        )}
        <Text size="xs" c="dimmed">
          {scope?.kind === 'group' ? t('credentials.dialog.groupHint') : t('credentials.dialog.devicesHint')}
        </Text>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600} id="snmp-write-label">
              {t('credentials.dialog.snmp')}
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="snmp-write-label"
              value={draft.snmp}
              onChange={(value) => edit({ snmp: MODES.find((m) => m === value) ?? 'set' })}
              data={MODES.map((mode) => ({ value: mode, label: t(`credentials.dialog.modes.${mode}`) }))}
            />
          </Group>
          {draft.snmp === 'set' && (
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing="xs">
              <NativeSelect
                label={t('credentials.dialog.version')}
                data={SNMP_VERSIONS.map((v) => ({ value: v, label: `SNMP ${v}` }))}
                value={draft.version}
                onChange={(event) => edit({ version: SNMP_VERSIONS.find((v) => v === event.currentTarget.value) ?? 'v2c' })}
              />
              {draft.version === 'v3' ? (
                <>
                  <TextInput label={t('credentials.dialog.user')} autoComplete="off" {...text('user')} />
                  <NativeSelect
                    label={t('discovery.credentials.level')}
                    data={V3_LEVELS.map((level) => ({ value: level, label: t(`discovery.credentials.levels.${level}`) }))}
                    value={draft.level}
                    onChange={(event) => edit({ level: V3_LEVELS.find((l) => l === event.currentTarget.value) ?? 'authPriv' })}
                  />
                  {auth && (
                    <>
                      <NativeSelect
                        label={t('discovery.credentials.authProtocol')}
                        data={AUTH_PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }))}
                        value={draft.authProtocol}
                        onChange={(event) => edit({ authProtocol: AUTH_PROTOCOLS.find((p) => p === event.currentTarget.value) ?? 'sha' })}
                      />
                      <PasswordInput label={t('discovery.credentials.authKey')} autoComplete="new-password" {...text('authKey')} style={{ gridColumn: 'span 2' }} />
                    </>
                  )}
                  {priv && (
                    <>
                      <NativeSelect
                        label={t('discovery.credentials.privProtocol')}
                        data={PRIV_PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }))}
                        value={draft.privProtocol}
                        onChange={(event) => edit({ privProtocol: PRIV_PROTOCOLS.find((p) => p === event.currentTarget.value) ?? 'aes' })}
                      />
                      <PasswordInput label={t('discovery.credentials.privKey')} autoComplete="new-password" {...text('privKey')} style={{ gridColumn: 'span 2' }} />
                    </>
                  )}
                </>
              ) : (
                <PasswordInput label={t('credentials.dialog.community')} description={t('credentials.dialog.communityHint')} autoComplete="new-password" {...text('community')} style={{ gridColumn: 'span 2' }} data-autofocus />
              )}
            </SimpleGrid>
          )}
        </Stack>
        <Divider />
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600} id="device-admin-label">
              {t('credentials.dialog.admin')}
            </Text>
            <SegmentedControl
              size="xs"
              aria-labelledby="device-admin-label"
              value={draft.admin}
              onChange={(value) => edit({ admin: MODES.find((m) => m === value) ?? 'keep' })}
              data={MODES.map((mode) => ({ value: mode, label: t(`credentials.dialog.modes.${mode}`) }))}
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('credentials.dialog.adminHint')}
          </Text>
          {draft.admin === 'set' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput label={t('credentials.dialog.adminId')} autoComplete="off" {...text('adminId')} />
              <PasswordInput label={t('credentials.dialog.adminPassword')} autoComplete="new-password" {...text('adminPassword')} />
            </SimpleGrid>
          )}
        </Stack>
        <Text size="xs" c="dimmed">
          {t('credentials.dialog.sealed')}
        </Text>
        <FormFooter error={general} errorTestId="credentials-dialog-error" busy={busy} submitLabel={t('credentials.dialog.save')} onCancel={onClose} />
      </Stack>
    </form>
  );
}
