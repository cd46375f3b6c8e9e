/**
 * Packet pacing: a token bucket that refills continuously at `ratePerSecond` and holds only a
 * few milliseconds' worth, so sends come out evenly spread rather than in bursts of a second's
 * worth. Hand-written: npm's limiters (limiter, bottleneck, p-throttle) schedule each call
 * through a promise or a timer; the scan's send loop needs a synchronous yes/no per packet at
 * tens of thousands of packets per second.
 */

/** How much the bucket may hold, in milliseconds of the rate: covers timer lateness, stays smooth. */
export const BURST_WINDOW_MS = 4;
/** The most one send takes at once (an SNMPv3 probe: engine discovery + request). */
export const MAX_TAKE = 2;

export class TokenBucket {
  private tokens: number;
  private last: number;
  private rate: number;
  private cap: number;

  /** Throws RangeError for a rate that is not a positive finite number. */
  constructor(
    ratePerSecond: number,
    private readonly now: () => number,
    capacity?: number,
  ) {
    checkRate(ratePerSecond);
    this.rate = ratePerSecond;
    this.cap = Math.max(MAX_TAKE, capacity ?? Math.ceil((ratePerSecond * BURST_WINDOW_MS) / 1000));
    this.tokens = this.cap;
    this.last = now();
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  get capacity(): number {
    return this.cap;
  }

  /**
   * Changes the rate from now on (tokens already there stay, up to the new capacity); `capacity`
   * as in the constructor. Throws RangeError for a rate that is not a positive finite number.
   */
  setRate(ratePerSecond: number, capacity?: number): void {
    checkRate(ratePerSecond);
    this.refill();
    this.rate = ratePerSecond;
    this.cap = Math.max(MAX_TAKE, capacity ?? Math.ceil((ratePerSecond * BURST_WINDOW_MS) / 1000));
    this.tokens = Math.min(this.tokens, this.cap);
  }

  /** Takes `count` tokens when they are there (returns true), else takes nothing. Never throws. */
  tryTake(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Milliseconds until `count` tokens will be there (0 when they are now). */
  waitMs(count = 1): number {
    this.refill();
    const missing = count - this.tokens;
    return missing <= 0 ? 0 : (missing * 1000) / this.rate;
  }

  private refill(): void {
    const t = this.now();
    const elapsed = t - this.last;
    if (elapsed <= 0) return;
    this.last = t;
    this.tokens = Math.min(this.cap, this.tokens + (elapsed * this.rate) / 1000);
  }
}

function checkRate(ratePerSecond: number): void {
  if (!(Number.isFinite(ratePerSecond) && ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${ratePerSecond}`);
}
