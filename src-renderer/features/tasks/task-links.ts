import { useSectionStore } from '../../app/section.store';
import { useExecutionViewStore } from './task-wizard.store';

/** Shows a task in Tasks: the section, with the task picked and its executions listed. */
export function openTaskInTasks(taskId: number): void {
  useExecutionViewStore.getState().showTask(taskId);
  useSectionStore.getState().show('tasks');
}
