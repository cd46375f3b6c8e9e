import { create } from 'zustand';

/**
 * Places of the console a plug-in may send the user to. A plug-in cannot import the console's
 * features (lint), so the feature that owns a place provides its link here and a plug-in calls
 * it; a link nobody provided is null, and the plug-in leaves its button out.
 */
export interface ConsoleLinks {
  /** Shows the task in Tasks (its executions listed). */
  openTask: ((taskId: number) => void) | null;
}

export const useConsoleLinks = create<ConsoleLinks>()(() => ({ openTask: null }));

/** Provides the link to a task in Tasks (the Tasks feature does). */
export function provideTaskLink(openTask: (taskId: number) => void): void {
  useConsoleLinks.setState({ openTask });
}
