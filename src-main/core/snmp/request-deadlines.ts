/**
 * Our own deadline for every request in flight, independent of net-snmp's timers: a socket
 * error or a reply that makes the library throw can leave its callback uncalled forever
 * (SNMP-NOTES pitfall 2). One periodic sweep instead of a timer per request; the sweep's timer
 * is referenced only while something is in flight, which keeps the process alive for it.
 */

export interface Deadlined {
  /** Time (per `now`) after which the request is given up. */
  readonly deadline: number;
  /** Called once when the deadline passed before the request settled. */
  expire(): void;
}

export interface DeadlineTrackerOptions {
  /** Sweep period in ms (default 100): deadlines fire up to this late. */
  periodMs?: number;
  now?: () => number;
}

export class DeadlineTracker<T extends Deadlined> {
  private readonly items = new Set<T>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly periodMs: number;
  readonly now: () => number;

  constructor(options: DeadlineTrackerOptions = {}) {
    this.periodMs = options.periodMs ?? 100;
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.items.size;
  }

  /** Starts watching `item`; never throws. */
  add(item: T): void {
    this.items.add(item);
    if (this.timer === null) this.timer = setInterval(() => this.sweep(), this.periodMs);
  }

  /** Stops watching `item` (it settled); never throws. */
  delete(item: T): void {
    this.items.delete(item);
    if (this.items.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Every item still watched (for cancellation); stops watching them all. Never throws. */
  drain(): T[] {
    const all = [...this.items];
    this.items.clear();
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    return all;
  }

  /** Items watched now, e.g. to fail those of one session; never throws. */
  snapshot(): T[] {
    return [...this.items];
  }

  /** Expires every item whose deadline has passed; an item's expire() is expected to call delete(). */
  sweep(): void {
    const now = this.now();
    let expired: T[] | null = null;
    for (const item of this.items) {
      if (item.deadline <= now) (expired ??= []).push(item);
    }
    if (expired === null) return;
    for (const item of expired) {
      this.delete(item);
      item.expire();
    }
  }
}
