import { CloseButton, TextInput } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterField as Field } from '../../../src-shared/filters/device-filter';
import classes from './filter-field.module.css';

/**
 * One text field of the filter bar with its name shown before the text, so a filled field reads
 * "Model c35" (a placeholder vanished as soon as one typed, leaving "c35" and "eng" unexplained).
 * The name is the field's label; a filled field is marked. Its text box narrows where the filter
 * bar is narrow (filter-field.module.css), so more fields stay in view before "More fields" takes them.
 */
export function FilterTextField({ field, value, onChange }: { field: Field; value: string; onChange: (text: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(`filters.fields.${field}`);
  return (
    <div className={classes.field} data-filled={value.trim() !== ''} data-testid={`filter-field-${field}`}>
      <label className={classes.label} htmlFor={id}>
        {label}
      </label>
      <TextInput
        id={id}
        variant="unstyled"
        size="xs"
        classNames={{ root: classes.input }}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        rightSection={value ? <CloseButton size="xs" aria-label={t('filters.clearField', { field: label })} onClick={() => onChange('')} /> : null}
      />
    </div>
  );
}
