/**
 * Time for request deadlines and round-trip times of a UDP client (the probe scanner, the
 * v1/v2c client): wall time, except that a gap longer than
 * `maxStepMs` between two readings (the event loop was stalled: garbage collection, a busy
 * console, a machine whose CPU went to other processes) counts only `maxStepMs`. Replies that
 * arrived during a stall wait unread in the socket; after it the timer runs before the socket is
 * read, and the requests those replies answer must not expire first, nor count as slow answers.
 */
export class ListeningClock {
  private listened = 0;
  private last: number;
  private stalled = 0;

  /** Throws RangeError for a step that is not a positive number. */
  constructor(
    private readonly wall: () => number,
    readonly maxStepMs: number,
  ) {
    if (!(maxStepMs > 0)) throw new RangeError(`maxStepMs must be > 0, got ${maxStepMs}`);
    this.last = wall();
  }

  /** The listening time now (ms since the clock was made); never goes back. Never throws. */
  now(): number {
    const elapsed = this.wall() - this.last;
    return this.listened + Math.min(Math.max(0, elapsed), this.maxStepMs);
  }

  /** Commits the time since the last call (at most `maxStepMs` of it) and returns `now()`. */
  advance(): number {
    const t = this.wall();
    const elapsed = Math.max(0, t - this.last);
    this.last = t;
    const step = Math.min(elapsed, this.maxStepMs);
    this.stalled += elapsed - step;
    this.listened += step;
    return this.listened;
  }

  /** Wall time that did not count, in ms. */
  get stalledMs(): number {
    return this.stalled;
  }
}
