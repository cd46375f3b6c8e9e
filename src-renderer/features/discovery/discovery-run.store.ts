import { create } from 'zustand';
import type { DiscoveryProgress, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { withFound, withProgress, withStarted, type LiveRun } from './live-run';

/** The watched search (from pushed events) and whether its panel is open. */
interface DiscoveryRunStore {
  run: LiveRun | null;
  panelOpen: boolean;
  started(runId: number): void;
  progress(progress: DiscoveryProgress): void;
  found(runId: number, results: readonly DiscoveryResult[]): void;
  setPanelOpen(open: boolean): void;
}

export const useDiscoveryRunStore = create<DiscoveryRunStore>()((set) => ({
  run: null,
  panelOpen: false,
  started: (runId) => set((s) => ({ run: withStarted(s.run, runId), panelOpen: true })),
  progress: (progress) => set((s) => ({ run: withProgress(s.run, progress) })),
  found: (runId, results) => set((s) => ({ run: withFound(s.run, runId, results) })),
  setPanelOpen: (panelOpen) => set({ panelOpen }),
}));
