import { Group, Text, ThemeIcon } from '@mantine/core';
import { Icon } from './icons';

/** One step of a connection test: which, whether it passed, what it found or why it failed, and how long it took. */
export interface TestStep<S extends string> {
  step: S;
  ok: boolean;
  message: string;
  ms: number;
}

/**
 * A connection test's outcome line and its steps in order, each with a tick or a cross, its name,
 * its message and its time. `testId` names the rows (`<testId>-step`, with data-step and data-ok).
 */
export function TestStepList<S extends string>({ ok, okText, failedText, steps, stepLabel, msText, labelWidth, testId }: { ok: boolean; okText: string; failedText: string; steps: readonly TestStep<S>[]; stepLabel: (step: S) => string; msText: (ms: number) => string; labelWidth: number; testId: string }) {
  return (
    <>
      <Text size="sm" fw={600} c={ok ? 'teal' : 'red'}>
        {ok ? okText : failedText}
      </Text>
      {steps.map((step) => (
        <Group key={step.step} gap="xs" wrap="nowrap" align="flex-start" data-testid={`${testId}-step`} data-step={step.step} data-ok={String(step.ok)}>
          <ThemeIcon size={20} radius="xl" variant="light" color={step.ok ? 'teal' : 'red'} style={{ flexShrink: 0 }}>
            <Icon name={step.ok ? 'check' : 'close'} size={14} />
          </ThemeIcon>
          <Text size="sm" fw={500} w={labelWidth} style={{ flexShrink: 0 }}>
            {stepLabel(step.step)}
          </Text>
          <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
            {step.message}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {msText(step.ms)}
          </Text>
        </Group>
      ))}
    </>
  );
}
