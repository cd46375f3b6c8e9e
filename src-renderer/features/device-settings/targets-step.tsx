import { Button, Group, MultiSelect, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useServerData } from '../../api/server-data';
import { TargetPicker } from '../../ui/target-picker';

/** More devices than this are shown as a count, not as a field of thousands of pills. */
export const MANY_DEVICES = 25;

interface TargetsStepProps {
  deviceIds: readonly number[];
  groupIds: readonly number[];
  onChange(change: { deviceIds?: number[]; groupIds?: number[] }): void;
  error: string | null;
}

/**
 * The wizard's targets: devices and groups (the shared picker); a selection of many devices
 * from the list is shown as its count, with the groups still editable beside it.
 */
export function TargetsStep({ deviceIds, groupIds, onChange, error }: TargetsStepProps) {
  const { t } = useTranslation();
  const { groups } = useServerData();
  if (deviceIds.length <= MANY_DEVICES) return <TargetPicker deviceIds={deviceIds} groupIds={groupIds} onChange={onChange} error={error} />;
  return (
    <Stack gap="xs">
      <Paper withBorder radius="sm" p="sm" data-testid="many-targets">
        <Group justify="space-between" gap="xs">
          <Text size="sm">{t('deviceSettings.wizard.manyDevices', { count: deviceIds.length, formatted: deviceIds.length.toLocaleString() })}</Text>
          <Button size="xs" variant="subtle" color="red" onClick={() => onChange({ deviceIds: [] })}>
            {t('deviceSettings.wizard.clearDevices')}
          </Button>
        </Group>
      </Paper>
      <MultiSelect
        label={t('targets.groups')}
        placeholder={t('targets.groupsPlaceholder')}
        description={t('targets.groupsHint')}
        data={groups.map((g) => ({ value: String(g.id), label: g.name }))}
        value={groupIds.map(String)}
        onChange={(values) => onChange({ groupIds: values.map(Number) })}
        searchable
        clearable
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
    </Stack>
  );
}
