import { SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IMPORT_MODES, MATCH_KEYS, type ImportMode, type MatchKey } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { useAddressbookT } from '../addressbook-text';

interface ImportModeFieldsProps {
  label: string;
  /** What the chosen mode does, in words under the control. */
  hint: string;
  /** The mode whose hint shows in orange (the one that may surprise). */
  warnMode: ImportMode;
  mode: ImportMode;
  matchBy: MatchKey;
  /** The mode taken when the control reports an unknown value. */
  fallback: ImportMode;
  onChange(patch: { mode?: ImportMode; matchBy?: MatchKey }): void;
  /** Test id prefix: `<prefix>-mode` and `<prefix>-match-by`; the mode control sized to its content. */
  testId?: string;
}

/** Add, update or replace the entries of a book, and for an update the key entries are matched by; shared by the import wizard and the synchronisation dialog. */
export function ImportModeFields({ label, hint, warnMode, mode, matchBy, fallback, onChange, testId }: ImportModeFieldsProps) {
  const { tp } = useAddressbookT();
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl
        value={mode}
        onChange={(value) => onChange({ mode: IMPORT_MODES.find((m) => m === value) ?? fallback })}
        data={IMPORT_MODES.map((m) => ({ value: m, label: tp(`import.modes.${m}`) }))}
        style={testId === undefined ? undefined : { alignSelf: 'flex-start' }}
        data-testid={testId === undefined ? undefined : `${testId}-mode`}
      />
      <Text size="xs" c={mode === warnMode ? 'orange' : 'dimmed'}>
        {hint}
      </Text>
      {mode === 'update' && (
        <Select
          label={tp('import.matchBy')}
          data={MATCH_KEYS.map((k) => ({ value: k, label: tp(`import.matchKeys.${k}`) }))}
          value={matchBy}
          onChange={(value) => onChange({ matchBy: MATCH_KEYS.find((k) => k === value) ?? 'destination' })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid={testId === undefined ? undefined : `${testId}-match-by`}
        />
      )}
    </Stack>
  );
}
