import { create } from 'zustand';
import type { Task } from '../../../src-shared/contract/tasks.contract';
import type { DiscoveryForm } from '../discovery/discovery-form';
import { searchDefaults } from '../discovery/discovery-wizard.store';
import { initialTaskForm, taskFormOf, type TaskForm } from './task-form';

export type WizardStep = 0 | 1 | 2;

/** The task wizard's UI state: open or not, its step, and the draft. */
interface TaskWizardStore {
  opened: boolean;
  step: WizardStep;
  form: TaskForm;
  openNew(): void;
  /** A search from the search wizard as a new search task, every value carried over; opens on the schedule (on the search step when it needs correcting). */
  openFromSearch(search: DiscoveryForm, name: string, valid: boolean): void;
  openEdit(task: Task): void;
  close(): void;
  setStep(step: WizardStep): void;
  edit(change: (form: TaskForm) => Partial<TaskForm>): void;
}

export const useTaskWizardStore = create<TaskWizardStore>()((set) => ({
  opened: false,
  step: 0,
  form: initialTaskForm(),
  // A search task's step starts from the search wizard's own defaults (the demo fleet's range and port with a demo).
  openNew: () => set({ opened: true, step: 0, form: { ...initialTaskForm(), discovery: searchDefaults() } }),
  openFromSearch: (search, name, valid) =>
    set({ opened: true, step: valid ? 2 : 1, form: { ...initialTaskForm(), type: 'discovery', name, discovery: { ...search, enabled: { ...search.enabled }, credentials: search.credentials.map((c) => ({ ...c })) } } }),
  openEdit: (task) => set({ opened: true, step: 0, form: taskFormOf(task) }),
  close: () => set({ opened: false }),
  setStep: (step) => set({ step }),
  edit: (change) => set((s) => ({ form: { ...s.form, ...change(s.form) } })),
}));

/** Which execution's detail is open, and whose executions are listed (null: every task's). */
interface ExecutionViewStore {
  taskId: number | null;
  openExecutionId: number | null;
  showTask(taskId: number | null): void;
  openExecution(id: number | null): void;
}

export const useExecutionViewStore = create<ExecutionViewStore>()((set) => ({
  taskId: null,
  openExecutionId: null,
  showTask: (taskId) => set({ taskId }),
  openExecution: (openExecutionId) => set({ openExecutionId }),
}));
