import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { DirectoryTestResult } from '../../../../src-shared/plugins/addressbook/directory-connection';
import { TestStepList } from '../../../ui/test-step-list';
import { useAddressbookT } from '../addressbook-text';

/** A connection test step by step (connect, TLS, bind, base, a first page), each with what it found or why it failed, then a sample of names. */
export function DirectoryTestResultView({ result }: { result: DirectoryTestResult }) {
  const { tp, language } = useAddressbookT();
  const ref = useRef<HTMLDivElement>(null);
  // The form is long: bring the outcome into view when it arrives.
  useEffect(() => {
    // Braces: scrollIntoView returns a promise in newer browsers, and an effect may return only its cleanup.
    void ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [result]);
  return (
    <Paper ref={ref} withBorder radius="md" p="sm" data-testid="directory-test-result" data-ok={String(result.ok)}>
      <Stack gap={6}>
        <TestStepList
          ok={result.ok}
          okText={tp('directories.test.ok')}
          failedText={tp('directories.test.failed')}
          steps={result.steps}
          stepLabel={(step) => tp(`directories.test.steps.${step}`)}
          msText={(ms) => tp('directories.test.ms', { ms: Math.round(ms).toLocaleString(language) })}
          labelWidth={150}
          testId="directory-test"
        />
        {result.firstPageCount !== null && (
          <Text size="sm">{result.morePages ? tp('directories.test.firstPageMore', { count: result.firstPageCount }) : tp('directories.test.firstPage', { count: result.firstPageCount })}</Text>
        )}
        {result.sample.length > 0 && (
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {tp('directories.test.sample')}
            </Text>
            {result.sample.map((name, index) => (
              <Badge key={index} size="sm" variant="outline" color="gray" tt="none">
                {name}
              </Badge>
            ))}
          </Group>
        )}
        {result.ok && result.firstPageCount === 0 && (
          <Alert color="orange" py={4}>
            {tp('directories.test.nothingMatched')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
