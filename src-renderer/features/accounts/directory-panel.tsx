import { Alert, Button, Collapse, Grid, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTORY_KINDS, DIRECTORY_PRESETS, type DirectorySettings, type UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { useLiveQuery } from '../../api/live-query';
import { useNoticeStore } from '../../ui/notice.store';
import { numberDraft } from '../forms/form-problems';
import { DirectoryBindPassword } from './directory-bind-password';
import {
  applyPreset,
  buildDirectoryUpdate,
  DIRECTORY_EXAMPLES,
  directoryFormOf,
  directoryMappings,
  directoryProblemText,
  directoryServerProblems,
  isDirty,
  isLdaps,
  TIMEOUT_SECONDS,
  usesTls,
  withGroupSearch,
  type DirectoryField,
  type DirectoryForm,
  type DirectoryProblems,
} from './directory-form';
import { DirectoryTestCard } from './directory-test-card';
import { groupLabel } from './function-labels';

interface Loaded {
  saved: DirectorySettings;
  form: DirectoryForm;
  /** Another console saved while this form had unsaved changes. */
  changedElsewhere: boolean;
}

/**
 * Settings → Accounts → Directory (LDAP): directory sign-in's server, TLS, service account,
 * user lookup and group source, saved together (accounts: change), and the connection test
 * beside it. Read-only for accounts: view. A change saved elsewhere replaces an untouched form.
 */
export function DirectoryPanel({ groups, editable }: { groups: readonly UserGroup[]; editable: boolean }) {
  const { t } = useTranslation();
  const rendererApi = useRendererApi();
  const stored = useLiveQuery(rendererApi, () => rendererApi.api.accounts.getDirectory({}), ['accounts.changed']);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [testProblems, setTestProblems] = useState<DirectoryProblems>({});
  useEffect(() => {
    const next = stored.data;
    if (!next) return;
    setLoaded((current) => {
      if (current && JSON.stringify(current.saved) === JSON.stringify(next)) return current;
      if (!current || !isDirty(current.form, current.saved)) return { saved: next, form: directoryFormOf(next), changedElsewhere: false };
      return { ...current, saved: next, changedElsewhere: true };
    });
  }, [stored.data]);
  if (!loaded) return <Alert color={stored.error ? 'red' : 'gray'}>{stored.error ? t('forms.loadFailed', { message: stored.error.message }) : t('forms.loading')}</Alert>;

  const setForm = (form: DirectoryForm) => {
    setLoaded({ ...loaded, form });
    setTestProblems({});
  };
  return (
    <Grid gap="md" data-testid="directory-panel">
      <Grid.Col span={{ base: 12, lg: editable ? 7 : 9 }}>
        <DirectorySettingsForm
          loaded={loaded}
          groups={groups}
          editable={editable}
          extraProblems={testProblems}
          onChange={setForm}
          onSaved={(saved) => setLoaded({ saved, form: directoryFormOf(saved), changedElsewhere: false })}
          onReload={() => setLoaded({ saved: loaded.saved, form: directoryFormOf(loaded.saved), changedElsewhere: false })}
        />
      </Grid.Col>
      {editable && (
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <DirectoryTestCard form={loaded.form} groups={groups} onProblems={(problems) => setTestProblems(problems)} />
        </Grid.Col>
      )}
    </Grid>
  );
}

interface DirectorySettingsFormProps {
  loaded: Loaded;
  groups: readonly UserGroup[];
  editable: boolean;
  /** Problems a test found in the form, shown under their fields like a save's. */
  extraProblems: DirectoryProblems;
  onChange(form: DirectoryForm): void;
  onSaved(settings: DirectorySettings): void;
  onReload(): void;
}

function DirectorySettingsForm({ loaded, groups, editable, extraProblems, onChange, onSaved, onReload }: DirectorySettingsFormProps) {
  const { t, i18n } = useTranslation();
  const { api } = useRendererApi();
  const notify = useNoticeStore((s) => s.notify);
  const { form, saved } = loaded;
  const [attempted, setAttempted] = useState(false);
  const [refused, setRefused] = useState<{ form: DirectoryForm; problems: DirectoryProblems } | null>(null);
  const [busy, setBusy] = useState(false);
  const built = buildDirectoryUpdate(form);
  const problems: DirectoryProblems = { ...extraProblems, ...(built.ok || !attempted ? {} : built.problems), ...(refused?.form === form ? refused.problems : {}) };
  const errorOf = (field: DirectoryField) => directoryProblemText(t, problems[field]);
  const set = (change: Partial<DirectoryForm>) => onChange({ ...form, ...change });
  const examples = DIRECTORY_EXAMPLES[form.kind];
  const preset = DIRECTORY_PRESETS[form.kind];
  const tls = usesTls(form);
  const readOnly = !editable;

  const save = async () => {
    setAttempted(true);
    if (!built.ok) return;
    setBusy(true);
    try {
      const settings = await api.accounts.updateDirectory(built.value);
      setAttempted(false);
      setRefused(null);
      onSaved(settings);
      notify('success', t('accounts.directory.title'), settings.enabled ? t('accounts.directory.savedOn') : t('accounts.directory.savedOff'));
    } catch (caught) {
      setRefused({ form, problems: directoryServerProblems(caught) });
    } finally {
      setBusy(false);
    }
  };

  const text = (field: 'url' | 'bindDn' | 'userDnTemplate' | 'baseDn' | 'userFilter' | 'userNameAttribute' | 'displayNameAttribute' | 'groupsAttribute', label: string, extra: { description?: ReactNode; placeholder?: string; mono?: boolean } = {}) => (
    <TextInput
      label={label}
      description={extra.description}
      placeholder={extra.placeholder}
      value={form[field]}
      onChange={(event) => set({ [field]: event.currentTarget.value })}
      error={errorOf(field)}
      readOnly={readOnly}
      autoComplete="off"
      spellCheck={false}
      styles={extra.mono ? MONO : undefined}
    />
  );
  const general = errorOf('general') ?? (attempted && Object.keys(problems).length > 0 ? t('forms.notSaved') : null);
  const unsaved = editable && isDirty(form, saved);
  const mappings = directoryMappings(groups);
  const updated = saved.updatedAt === null ? null : new Date(saved.updatedAt).toLocaleString(i18n.language);

  return (
    <Paper withBorder p="md" radius="md" data-testid="directory-settings">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={5}>{t('accounts.directory.title')}</Title>
            <Text size="xs" c="dimmed">
              {updated === null ? t('accounts.directory.neverSaved') : t('accounts.directory.updatedAt', { time: updated })}
            </Text>
          </Stack>
          <Switch
            label={t('accounts.directory.enabled')}
            checked={form.enabled}
            onChange={(event) => set({ enabled: event.currentTarget.checked })}
            disabled={readOnly}
            labelPosition="left"
            data-testid="directory-enabled"
            styles={{ label: { fontWeight: 600 } }}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {t('accounts.directory.intro')}
        </Text>
        {loaded.changedElsewhere && (
          <Alert color="orange" py={6} role="status">
            <Group justify="space-between" gap="xs">
              <span>{t('accounts.directory.changedElsewhere')}</span>
              <Button size="xs" variant="default" onClick={onReload}>
                {t('accounts.directory.showSaved')}
              </Button>
            </Group>
          </Alert>
        )}

        <Section title={t('accounts.directory.sections.server')}>
          <Grid gap="sm">
            <Grid.Col span={4}>
              <Select
                label={t('accounts.directory.kind')}
                data={DIRECTORY_KINDS.map((kind) => ({ value: kind, label: t(`accounts.directory.kinds.${kind}`) }))}
                value={form.kind}
                onChange={(value) => {
                  const kind = DIRECTORY_KINDS.find((k) => k === value);
                  if (kind) onChange(applyPreset(form, kind));
                }}
                allowDeselect={false}
                readOnly={readOnly}
                comboboxProps={{ withinPortal: true }}
              />
            </Grid.Col>
            <Grid.Col span={5}>{text('url', t('accounts.directory.url'), { placeholder: examples.url })}</Grid.Col>
            <Grid.Col span={3}>
              <NumberInput
                label={t('accounts.directory.timeout')}
                value={form.timeoutSeconds}
                onChange={(value) => set({ timeoutSeconds: numberDraft(value) })}
                error={errorOf('timeoutMs')}
                min={TIMEOUT_SECONDS.min}
                max={TIMEOUT_SECONDS.max}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                readOnly={readOnly}
              />
            </Grid.Col>
          </Grid>
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t(`accounts.directory.kindHints.${form.kind}`)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('accounts.directory.urlHint', { port: preset.port, tlsPort: preset.tlsPort })}
            </Text>
          </Stack>
          <SimpleGrid cols={2} spacing="sm">
            <Switch
              label={t('accounts.directory.startTls')}
              description={isLdaps(form.url) ? t('accounts.directory.startTlsLdaps') : t('accounts.directory.startTlsHint')}
              checked={form.startTls}
              onChange={(event) => set({ startTls: event.currentTarget.checked })}
              error={errorOf('startTls')}
              disabled={readOnly || (isLdaps(form.url) && !form.startTls)}
            />
            <Switch
              label={t('accounts.directory.verifyCertificate')}
              description={form.verifyCertificate ? t('accounts.directory.verifyHint') : t('accounts.directory.verifyOffHint')}
              checked={form.verifyCertificate}
              onChange={(event) => set({ verifyCertificate: event.currentTarget.checked })}
              disabled={readOnly || !tls}
            />
          </SimpleGrid>
          {!tls && form.url.trim() !== '' && (
            <Text size="xs" c="orange" role="note">
              {t('accounts.directory.plainWarning')}
            </Text>
          )}
          <Collapse expanded={tls && form.verifyCertificate}>
            <Textarea
              label={t('accounts.directory.caCertificate')}
              description={t('accounts.directory.caCertificateHint')}
              placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
              value={form.caCertificate}
              onChange={(event) => set({ caCertificate: event.currentTarget.value })}
              error={errorOf('caCertificate')}
              readOnly={readOnly}
              autosize
              minRows={3}
              maxRows={5}
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            />
          </Collapse>
        </Section>

        <Section title={t('accounts.directory.sections.account')}>
          <Grid gap="sm">
            <Grid.Col span={7}>{text('bindDn', t('accounts.directory.bindDn'), { placeholder: examples.bindDn })}</Grid.Col>
            <Grid.Col span={5}>
              <DirectoryBindPassword form={form} onChange={set} error={errorOf('bindPassword')} editable={editable} />
            </Grid.Col>
          </Grid>
          {text('userDnTemplate', t('accounts.directory.userDnTemplate'), { description: t('accounts.directory.userDnTemplateHint'), placeholder: examples.userDnTemplate, mono: true })}
        </Section>

        <Section title={t('accounts.directory.sections.users')}>
          {text('baseDn', t('accounts.directory.baseDn'), { placeholder: examples.baseDn })}
          {text('userFilter', t('accounts.directory.userFilter'), { mono: true })}
          <SimpleGrid cols={3} spacing="sm">
            {text('userNameAttribute', t('accounts.directory.userNameAttribute'), { mono: true })}
            {text('displayNameAttribute', t('accounts.directory.displayNameAttribute'), { mono: true })}
            {text('groupsAttribute', t('accounts.directory.groupsAttribute'), { mono: true })}
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('accounts.directory.usersHint')}
          </Text>
        </Section>

        <Section title={t('accounts.directory.sections.groups')}>
          <Switch
            label={t('accounts.directory.groupSearch')}
            description={t('accounts.directory.groupSearchHint')}
            checked={form.groupSearchEnabled}
            onChange={(event) => onChange(withGroupSearch(form, event.currentTarget.checked))}
            disabled={readOnly}
          />
          <Collapse expanded={form.groupSearchEnabled}>
            <Grid gap="sm">
              <Grid.Col span={5}>
                <TextInput
                  label={t('accounts.directory.groupSearchBaseDn')}
                  placeholder={t('accounts.directory.groupSearchBaseDnPlaceholder')}
                  value={form.groupSearchBaseDn}
                  onChange={(event) => set({ groupSearchBaseDn: event.currentTarget.value })}
                  error={errorOf('groupSearch.baseDn')}
                  readOnly={readOnly}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Grid.Col>
              <Grid.Col span={7}>
                <TextInput
                  label={t('accounts.directory.groupSearchFilter')}
                  value={form.groupSearchFilter}
                  onChange={(event) => set({ groupSearchFilter: event.currentTarget.value })}
                  error={errorOf('groupSearch.filter')}
                  readOnly={readOnly}
                  autoComplete="off"
                  spellCheck={false}
                  styles={MONO}
                />
              </Grid.Col>
            </Grid>
          </Collapse>
          <Stack gap={2} data-testid="directory-mappings">
            <Text size="sm" fw={500}>
              {t('accounts.directory.mappings')}
            </Text>
            {mappings.length === 0 ? (
              <Text size="xs" c="orange">
                {t('accounts.directory.noMappings')}
              </Text>
            ) : (
              mappings.map(({ group, directoryGroups }) => (
                <Text key={group.id} size="xs" style={{ overflowWrap: 'anywhere' }}>
                  <Text span size="xs" fw={600}>
                    {groupLabel(t, group)}
                  </Text>
                  {' ← '}
                  {directoryGroups.join(' · ')}
                </Text>
              ))
            )}
            <Text size="xs" c="dimmed">
              {t('accounts.directory.mappingsHint')}
            </Text>
          </Stack>
        </Section>

        {general !== null && (
          <Alert color="red" py={6} role="alert" data-testid="directory-settings-error">
            <span style={{ whiteSpace: 'pre-wrap' }}>{general}</span>
          </Alert>
        )}
        {editable && (
          <Group gap="sm">
            <Button loading={busy} onClick={() => void save()}>
              {t('accounts.directory.save')}
            </Button>
            {unsaved && (
              <Text size="sm" c="orange">
                {t('accounts.directory.unsaved')}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** DNs, filters and attribute names are typed exactly: a fixed-width font. */
const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title} mt={4}>
      <Title order={6} c="dimmed" tt="uppercase" fz="xs" style={{ letterSpacing: '0.04em' }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
