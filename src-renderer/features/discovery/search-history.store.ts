import { create } from 'zustand';

/** The search history drawer: open or not, and the run whose results it shows. */
interface SearchHistoryStore {
  opened: boolean;
  selectedRunId: number | null;
  /** Opens the history, on `runId` when given (keeps the last pick otherwise). */
  open(runId?: number): void;
  close(): void;
  select(runId: number | null): void;
}

export const useSearchHistoryStore = create<SearchHistoryStore>()((set) => ({
  opened: false,
  selectedRunId: null,
  open: (runId) => set((s) => ({ opened: true, selectedRunId: runId ?? s.selectedRunId })),
  close: () => set({ opened: false }),
  select: (selectedRunId) => set({ selectedRunId }),
}));
