import { Alert, Box, Checkbox, NumberInput, Paper, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveryMethodKind } from '../../../src-shared/contract/discovery.contract';
import { METHOD_ORDER, type DiscoveryForm, type FieldId } from './discovery-form';
import { AddressFileField } from './address-file-field';

export interface StepProps {
  form: DiscoveryForm;
  edit(change: (form: DiscoveryForm) => Partial<DiscoveryForm>): void;
  /** The message to show under a field, or null. */
  errorOf(field: FieldId): string | null;
}

const toNumberDraft = (value: number | string): number | '' => (value === '' ? '' : Number(value));

/** Step 1: one card per method, each with its own fields while it is chosen. */
export function MethodsStep({ form, edit, errorOf }: StepProps) {
  const { t } = useTranslation();
  const methodsError = errorOf('methods');
  const text = (field: 'addresses' | 'names' | 'nbnsServer' | 'broadcastAddress' | 'slpGroup' | 'slpScopes' | 'slpServiceTypes' | 'mdnsServices') => ({
    value: form[field],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      edit(() => ({ [field]: value }));
    },
    error: errorOf(field),
  });

  const fieldsOf = (kind: DiscoveryMethodKind): ReactNode => {
    switch (kind) {
      case 'addresses':
        return <Textarea label={t('discovery.fields.addresses')} placeholder={t('discovery.fields.addressesPlaceholder')} description={t('discovery.fields.listHint')} autosize minRows={2} maxRows={8} {...text('addresses')} data-autofocus />;
      case 'addressFile':
        return <AddressFileField file={form.addressFile} onFile={(addressFile) => edit(() => ({ addressFile }))} error={errorOf('addressFile')} />;
      case 'names':
        return (
          <Stack gap="xs">
            <Textarea label={t('discovery.fields.names')} placeholder={t('discovery.fields.namesPlaceholder')} autosize minRows={2} maxRows={8} {...text('names')} />
            <TextInput label={t('discovery.fields.nbnsServer')} description={t('discovery.fields.nbnsServerHint')} {...text('nbnsServer')} />
          </Stack>
        );
      case 'broadcast':
        return <TextInput label={t('discovery.fields.broadcastAddress')} {...text('broadcastAddress')} />;
      case 'slp':
        return (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput label={t('discovery.fields.slpGroup')} {...text('slpGroup')} />
            <NumberInput
              label={t('discovery.fields.slpTtl')}
              value={form.slpTtl}
              onChange={(value) => edit(() => ({ slpTtl: toNumberDraft(value) }))}
              error={errorOf('slpTtl')}
              min={1}
              max={255}
              allowDecimal={false}
              allowNegative={false}
            />
            <TextInput label={t('discovery.fields.slpScopes')} description={t('discovery.fields.listHint')} {...text('slpScopes')} />
            <TextInput label={t('discovery.fields.slpServiceTypes')} description={t('discovery.fields.listHint')} {...text('slpServiceTypes')} />
          </SimpleGrid>
        );
      case 'mdns':
        return <Textarea label={t('discovery.fields.mdnsServices')} autosize minRows={2} maxRows={6} {...text('mdnsServices')} />;
    }
  };

  return (
    <Stack gap="xs" role="group" aria-label={t('discovery.methods.label')}>
      {methodsError !== null && (
        <Alert color="red" py={6} role="alert">
          {methodsError}
        </Alert>
      )}
      {METHOD_ORDER.map((kind) => {
        const enabled = form.enabled[kind];
        return (
          <Paper key={kind} withBorder p="sm" radius="md" data-testid={`discovery-method-${kind}`} bg={enabled ? 'var(--mantine-primary-color-light)' : undefined}>
            <Checkbox
              label={t(`discovery.methods.${kind}`)}
              description={t(`discovery.methods.${kind}Hint`)}
              checked={enabled}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                edit((f) => ({ enabled: { ...f.enabled, [kind]: checked } }));
              }}
              styles={{ label: { fontWeight: 600 } }}
            />
            {enabled && <Box mt="sm">{fieldsOf(kind)}</Box>}
          </Paper>
        );
      })}
    </Stack>
  );
}
