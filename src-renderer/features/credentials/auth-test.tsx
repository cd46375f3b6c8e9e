import { Badge, Button, Group, Loader, Tooltip } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthTestStep } from '../../../src-shared/contract/credentials.contract';
import { useRendererApi } from '../../api/api-context';

/** One device's "Test authentication": under way, or what the device answered and the step that failed. */
export type AuthTestState = { state: 'testing' } | { state: 'done'; ok: boolean; step: AuthTestStep; message: string };

/** Devices tested at once when many are asked for (each test is a GET and a SET). */
const CONCURRENT_TESTS = 8;

/**
 * "Test authentication" per device (credentials.test: GET with the stored write credential,
 * SET the value just read): results kept by device id; a refused call is a result too.
 */
export function useAuthTests(): { results: ReadonlyMap<number, AuthTestState>; test(deviceIds: readonly number[]): Promise<void>; forget(): void } {
  const { api } = useRendererApi();
  const [results, setResults] = useState<ReadonlyMap<number, AuthTestState>>(new Map());
  const alive = useRef(true);
  const put = useCallback((id: number, state: AuthTestState) => {
    if (alive.current) setResults((current) => new Map(current).set(id, state));
  }, []);
  const test = useCallback(
    async (deviceIds: readonly number[]) => {
      alive.current = true;
      for (const id of deviceIds) put(id, { state: 'testing' });
      const queue = [...deviceIds];
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          try {
            const answer = await api.credentials.test({ deviceId: id });
            put(id, { state: 'done', ...answer });
          } catch (caught) {
            put(id, { state: 'done', ok: false, step: 'no-answer', message: caught instanceof Error ? caught.message : String(caught) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENT_TESTS, deviceIds.length) }, worker));
    },
    [api, put],
  );
  const forget = useCallback(() => setResults(new Map()), []);
  return { results, test, forget };
}

/**
 * A device's test result as a badge (the device's own words in the tooltip) and the button that
 * starts one. One element carries the state (`data-step`: none, testing, or the step).
 */
export function AuthTestCell({ name, result, onTest, disabled }: { name: string; result: AuthTestState | undefined; onTest(): void; disabled?: boolean }) {
  const { t } = useTranslation();
  const step = result === undefined ? 'none' : result.state === 'testing' ? 'testing' : result.step;
  return (
    <Group gap={4} wrap="nowrap" data-testid="auth-test-result" data-step={step}>
      {result?.state === 'testing' && (
        <>
          <Loader size={14} />
          {t('credentials.test.testing')}
        </>
      )}
      {result?.state === 'done' && (
        <Tooltip label={result.message} multiline w={320} withinPortal>
          <Badge size="sm" variant="light" tt="none" color={result.ok ? 'teal' : 'red'} tabIndex={0} style={{ minWidth: 0 }}>
            {t(`credentials.test.steps.${result.step}`)}
          </Badge>
        </Tooltip>
      )}
      {result?.state !== 'testing' && (
        <Button size="compact-xs" variant="subtle" disabled={disabled} onClick={onTest} aria-label={t('credentials.test.label', { name })}>
          {result?.state === 'done' ? t('credentials.test.again') : t('credentials.test.button')}
        </Button>
      )}
    </Group>
  );
}
