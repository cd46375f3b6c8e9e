import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES } from '../../../src-shared/contract/audit.contract';
import { Icon } from '../../ui/icons';
import type { AuditFilterDraft, AuditFilterProblem } from './audit-filter';

interface AuditFilterBarProps {
  draft: AuditFilterDraft;
  problem: AuditFilterProblem | null;
  onChange(draft: AuditFilterDraft): void;
}

/** From / to (local time), user, action (or its beginning), outcome, words. */
export function AuditFilterBar({ draft, problem, onChange }: AuditFilterBarProps) {
  const { t } = useTranslation();
  const set = (change: Partial<AuditFilterDraft>) => onChange({ ...draft, ...change });
  const dateError = (field: 'from' | 'to') => (problem === field ? t('auditLog.filter.badDate') : problem === 'order' && field === 'to' ? t('auditLog.filter.order') : null);
  return (
    <Group gap="sm" align="flex-start" wrap="wrap" role="search" aria-label={t('auditLog.filter.label')} style={{ flex: 1 }}>
      <TextInput type="datetime-local" size="xs" w={185} label={t('auditLog.filter.from')} value={draft.from} onChange={(event) => set({ from: event.currentTarget.value })} error={dateError('from')} />
      <TextInput type="datetime-local" size="xs" w={185} label={t('auditLog.filter.to')} value={draft.to} onChange={(event) => set({ to: event.currentTarget.value })} error={dateError('to')} />
      <TextInput size="xs" w={120} label={t('auditLog.filter.user')} value={draft.user} onChange={(event) => set({ user: event.currentTarget.value })} />
      <TextInput size="xs" w={160} label={t('auditLog.filter.action')} placeholder={t('auditLog.filter.actionPlaceholder')} value={draft.action} onChange={(event) => set({ action: event.currentTarget.value })} />
      <Select
        size="xs"
        w={110}
        label={t('auditLog.filter.outcome')}
        data={[{ value: '', label: t('auditLog.filter.anyOutcome') }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`auditLog.outcomes.${o}`) }))]}
        value={draft.outcome}
        onChange={(value) => set({ outcome: AUDIT_OUTCOMES.find((o) => o === value) ?? '' })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <TextInput size="xs" w={160} label={t('auditLog.filter.text')} leftSection={<Icon name="search" size={14} />} value={draft.text} onChange={(event) => set({ text: event.currentTarget.value })} />
    </Group>
  );
}
