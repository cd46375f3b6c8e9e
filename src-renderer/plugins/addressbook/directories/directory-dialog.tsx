import { Alert, Badge, Button, Group, Modal, NumberInput, PasswordInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { defaultDirectoryPort, DIRECTORY_SECURITIES, type DirectoryConnectionView, type DirectoryTestResult } from '../../../../src-shared/plugins/addressbook/directory-connection';
import { DIRECTORY_KINDS } from '../../../../src-shared/plugins/addressbook/directory-mapping';
import { FormFooter } from '../../../ui/form-footer';
import { Icon } from '../../../ui/icons';
import { errorMessage, useNoticeStore } from '../../../ui/notice.store';
import { useAddressbookApi } from '../addressbook-api';
import { useAddressbookT } from '../addressbook-text';
import type { NumberDraft } from '../editor/entry-form';
import { connectionInputOf, directoryProblems, directoryProblemText, draftOfConnection, MAPPING_FIELDS, newDirectoryDraft, warningTexts, withPreset, type DirectoryDraft, type DirectoryField } from './directory-form';
import { DirectoryTestResultView } from './directory-test-result';

function numberDraft(value: number | string): NumberDraft {
  if (value === '') return '';
  const n = Number(value);
  return Number.isFinite(n) ? n : '';
}

type TestOutcome = { kind: 'result'; result: DirectoryTestResult } | { kind: 'refused'; message: string };

/**
 * Adds or edits a directory connection: the preset kind (filling filter and mapping), server,
 * security and certificate check (or CA), bind DN and password (write-only), base, filter,
 * mapping, page and size limits; the warnings as typed; "Test connection" with every step.
 */
export function DirectoryDialog({ connection, readOnly, onClose, onSaved }: { connection: DirectoryConnectionView & { id: number } | null; readOnly: boolean; onClose(): void; onSaved(): void }) {
  const { tp, t } = useAddressbookT();
  const api = useAddressbookApi();
  const notify = useNoticeStore((s) => s.notify);
  const [draft, setDraft] = useState<DirectoryDraft>(() => (connection ? draftOfConnection(connection) : newDirectoryDraft('active-directory')));
  const [attempted, setAttempted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestOutcome | null>(null);
  const problems = directoryProblems(draft);
  const warnings = warningTexts(tp, draft);
  const change = (patch: Partial<DirectoryDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setServerError(null);
  };
  const errorOf = (field: DirectoryField): string | null => {
    const problem = problems[field];
    if (!problem) return null;
    // Empty required fields are pointed out after a first save or test; wrong values at once.
    const missing = problem.key === 'required' || problem.key.endsWith('Required');
    return attempted || !missing ? directoryProblemText(tp, problem) : null;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const saved = await api.directories.save({ ...(connection ? { id: connection.id } : {}), connection: connectionInputOf(draft) });
      notify('success', tp('directories.title'), tp('directories.saved', { name: saved.name }));
      onSaved();
      onClose();
    } catch (caught) {
      setServerError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const runTest = async () => {
    setAttempted(true);
    if (Object.keys(problems).length > 0) return;
    setTesting(true);
    setTest(null);
    try {
      setTest({ kind: 'result', result: await api.directories.test({ ...(connection ? { id: connection.id } : {}), connection: connectionInputOf(draft) }) });
    } catch (caught) {
      setTest({ kind: 'refused', message: errorMessage(caught) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="min(1100px, 96vw)" title={connection ? tp('directories.editTitle', { name: connection.name }) : tp('directories.newTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={(event) => void save(event)} noValidate data-testid="directory-dialog">
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="md">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {tp('directories.kind')}
              </Text>
              <SegmentedControl
                value={draft.kind}
                onChange={(value) => {
                  const kind = DIRECTORY_KINDS.find((k) => k === value);
                  if (kind) setDraft((current) => withPreset(current, kind));
                }}
                data={DIRECTORY_KINDS.map((kind) => ({ value: kind, label: tp(`directories.kinds.${kind}`) }))}
                style={{ alignSelf: 'flex-start' }}
              />
              <Text size="xs" c="dimmed">
                {tp('directories.presetHint')}
              </Text>
            </Stack>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
              <Stack gap="sm">
                <Title order={6}>{tp('directories.server')}</Title>
                <TextInput label={tp('directories.name')} placeholder={tp('directories.namePlaceholder')} value={draft.name} onChange={(event) => change({ name: event.currentTarget.value })} error={errorOf('name')} required data-autofocus />
                <Group gap="sm" align="flex-start" wrap="nowrap">
                  <TextInput label={tp('directories.host')} placeholder="ldap.example.com" value={draft.host} onChange={(event) => change({ host: event.currentTarget.value })} error={errorOf('host')} required style={{ flex: 1 }} />
                  <NumberInput label={tp('directories.port')} placeholder={String(defaultDirectoryPort(draft.security))} value={draft.port} onChange={(value) => change({ port: numberDraft(value) })} min={1} max={65_535} allowDecimal={false} error={errorOf('port')} w={110} />
                </Group>
                <Select
                  label={tp('directories.security')}
                  data={DIRECTORY_SECURITIES.map((s) => ({ value: s, label: tp(`directories.securities.${s}`) }))}
                  value={draft.security}
                  onChange={(value) => change({ security: DIRECTORY_SECURITIES.find((s) => s === value) ?? draft.security })}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
                {draft.security !== 'none' && (
                  <>
                    <Switch label={tp('directories.verifyCertificate')} checked={draft.verifyCertificate} onChange={(event) => change({ verifyCertificate: event.currentTarget.checked })} />
                    {draft.verifyCertificate && (
                      <Textarea
                        label={tp('directories.caCertificate')}
                        description={tp('directories.caCertificateHint')}
                        placeholder="-----BEGIN CERTIFICATE-----"
                        value={draft.caCertificate}
                        onChange={(event) => change({ caCertificate: event.currentTarget.value })}
                        error={errorOf('caCertificate')}
                        autosize
                        minRows={2}
                        maxRows={6}
                        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                      />
                    )}
                  </>
                )}
                <TextInput label={tp('directories.bindDn')} description={tp('directories.bindDnHint')} placeholder="cn=reader,dc=example,dc=com" value={draft.bindDn} onChange={(event) => change({ bindDn: event.currentTarget.value })} error={errorOf('bindDn')} autoComplete="off" />
                <BindPassword draft={draft} change={change} error={errorOf('password')} />
              </Stack>
              <Stack gap="sm">
                <Title order={6}>{tp('directories.search')}</Title>
                <TextInput label={tp('directories.baseDn')} placeholder="ou=people,dc=example,dc=com" value={draft.baseDn} onChange={(event) => change({ baseDn: event.currentTarget.value })} error={errorOf('baseDn')} required />
                <Textarea
                  label={tp('directories.filter')}
                  value={draft.filter}
                  onChange={(event) => change({ filter: event.currentTarget.value })}
                  error={errorOf('filter')}
                  autosize
                  minRows={2}
                  maxRows={4}
                  required
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                />
                <Text size="sm" fw={500}>
                  {tp('directories.mapping')}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
                  {MAPPING_FIELDS.map((field) => (
                    <TextInput
                      key={field}
                      size="xs"
                      label={tp(`directories.mappingFields.${field}`)}
                      value={draft.mapping[field]}
                      onChange={(event) => change({ mapping: { ...draft.mapping, [field]: event.currentTarget.value } })}
                      error={errorOf(`mapping.${field}`)}
                      required={field === 'name'}
                      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                    />
                  ))}
                </SimpleGrid>
                <SimpleGrid cols={3} spacing="xs">
                  <NumberInput size="xs" label={tp('directories.pageSize')} value={draft.pageSize} onChange={(value) => change({ pageSize: numberDraft(value) })} min={10} max={5_000} allowDecimal={false} error={errorOf('pageSize')} />
                  <NumberInput size="xs" label={tp('directories.sizeLimit')} value={draft.sizeLimit} onChange={(value) => change({ sizeLimit: numberDraft(value) })} min={1} max={99_999} allowDecimal={false} thousandSeparator="," error={errorOf('sizeLimit')} />
                  <NumberInput size="xs" label={tp('directories.timeout')} value={draft.timeoutSeconds} onChange={(value) => change({ timeoutSeconds: numberDraft(value) })} min={1} max={120} allowDecimal={false} error={errorOf('timeoutMs')} />
                </SimpleGrid>
              </Stack>
            </SimpleGrid>
            {warnings.length > 0 && (
              <Alert color="orange" py={6} icon={<Icon name="alert" size={16} />} data-testid="directory-warnings">
                <Stack gap={2}>
                  {warnings.map((warning) => (
                    <Text key={warning.code} size="sm" data-code={warning.code}>
                      {warning.text}
                    </Text>
                  ))}
                </Stack>
              </Alert>
            )}
            {test?.kind === 'result' && <DirectoryTestResultView result={test.result} />}
            {test?.kind === 'refused' && (
              <Alert color="red" py={6}>
                {test.message}
              </Alert>
            )}
            {!readOnly && (
              <Group justify="space-between" align="flex-end">
                <Button variant="default" leftSection={<Icon name="refresh" size={16} />} loading={testing} onClick={() => void runTest()} data-testid="directory-test">
                  {tp('directories.test.run')}
                </Button>
                <div style={{ flex: 1 }}>
                  <Stack gap="xs">
                    <FormFooter error={serverError ?? (attempted && Object.keys(problems).length > 0 ? tp('directories.fixFields') : null)} errorTestId="directory-dialog-error" busy={busy} submitLabel={t('common.save')} onCancel={onClose} />
                  </Stack>
                </div>
              </Group>
            )}
          </Stack>
        </fieldset>
        {readOnly && (
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        )}
      </form>
    </Modal>
  );
}

/** "Stored" with Replace / Clear while one is stored; a field otherwise. */
function BindPassword({ draft, change, error }: { draft: DirectoryDraft; change(patch: Partial<DirectoryDraft>): void; error: string | null }) {
  const { tp } = useAddressbookT();
  if (draft.passwordSet && draft.passwordMode !== 'replace') {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {tp('directories.password')}
        </Text>
        <Group gap="xs" data-testid="bind-password" data-password-set={String(draft.passwordMode === 'keep')}>
          <Badge variant="light" color={draft.passwordMode === 'keep' ? 'teal' : 'orange'}>
            {draft.passwordMode === 'keep' ? tp('entry.passwordStored') : tp('entry.passwordCleared')}
          </Badge>
          <Button size="compact-xs" variant="default" onClick={() => change({ passwordMode: 'replace', password: '' })}>
            {tp('entry.passwordReplace')}
          </Button>
          {draft.passwordMode === 'keep' ? (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => change({ passwordMode: 'clear' })}>
              {tp('entry.passwordClear')}
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" onClick={() => change({ passwordMode: 'keep' })}>
              {tp('entry.passwordKeep')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <PasswordInput label={tp('directories.password')} description={draft.passwordSet ? tp('entry.passwordNew') : undefined} value={draft.password} onChange={(event) => change({ password: event.currentTarget.value })} error={error} autoComplete="new-password" />
      {draft.passwordSet && (
        <Group>
          <Button size="compact-xs" variant="subtle" onClick={() => change({ passwordMode: 'keep', password: '' })}>
            {tp('entry.passwordKeep')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
