import { Badge, Radio, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCESS_LEVELS, type AccessLevel } from '../../../src-shared/auth/access';
import type { FunctionInfo } from '../../../src-shared/contract/accounts.contract';
import { usePluginList } from '../../api/plugins-context';
import { functionHint, functionLabel, functionRuns, levelLabel, pluginLabel } from './function-labels';
import { levelsOf } from './group-form';

interface PermissionMatrixProps {
  functions: readonly FunctionInfo[];
  levels: Readonly<Record<string, AccessLevel>>;
  /** Absent: read-only (a built-in role). */
  onChange?: (fn: string, level: AccessLevel) => void;
}

export const LEVEL_COLORS: Readonly<Record<AccessLevel, string>> = { none: 'gray', view: 'blue', change: 'teal' };

/**
 * One group's grant per function as a grid: a row per function, a column per level (none /
 * view / change); view-only functions offer no "change"; a plug-in's functions under its name.
 * Each radio is named "Function: Level" for screen readers (and tests).
 */
export function PermissionMatrix({ functions, levels, onChange }: PermissionMatrixProps) {
  const { t } = useTranslation();
  const { plugins } = usePluginList();
  return (
    <Table verticalSpacing={4} withTableBorder withColumnBorders aria-label={t('accounts.groups.matrix')} data-testid="permission-matrix">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('accounts.groups.function')}</Table.Th>
          {ACCESS_LEVELS.map((level) => (
            <Table.Th key={level} w={96} style={{ textAlign: 'center' }}>
              {levelLabel(t, level)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {functionRuns(functions).map((run) => (
          <Fragment key={run.plugin ?? ''}>
            {run.plugin !== null && (
              <Table.Tr data-testid="permission-plugin" data-plugin={run.plugin}>
                <Table.Th colSpan={ACCESS_LEVELS.length + 1} bg="var(--mantine-color-default-hover)">
                  {t('accounts.groups.pluginFunctions', { name: pluginLabel(t, run.plugin, plugins?.find((p) => p.id === run.plugin)?.name) })}
                </Table.Th>
              </Table.Tr>
            )}
            {run.functions.map((fn) => (
              <FunctionRow key={fn.id} fn={fn} current={levels[fn.id] ?? 'none'} onChange={onChange} />
            ))}
          </Fragment>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function FunctionRow({ fn, current, onChange }: { fn: FunctionInfo; current: AccessLevel; onChange: PermissionMatrixProps['onChange'] }) {
  const { t } = useTranslation();
  const name = functionLabel(t, fn.id);
  const offered = levelsOf(fn);
  return (
    <Table.Tr data-testid="permission-row" data-function={fn.id} data-level={current}>
      <Table.Td>
        <Text size="sm">{name}</Text>
        <Text size="xs" c="dimmed">
          {functionHint(t, fn.id, fn.plugin)}
        </Text>
      </Table.Td>
      {ACCESS_LEVELS.map((level) => (
        <Table.Td key={level} style={{ textAlign: 'center' }}>
          {!offered.includes(level) ? (
            <Text size="xs" c="dimmed" aria-label={t('accounts.groups.notOffered')}>
              —
            </Text>
          ) : onChange ? (
            <Radio
              name={`level-${fn.id}`}
              value={level}
              checked={current === level}
              onChange={() => onChange(fn.id, level)}
              aria-label={t('accounts.groups.levelOf', { name, level: levelLabel(t, level) })}
              color={LEVEL_COLORS[level]}
              styles={{ inner: { margin: '0 auto' }, body: { justifyContent: 'center' } }}
            />
          ) : current === level ? (
            <Badge size="sm" variant="light" color={LEVEL_COLORS[level]}>
              ✓
            </Badge>
          ) : null}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}
