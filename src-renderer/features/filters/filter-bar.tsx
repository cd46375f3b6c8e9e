import { Badge, Button, Chip, CloseButton, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterField } from '../../../src-shared/filters/device-filter';
import { Icon } from '../../ui/icons';
import { FilterTextField } from './filter-field';
import { QUICK_FILTERS, draftToFilter, isEmptyFilter, isQuickActive } from './filter-draft';
import { useFilterStore } from './filter.store';
import { SavedFiltersMenu } from './saved-filters-menu';

/** Always shown; the others open with "More fields". */
const MAIN_FIELDS: readonly FilterField[] = ['name', 'address', 'model', 'location'];
const MORE_FIELDS: readonly FilterField[] = ['vendor', 'serial', 'mac', 'message'];

/** Text fields (each a case-insensitive partial match, all must hold), quick filters and saved filters. */
export function FilterBar() {
  const { t } = useTranslation();
  const draft = useFilterStore((s) => s.draft);
  const { setField, toggleQuick, clear } = useFilterStore.getState();
  const [more, setMore] = useState(() => MORE_FIELDS.some((f) => draft.fields[f] !== ''));
  const empty = isEmptyFilter(draftToFilter(draft));
  const fields = more ? [...MAIN_FIELDS, ...MORE_FIELDS] : MAIN_FIELDS;

  return (
    <Group gap="xs" px="md" pt="sm" pb={4} role="search" aria-label={t('filters.label')}>
      {fields.map((field) => (
        <FilterTextField key={field} field={field} value={draft.fields[field]} onChange={(text) => setField(field, text)} />
      ))}
      {/* A filled field behind "More fields" still says what it filters. */}
      {!more &&
        MORE_FIELDS.filter((field) => draft.fields[field].trim() !== '').map((field) => (
          <Badge
            key={field}
            size="lg"
            variant="light"
            tt="none"
            fw={500}
            data-testid={`filter-chip-${field}`}
            rightSection={<CloseButton size="xs" aria-label={t('filters.clearField', { field: t(`filters.fields.${field}`) })} onClick={() => setField(field, '')} />}
          >
            {t('filters.chip', { field: t(`filters.fields.${field}`), text: draft.fields[field].trim() })}
          </Badge>
        ))}
      <Button size="xs" variant="subtle" onClick={() => setMore(!more)} aria-expanded={more}>
        {more ? t('filters.fewer') : t('filters.more')}
      </Button>
      <Group gap={6} role="group" aria-label={t('filters.quickLabel')}>
        {QUICK_FILTERS.map((quick) => (
          <Chip key={quick} size="xs" wrapperProps={{ 'data-testid': `quick-filter-${quick}` }} checked={isQuickActive(draft, quick)} onChange={() => toggleQuick(quick)} color={quick === 'errors' ? 'red' : quick === 'warnings' || quick === 'tonerLow' ? 'yellow' : 'gray'}>
            {t(`filters.quick.${quick}`)}
          </Chip>
        ))}
      </Group>
      <Group gap={6}>
        <SavedFiltersMenu />
        <Button size="xs" variant="subtle" color="gray" leftSection={<Icon name="close" size={14} />} disabled={empty} onClick={clear}>
          {t('filters.clear')}
        </Button>
      </Group>
    </Group>
  );
}
