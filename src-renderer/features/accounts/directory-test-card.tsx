import { Alert, Badge, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryTestResult, UserGroup } from '../../../src-shared/contract/accounts.contract';
import { useRendererApi } from '../../api/api-context';
import { Icon } from '../../ui/icons';
import { errorMessage } from '../../ui/notice.store';
import { buildDirectoryTest, directoryProblemText, printdeckGroupNames, testContextOf, testReport, type DirectoryProblems, type DirectoryTestField, type DirectoryForm, type TestContext } from './directory-form';

type Outcome = { kind: 'result'; result: DirectoryTestResult; context: TestContext } | { kind: 'refused'; message: string };

interface DirectoryTestCardProps {
  form: DirectoryForm;
  groups: readonly UserGroup[];
  /** The form's problems found by a test go under the form's fields. */
  onProblems(problems: DirectoryProblems<DirectoryTestField>): void;
}

/**
 * "Test connection" with the settings as the form shows them (saved or not) and, optionally, a
 * test user: every step with ok / failed, its message and time, then the user's directory
 * groups and the Printdeck groups they map to. Nobody is created.
 */
export function DirectoryTestCard({ form, groups, onProblems }: DirectoryTestCardProps) {
  const { t } = useTranslation();
  const { api } = useRendererApi();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [userError, setUserError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [formInvalid, setFormInvalid] = useState(false);

  const run = async () => {
    const built = buildDirectoryTest(form, { userName, password });
    if (!built.ok) {
      onProblems(built.problems);
      setUserError(directoryProblemText(t, built.problems.testUserName));
      setFormInvalid(Object.keys(built.problems).some((field) => field !== 'testUserName'));
      setOutcome(null);
      return;
    }
    onProblems({});
    setUserError(null);
    setFormInvalid(false);
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'result', result: await api.accounts.testDirectory(built.value), context: testContextOf(built.value) });
    } catch (caught) {
      setOutcome({ kind: 'refused', message: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('accounts.directory.test.title')} data-testid="directory-test">
      <Stack gap="sm">
        <Title order={5}>{t('accounts.directory.test.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('accounts.directory.test.intro')}
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label={t('accounts.directory.test.userName')} value={userName} onChange={(event) => setUserName(event.currentTarget.value)} error={userError} autoComplete="off" />
          <PasswordInput label={t('accounts.directory.test.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} autoComplete="new-password" />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('accounts.directory.test.userHint')}
        </Text>
        <Group>
          <Button leftSection={<Icon name="refresh" size={16} />} loading={busy} onClick={() => void run()}>
            {t('accounts.directory.test.run')}
          </Button>
        </Group>
        {formInvalid && (
          <Alert color="red" py={6} role="alert">
            {t('accounts.directory.test.fixFields')}
          </Alert>
        )}
        {outcome?.kind === 'refused' && (
          <Alert color="red" py={6} role="alert" data-testid="directory-test-result" data-ok="false">
            <span style={{ whiteSpace: 'pre-wrap' }}>{outcome.message}</span>
          </Alert>
        )}
        {outcome?.kind === 'result' && <TestResult result={outcome.result} context={outcome.context} groups={groups} />}
      </Stack>
    </Paper>
  );
}

function TestResult({ result, context, groups }: { result: DirectoryTestResult; context: TestContext; groups: readonly UserGroup[] }) {
  const { t } = useTranslation();
  const { ran, notRun } = testReport(result, context);
  const summary = result.ok ? (result.user ? t('accounts.directory.test.okUser', { name: result.user.userName }) : t('accounts.directory.test.ok')) : t('accounts.directory.test.failed', { step: t(`accounts.directory.steps.${result.failedStep ?? 'settings'}`) });
  return (
    <Stack gap="sm" data-testid="directory-test-result" data-ok={String(result.ok)} data-failed-step={result.failedStep ?? ''}>
      <Alert color={result.ok ? 'teal' : 'red'} py={6} role={result.ok ? 'status' : 'alert'} icon={<Icon name={result.ok ? 'check' : 'error'} size={18} />}>
        {summary}
      </Alert>
      <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('accounts.directory.test.steps')}>
        {ran.map((row, index) => (
          <Group key={`${row.step}-${index}`} component="li" gap="sm" wrap="nowrap" align="flex-start" data-testid="directory-test-step" data-step={row.step} data-ok={String(row.ok)}>
            <ThemeIcon size={22} radius="xl" variant="light" color={row.ok ? 'teal' : 'red'} aria-label={row.ok ? t('accounts.directory.test.stepOk') : t('accounts.directory.test.stepFailed')}>
              <Icon name={row.ok ? 'check' : 'close'} size={14} />
            </ThemeIcon>
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Group gap="xs" justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {t(`accounts.directory.steps.${row.step}`)}
                  <Text span size="sm" c={row.ok ? 'teal' : 'red'} fw={400} ml={6}>
                    {row.ok ? t('accounts.directory.test.stepOk') : t('accounts.directory.test.stepFailed')}
                  </Text>
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {t('accounts.directory.test.ms', { ms: Math.round(row.ms) })}
                </Text>
              </Group>
              <Text size="xs" c={row.ok ? 'dimmed' : 'red'} style={{ overflowWrap: 'anywhere' }} data-testid="directory-test-message">
                {row.message}
              </Text>
            </Stack>
          </Group>
        ))}
        {notRun.map((step) => (
          <Group key={step} component="li" gap="sm" wrap="nowrap" data-testid="directory-test-step" data-step={step} data-ok="" opacity={0.6}>
            <ThemeIcon size={22} radius="xl" variant="light" color="gray">
              <Icon name="dots" size={14} />
            </ThemeIcon>
            <Text size="sm">
              {t(`accounts.directory.steps.${step}`)}
              <Text span size="sm" c="dimmed" ml={6}>
                {t('accounts.directory.test.notRun')}
              </Text>
            </Text>
          </Group>
        ))}
      </Stack>
      {result.user && <TestUser user={result.user} groups={groups} />}
    </Stack>
  );
}

function TestUser({ user, groups }: { user: NonNullable<DirectoryTestResult['user']>; groups: readonly UserGroup[] }) {
  const { t } = useTranslation();
  const mapped = printdeckGroupNames(t, user.printdeckGroups, groups);
  return (
    <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-default-hover)" data-testid="directory-test-user" component="section" aria-label={t('accounts.directory.test.user')}>
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {user.displayName}{' '}
          <Text span size="sm" c="dimmed" fw={400}>
            ({user.userName})
          </Text>
        </Text>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {user.dn || t('accounts.directory.test.noDn')}
        </Text>
        <Text size="xs" fw={600} mt={4}>
          {t('accounts.directory.test.directoryGroups', { count: user.groups.length })}
        </Text>
        {user.groups.length === 0 ? (
          <Text size="xs" c="dimmed">
            {t('accounts.directory.test.noDirectoryGroups')}
          </Text>
        ) : (
          <Stack gap={2} component="ul" m={0} pl="md">
            {user.groups.map((group) => (
              <Text key={group} component="li" size="xs" style={{ overflowWrap: 'anywhere' }} data-testid="directory-test-group">
                {group}
              </Text>
            ))}
          </Stack>
        )}
        <Text size="xs" fw={600} mt={4}>
          {t('accounts.directory.test.printdeckGroups')}
        </Text>
        {mapped.length === 0 ? (
          <Text size="xs" c="red" data-testid="directory-test-refused">
            {t('accounts.directory.test.noPrintdeckGroups')}
          </Text>
        ) : (
          <Group gap={6}>
            {mapped.map((name) => (
              <Badge key={name} variant="light" tt="none" data-testid="directory-test-printdeck-group">
                {name}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
