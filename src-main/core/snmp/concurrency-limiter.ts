/**
 * Bounded concurrency for fleet-wide work: poll thousands of devices with at most `n`
 * requests (or device reads) in flight, first come first served.
 */

export interface Limiter {
  /** Runs `task` once fewer than `limit` tasks run; settles as the task does (a sync throw rejects). */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a free place. */
  readonly queued: number;
  readonly limit: number;
}

interface Waiting {
  start: () => void;
}

/** A limiter allowing `limit` tasks at once; throws RangeError unless `limit` is a whole number ≥ 1. */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency limit must be a whole number ≥ 1, got ${limit}`);
  let active = 0;
  // A queue with a moving head: shift() on a large array is O(n).
  let queue: Array<Waiting | undefined> = [];
  let head = 0;

  const next = (): void => {
    active--;
    if (head < queue.length) {
      const waiting = queue[head];
      queue[head] = undefined;
      head++;
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      if (waiting) {
        active++;
        waiting.start();
      }
    }
  };

  const launch = <T>(task: () => Promise<T>): Promise<T> => {
    let promise: Promise<T>;
    try {
      promise = task();
    } catch (error) {
      promise = Promise.reject(error);
    }
    return promise.finally(next);
  };

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) {
        active++;
        return launch(task);
      }
      return new Promise<T>((resolve, reject) => {
        queue.push({ start: () => launch(task).then(resolve, reject) });
      });
    },
    get active() {
      return active;
    },
    get queued() {
      return queue.length - head;
    },
    limit,
  };
}
