import { Badge, Button, Chip, CloseButton, Group } from '@mantine/core';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilterField } from '../../../src-shared/filters/device-filter';
import { Icon } from '../../ui/icons';
import classes from './filter-bar.module.css';
import { FilterTextField } from './filter-field';
import { QUICK_FILTERS, draftToFilter, isEmptyFilter, isQuickActive } from './filter-draft';
import { useFilterStore } from './filter.store';
import { SavedFiltersMenu } from './saved-filters-menu';

/** Shown as far as they fit beside "More fields"; the others open with it. */
const MAIN_FIELDS: readonly FilterField[] = ['name', 'address', 'model', 'location'];
const MORE_FIELDS: readonly FilterField[] = ['vendor', 'serial', 'mac', 'message'];

/**
 * How many of the first row's fields fit beside "More fields" (at least one). Every field stays
 * mounted, those that do not fit out of the flow and invisible, so their widths are known; the
 * measuring of ui/overflow-toolbar.tsx, whose "More" menu cannot hold text fields.
 */
function useFittingFields(count: number, active: boolean, othersKey: string) {
  const fieldsRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(count);
  useLayoutEffect(() => {
    const box = fieldsRef.current;
    if (!box || !active) {
      setFit(count);
      return;
    }
    const row = box.parentElement;
    if (!row) return;
    const measure = () => {
      const gap = Number.parseFloat(getComputedStyle(box).columnGap) || 0;
      // The room of the row less what else it holds ("More fields").
      const others = Array.from(row.children).reduce((sum, child) => (child === box || !(child instanceof HTMLElement) ? sum : sum + child.offsetWidth + gap), 0);
      const limit = row.clientWidth - others;
      let used = 0;
      let fitting = 0;
      for (const child of Array.from(box.children)) {
        if (!(child instanceof HTMLElement)) continue;
        used += (fitting > 0 ? gap : 0) + child.offsetWidth;
        if (used > limit + 1) break;
        fitting += 1;
      }
      setFit(Math.max(1, fitting));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(row);
    for (const child of Array.from(box.children)) observer.observe(child);
    return () => observer.disconnect();
    // Measured again when what else the row holds may have changed: a field filled or emptied, or
    // the count that fits (the chips of the fields out of view come and go with both).
  }, [count, active, othersKey, fit]);
  return { fieldsRef, fit: active ? fit : count };
}

/** Text fields (each a case-insensitive partial match, all must hold), quick filters and saved filters, in two rows. */
export function FilterBar() {
  const { t } = useTranslation();
  const draft = useFilterStore((s) => s.draft);
  const { setField, toggleQuick, clear } = useFilterStore.getState();
  const [more, setMore] = useState(() => MORE_FIELDS.some((f) => draft.fields[f] !== ''));
  const empty = isEmptyFilter(draftToFilter(draft));
  const fields = more ? [...MAIN_FIELDS, ...MORE_FIELDS] : MAIN_FIELDS;
  // A filled field out of view still says what it filters, as a chip with its own clear button, beside the fields.
  const filled = (field: FilterField) => draft.fields[field].trim() !== '';
  const filledKey = [...MAIN_FIELDS, ...MORE_FIELDS].filter(filled).join();
  const { fieldsRef, fit } = useFittingFields(fields.length, !more, filledKey);
  const chips = more ? [] : [...MAIN_FIELDS.slice(fit), ...MORE_FIELDS].filter(filled);
  const clearLabel = t('filters.clear');

  return (
    <div className={classes.bar} role="search" aria-label={t('filters.label')} style={{ padding: '10px var(--mantine-spacing-md) 4px', display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="filter-bar">
      <div className={classes.fieldsRow} data-expanded={more} data-testid="filter-fields-row" data-shown={more ? fields.length : fit}>
        <div ref={fieldsRef} className={classes.fields}>
          {fields.map((field, index) => {
            const hidden = !more && index >= fit;
            return (
              <div key={field} className={hidden ? classes.hiddenField : undefined} aria-hidden={hidden || undefined} inert={hidden || undefined} style={{ flexShrink: 0 }}>
                <FilterTextField field={field} value={draft.fields[field]} onChange={(text) => setField(field, text)} />
              </div>
            );
          })}
        </div>
        {chips.map((field) => (
          <Badge
            key={field}
            size="lg"
            variant="light"
            tt="none"
            fw={500}
            maw={220}
            style={{ flexShrink: 0 }}
            title={t('filters.chip', { field: t(`filters.fields.${field}`), text: draft.fields[field].trim() })}
            data-testid={`filter-chip-${field}`}
            rightSection={<CloseButton size="xs" aria-label={t('filters.clearField', { field: t(`filters.fields.${field}`) })} onClick={() => setField(field, '')} />}
          >
            {t('filters.chip', { field: t(`filters.fields.${field}`), text: draft.fields[field].trim() })}
          </Badge>
        ))}
        <Button size="xs" variant="subtle" onClick={() => setMore(!more)} aria-expanded={more} style={{ flexShrink: 0 }}>
          {more ? t('filters.fewer') : t('filters.more')}
        </Button>
      </div>
      <div className={classes.quickRow} data-testid="filter-quick-row">
        <Group gap={6} wrap="nowrap" role="group" aria-label={t('filters.quickLabel')}>
          {QUICK_FILTERS.map((quick) => (
            <Chip key={quick} size="xs" wrapperProps={{ 'data-testid': `quick-filter-${quick}` }} checked={isQuickActive(draft, quick)} onChange={() => toggleQuick(quick)} color={quick === 'errors' ? 'red' : quick === 'warnings' || quick === 'tonerLow' ? 'yellow' : 'gray'}>
              {t(`filters.quick.${quick}`)}
            </Chip>
          ))}
        </Group>
        <Group gap={6} wrap="nowrap">
          <SavedFiltersMenu wordyClass={classes.wordy} />
          <Button size="xs" variant="subtle" color="gray" leftSection={<Icon name="close" size={14} />} disabled={empty} onClick={clear} aria-label={clearLabel} title={clearLabel} styles={{ section: { marginInlineEnd: 0 } }}>
            <span className={classes.wordy} style={{ marginInlineStart: 6 }}>
              {clearLabel}
            </span>
          </Button>
        </Group>
      </div>
    </div>
  );
}
