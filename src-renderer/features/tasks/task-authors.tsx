import { Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../src-shared/contract/tasks.contract';
import { formatDateTime } from '../../ui/display-format';

/** "by alice" under a task's name (who saved it last), with who created it and when in the tooltip; nothing for tasks from before accounts. */
export function TaskAuthors({ task }: { task: Pick<Task, 'createdBy' | 'updatedBy' | 'createdAt' | 'updatedAt'> }) {
  const { t, i18n } = useTranslation();
  const last = task.updatedBy ?? task.createdBy;
  if (last === null) return null;
  const lines = [
    task.createdBy !== null ? t('tasks.authors.created', { name: task.createdBy, time: formatDateTime(task.createdAt, i18n.language) }) : null,
    task.updatedBy !== null ? t('tasks.authors.updated', { name: task.updatedBy, time: formatDateTime(task.updatedAt, i18n.language) }) : null,
  ].filter((line): line is string => line !== null);
  return (
    <Tooltip label={lines.join('\n')} style={{ whiteSpace: 'pre-line' }} withinPortal>
      <Text size="xs" c="dimmed" data-testid="task-authors" w="fit-content">
        {t('tasks.authors.by', { name: last })}
      </Text>
    </Tooltip>
  );
}
