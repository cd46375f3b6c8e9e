/**
 * Where the console's two halves of the push meet in memory: an agent's long poll waits here
 * until a job is queued for its client (or its wait ends), and a push execution waits here until
 * agents report. The jobs themselves are in the database (drivers_jobs); this only wakes the
 * waiters, so a console restart loses no job, only the waiting.
 */
export class AgentHub {
  private readonly polls = new Map<number, Set<() => void>>();
  private readonly reportListeners = new Set<() => void>();

  /** Resolves when a job is queued for `clientId`, after `ms`, or when `signal` aborts. */
  waitForJobs(clientId: number, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.polls.get(clientId) ?? new Set<() => void>();
      this.polls.set(clientId, waiters);
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        waiters.delete(done);
        if (waiters.size === 0 && this.polls.get(clientId) === waiters) this.polls.delete(clientId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
      if (signal.aborted) done();
      else signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Jobs were queued for these clients: answer their waiting polls now. */
  jobsQueued(clientIds: Iterable<number>): void {
    for (const id of clientIds) for (const wake of [...(this.polls.get(id) ?? [])]) wake();
  }

  /** An agent reported: wake the executions waiting for reports. */
  reported(): void {
    for (const listener of [...this.reportListeners]) listener();
  }

  /** Resolves at the next report, after `ms`, or when `signal` aborts. */
  nextReport(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.reportListeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.reportListeners.add(done);
      if (signal.aborted) done();
      else signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Agents waiting in a poll now. */
  waiting(): number {
    let n = 0;
    for (const set of this.polls.values()) n += set.size;
    return n;
  }
}
