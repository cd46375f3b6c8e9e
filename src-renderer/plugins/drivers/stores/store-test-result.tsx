import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { StoreTestResult } from '../../../../src-shared/plugins/drivers/driver-store';
import { Icon } from '../../../ui/icons';
import { useDriversT } from '../drivers-text';

/** "Test connection" step by step (connect, TLS, sign in, directory, list, write), each with what it found or why it failed. */
export function StoreTestResultView({ result }: { result: StoreTestResult }) {
  const { tp, language } = useDriversT();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="store-test-result" data-ok={String(result.ok)}>
      <Stack gap={6}>
        <Text size="sm" fw={600} c={result.ok ? 'teal' : 'red'}>
          {result.ok ? tp('stores.testOk') : tp('stores.testFailed')}
        </Text>
        {result.steps.map((step) => (
          <Group key={step.step} gap="xs" wrap="nowrap" align="flex-start" data-testid="store-test-step" data-step={step.step} data-ok={String(step.ok)}>
            <ThemeIcon size={20} radius="xl" variant="light" color={step.ok ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
              <Icon name={step.ok ? 'check' : 'close'} size={14} />
            </ThemeIcon>
            <Text size="sm" fw={500} w={130} style={{ flexShrink: 0 }}>
              {tp(`stores.steps.${step.step}`)}
            </Text>
            <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
              {step.message}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {tp('stores.ms', { ms: step.ms.toLocaleString(language) })}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
