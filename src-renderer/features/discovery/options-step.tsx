import { Divider, NumberInput, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MAX_RATE } from '../../../src-shared/contract/discovery.contract';
import { CredentialList } from './credential-list';
import { NUMBER_OPTIONS, type NumberOption } from './discovery-form';
import type { StepProps } from './methods-step';

/** Input bounds as the contract has them (the schema still judges what is typed). */
const BOUNDS: Record<NumberOption, { min: number; max: number; step?: number }> = {
  port: { min: 1, max: 65535 },
  timeoutMs: { min: 50, max: 30_000, step: 100 },
  retries: { min: 0, max: 5 },
  ratePerSecond: { min: 1, max: MAX_RATE, step: 100 },
  concurrency: { min: 1, max: 1024 },
};

/** Step 2: credential sets, SNMP port and pacing, printers only, exclusions, the search's name. */
export function OptionsStep({ form, edit, errorOf }: StepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <CredentialList credentials={form.credentials} onChange={(credentials) => edit(() => ({ credentials }))} errorOf={errorOf} />
      <Divider />
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        {NUMBER_OPTIONS.map((option) => (
          <NumberInput
            key={option}
            label={t(`discovery.options.${option}`)}
            value={form[option]}
            onChange={(value) => edit(() => ({ [option]: value === '' ? '' : Number(value) }))}
            error={errorOf(option)}
            min={BOUNDS[option].min}
            max={BOUNDS[option].max}
            step={BOUNDS[option].step ?? 1}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            thousandSeparator={option === 'port' ? undefined : ','}
          />
        ))}
        <Switch
          label={t('discovery.options.printersOnly')}
          description={t('discovery.options.printersOnlyHint')}
          checked={form.printersOnly}
          onChange={(event) => {
            const printersOnly = event.currentTarget.checked;
            edit(() => ({ printersOnly }));
          }}
          mt="lg"
        />
      </SimpleGrid>
      <Textarea
        label={t('discovery.options.exclusions')}
        description={t('discovery.options.exclusionsHint')}
        placeholder="10.0.0.1, 10.0.0.200-10.0.0.254"
        autosize
        minRows={2}
        maxRows={6}
        value={form.exclusions}
        onChange={(event) => {
          const exclusions = event.currentTarget.value;
          edit(() => ({ exclusions }));
        }}
        error={errorOf('exclusions')}
      />
      <TextInput
        label={t('discovery.options.name')}
        description={t('discovery.options.nameHint')}
        value={form.name}
        onChange={(event) => {
          const name = event.currentTarget.value;
          edit(() => ({ name }));
        }}
        error={errorOf('name')}
      />
    </Stack>
  );
}
