import { Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { runSettingLines, type SettingLine } from './run-settings';

/** What a past search ran with (methods, credential sets masked, options), in one wrapping block. */
export function RunSettingsView({ request }: { request: unknown }) {
  const { t } = useTranslation();
  const lines = runSettingLines(request);
  if (lines.length === 0) return null;
  const labelOf = (line: SettingLine): string => {
    if (line.label === 'method') return line.method ? t(`discovery.methods.${line.method}`) : '';
    if (line.label === 'credential') return t('discovery.historyView.credential', { version: line.version ?? '' });
    return t(`discovery.options.${line.label}`);
  };
  const valueOf = (line: SettingLine): string => (line.label === 'printersOnly' ? (line.value === 'yes' ? t('discovery.historyView.yes') : t('discovery.historyView.no')) : line.value);
  return (
    <Paper withBorder radius="sm" px="sm" py={6} data-testid="run-settings" aria-label={t('discovery.historyView.settings')} role="group">
      <Group gap="xs" wrap="wrap" align="baseline">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('discovery.historyView.settings')}
        </Text>
        {lines.map((line, i) => (
          <Text key={i} size="sm" data-testid="run-setting" data-setting={line.label} style={{ overflowWrap: 'anywhere' }}>
            <Text span size="sm" c="dimmed">
              {labelOf(line)}:{' '}
            </Text>
            {valueOf(line)}
          </Text>
        ))}
      </Group>
    </Paper>
  );
}
