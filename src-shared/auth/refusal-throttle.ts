/**
 * Two small counters for refusals at the console's doors (kept in memory: a restart forgets
 * them, which only lets a few more attempts through). Written by hand: a few lines of Map,
 * where a rate-limiting library would bring stores and options this does not need.
 */

/** The same refusal (address, reason, user) is written to the system log at most once per this period. */
export const REFUSAL_LOG_EVERY_MS = 60_000;
const MAX_KEYS = 1000;

/** Lets the first of a kind of refusal through, then at most one per `everyMs`, counting those held back. */
export class RefusalThrottle {
  private readonly seen = new Map<string, { loggedAt: number; held: number }>();

  constructor(private readonly everyMs = REFUSAL_LOG_EVERY_MS) {}

  /** null: do not log this one; else how many like it were held back since the last one logged. */
  admit(key: string, now: number): number | null {
    const entry = this.seen.get(key);
    if (entry && now - entry.loggedAt < this.everyMs) {
      entry.held++;
      return null;
    }
    if (this.seen.size >= MAX_KEYS) this.forgetOld(now);
    this.seen.set(key, { loggedAt: now, held: 0 });
    return entry?.held ?? 0;
  }

  private forgetOld(now: number): void {
    for (const [key, entry] of this.seen) if (now - entry.loggedAt >= this.everyMs) this.seen.delete(key);
    // Still full (a flood from many addresses): start over rather than grow.
    if (this.seen.size >= MAX_KEYS) this.seen.clear();
  }
}

/**
 * Failures per key (an address) within a sliding window: `blocked` once `max` failures fell
 * within the last `windowMs`, until the oldest of them leaves the window.
 */
export class FailureWindow {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  blockedFor(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return 0;
    return (recent[recent.length - this.max] ?? now) + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    if (!this.failures.has(key) && this.failures.size >= MAX_KEYS) this.forgetOld(now);
    this.failures.set(key, [...this.recent(key, now), now].slice(-this.max));
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }

  private forgetOld(now: number): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key, now).length === 0) this.failures.delete(key);
    if (this.failures.size >= MAX_KEYS) this.failures.clear();
  }
}
