import { Paper, Stack } from '@mantine/core';
import type { StoreTestResult } from '../../../../src-shared/plugins/drivers/driver-store';
import { TestStepList } from '../../../ui/test-step-list';
import { useDriversT } from '../drivers-text';

/** "Test connection" step by step (connect, TLS, sign in, directory, list, write), each with what it found or why it failed. */
export function StoreTestResultView({ result }: { result: StoreTestResult }) {
  const { tp, language } = useDriversT();
  return (
    <Paper withBorder radius="md" p="sm" data-testid="store-test-result" data-ok={String(result.ok)}>
      <Stack gap={6}>
        <TestStepList
          ok={result.ok}
          okText={tp('stores.testOk')}
          failedText={tp('stores.testFailed')}
          steps={result.steps}
          stepLabel={(step) => tp(`stores.steps.${step}`)}
          msText={(ms) => tp('stores.ms', { ms: ms.toLocaleString(language) })}
          labelWidth={130}
          testId="store-test"
        />
      </Stack>
    </Paper>
  );
}
