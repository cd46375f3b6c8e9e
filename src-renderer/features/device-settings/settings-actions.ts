import type { AppApi } from '../../../src-shared/contract/app.contract';
import { useSectionStore } from '../../app/section.store';
import { useExecutionViewStore } from '../tasks/task-wizard.store';

/** How long to look for the execution a task just started ('now' queues it at once). */
const FIND_EXECUTION_MS = 3_000;

/** Shows the Tasks section with one execution's drawer open (live progress, per-device and per-item results). */
export function showExecution(executionId: number, taskId: number | null = null): void {
  useSectionStore.getState().show('tasks');
  useExecutionViewStore.getState().showTask(taskId);
  useExecutionViewStore.getState().openExecution(executionId);
}

/**
 * After a task was saved to run now: finds its first execution and shows it; when none appears
 * in time (queued behind others), shows the task's executions instead. Never throws.
 */
export async function showExecutionOf(api: AppApi, taskId: number): Promise<void> {
  const until = Date.now() + FIND_EXECUTION_MS;
  while (Date.now() < until) {
    try {
      const [latest] = (await api.tasks.listExecutions({ taskId, limit: 1 })).executions;
      if (latest) {
        showExecution(latest.id, taskId);
        return;
      }
    } catch {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  useSectionStore.getState().show('tasks');
  useExecutionViewStore.getState().showTask(taskId);
}

/** Settings work on devices that needs no form: read their settings, or reboot them. */
export type SettingsWork = 'acquireSettings' | 'reboot';

/** Devices and groups work is run on (a group's members as they are when it runs). */
export interface WorkTargets {
  deviceIds?: readonly number[];
  groupIds?: readonly number[];
}

/** Runs the work once (tasks.run: an execution without a saved task); rejects with the server's message. */
export async function runSettingsWork(api: AppApi, work: SettingsWork, on: WorkTargets, name: string): Promise<{ executionId: number; taskId: number }> {
  const targets = { deviceIds: [...(on.deviceIds ?? [])], groupIds: [...(on.groupIds ?? [])] };
  return work === 'acquireSettings' ? api.tasks.run({ name, type: 'acquireSettings', targets, params: {} }) : api.tasks.run({ name, type: 'reboot', targets, params: {} });
}
