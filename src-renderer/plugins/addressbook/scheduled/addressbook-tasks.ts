import { useCallback } from 'react';
import type { z } from 'zod';
import type { Task } from '../../../../src-shared/contract/tasks.contract';
import { ADDRESSBOOK_TASK_KINDS, deliverParamsSchema, syncParamsSchema } from '../../../../src-shared/plugins/addressbook/addressbook.contract';
import { useRendererApi } from '../../../api/api-context';
import { useLiveQuery, type LiveQuery } from '../../../api/live-query';
import { useCan } from '../../../api/session-context';
import type { ScheduledFilter } from '../addressbook-view.store';

export type DeliverParams = z.output<typeof deliverParamsSchema>;
export type SyncParams = z.output<typeof syncParamsSchema>;

/** A saved task of this plug-in that the section lists and edits, with its params read. */
export type AddressbookTask = { kind: 'deliver'; task: Task; params: DeliverParams } | { kind: 'sync'; task: Task; params: SyncParams };

/** The task as a delivery or a synchronisation; null for another type or params that no longer read (edited elsewhere by hand). */
export function addressbookTaskOf(task: Task): AddressbookTask | null {
  if (task.type === ADDRESSBOOK_TASK_KINDS.deliver) {
    const params = deliverParamsSchema.safeParse(task.params);
    return params.success ? { kind: 'deliver', task, params: params.data } : null;
  }
  if (task.type === ADDRESSBOOK_TASK_KINDS.sync) {
    const params = syncParamsSchema.safeParse(task.params);
    return params.success ? { kind: 'sync', task, params: params.data } : null;
  }
  return null;
}

/** Whether the Scheduled tab's filter picks it: a book's deliveries and synchronisations into it, a connection's synchronisations. */
export function matchesScheduledFilter(item: AddressbookTask, filter: ScheduledFilter): boolean {
  if (filter === null) return true;
  if ('bookId' in filter) return item.params.bookId === filter.bookId;
  return item.kind === 'sync' && item.params.connectionId === filter.connectionId;
}

/** How many saved tasks the filter picks. */
export function countScheduled(items: readonly AddressbookTask[], filter: ScheduledFilter): number {
  return items.filter((item) => matchesScheduledFilter(item, filter)).length;
}

/** The plug-in's saved deliveries and synchronisations, current on 'tasks.changed' and 'task.progress' (empty without "view" on tasks). */
export function useAddressbookTasks(): LiveQuery<AddressbookTask[]> {
  const rendererApi = useRendererApi();
  const visible = useCan('tasks', 'view');
  const fetcher = useCallback(async () => {
    if (!visible) return [];
    const { tasks } = await rendererApi.api.tasks.list({});
    return tasks.map(addressbookTaskOf).filter((item): item is AddressbookTask => item !== null);
  }, [rendererApi, visible]);
  return useLiveQuery(rendererApi, fetcher, TASK_EVENTS, onlyTaskEvents);
}

const TASK_EVENTS = ['tasks.changed', 'task.progress'] as const;
/** A run's progress refetches when it starts and ends, not per device (the list shows the last result, not the count). */
const onlyTaskEvents: Parameters<typeof useLiveQuery>[3] = (name, payload) => name !== 'task.progress' || !('executionId' in payload) || payload.state !== 'running' || payload.done === 0;
