import { useCallback, useState } from 'react';
import { errorMessage } from './notice.store';

/**
 * A dialog's request under way and its refusal: `run(kind, task)` marks `kind` busy, clears the last
 * error, runs the task, and keeps the server's message when it throws (the form loses nothing).
 * `kind` names which button spins where a dialog has more than one (save, test …).
 */
export function useAsyncAction<K extends string>() {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (kind: K, task: () => Promise<void>): Promise<void> => {
    setBusy(kind);
    setError(null);
    try {
      await task();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, setError, run };
}
