import type { AddressFeed } from './address-feed';
import { RetryQueue, type AddressProbe } from './address-probe';

/**
 * Which probe a scan sends next. Follow-ups of agents that answered (the second look, a probe
 * narrowed after an error, a broadcast responder asked unicast) go first. Then new addresses go
 * before retries of silent ones, until the oldest retry has waited `retryWithinMs` (one timeout)
 * or the retries waiting reach `maxWaiting` (the in-flight bound): then retries go first.
 *
 * Why not retries first (as before issue 13): a range whose first pass lasts about one timeout
 * then stopped its first pass for the retries, and its last addresses went out only after
 * them, so the scan sat idle for up to a timeout waiting for those addresses' own retries
 * (a /16 at 50,000/s: 4.3 s instead of 3.6 s). New addresses first keeps the sender busy to the
 * end, while the two bounds keep a retry's delay under one timeout and memory following what is
 * in flight, not the range.
 */
export class SendOrder {
  /** Follow-ups of answering agents: always first. */
  readonly followUps = new RetryQueue();
  /** Silent addresses' next attempts (the same or the next credential set). */
  readonly retries = new RetryQueue();
  private from: RetryQueue | AddressFeed | null = null;

  /** Throws RangeError for a bound that is not a positive number. */
  constructor(
    private readonly feed: AddressFeed,
    private readonly retryWithinMs: number,
    private readonly maxWaiting: number,
  ) {
    if (!(retryWithinMs > 0) || !(maxWaiting > 0)) throw new RangeError(`send order bounds must be > 0, got ${retryWithinMs} ms and ${maxWaiting} waiting`);
  }

  /** The probe to send next at listening time `now`, not yet taken (null: nothing to send); throws what the address feed throws. */
  peek(now: number): AddressProbe | null {
    const followUp = this.followUps.peek();
    if (followUp) return this.choose(this.followUps, followUp);
    const retry = this.retries.peek();
    if (retry && (now - retry.queuedAt >= this.retryWithinMs || this.retries.size >= this.maxWaiting)) return this.choose(this.retries, retry);
    const fresh = this.feed.peek();
    if (fresh) return this.choose(this.feed, fresh);
    return retry ? this.choose(this.retries, retry) : this.choose(null, null);
  }

  /** Takes the probe `peek` returned. */
  take(): void {
    if (this.from instanceof RetryQueue) this.from.shift();
    else this.from?.take();
    this.from = null;
  }

  /** No address left to pull and no attempt waiting. */
  get idle(): boolean {
    return this.feed.idle && this.followUps.empty && this.retries.empty;
  }

  /** Drops everything waiting and stops pulling addresses. */
  clear(): void {
    this.followUps.clear();
    this.retries.clear();
    this.feed.clear();
    this.from = null;
  }

  private choose(from: RetryQueue | AddressFeed | null, probe: AddressProbe | null): AddressProbe | null {
    this.from = from;
    return probe;
  }
}
