import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { searchSummaryOf, searchTargetText, type SearchSummary } from './discovery-params';

/** What a search task searches, in the task list (the whole list in the tooltip). */
export function SearchTarget({ params }: { params: unknown }) {
  const { t } = useTranslation();
  const summary = searchSummaryOf(params);
  if (summary === null) return <>{t('tasks.searchTarget')}</>;
  const text = searchTargetText(t, summary);
  const whole = [...summary.targets, ...summary.methods.map((m) => t(`discovery.short.${m}`))].join('\n');
  return (
    <Text size="sm" title={whole} data-testid="task-search-target" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** The task wizard's first step for a search task: where it searches, as the task list will say it, and a way to the step that sets it. */
export function WizardSearchTarget({ summary, onEdit }: { summary: SearchSummary | null; onEdit: () => void }) {
  const { t } = useTranslation();
  const text = summary === null ? '' : searchTargetText(t, summary);
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {t('tasks.wizard.searchTargetLabel')}
      </Text>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" c={text === '' ? 'dimmed' : undefined} data-testid="wizard-search-target" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {text === '' ? t('tasks.wizard.searchTargetUnset') : text}
        </Text>
        <Anchor component="button" type="button" size="sm" onClick={onEdit} style={{ flexShrink: 0 }}>
          {t('tasks.wizard.searchTargetEdit')}
        </Anchor>
      </Group>
    </Stack>
  );
}
