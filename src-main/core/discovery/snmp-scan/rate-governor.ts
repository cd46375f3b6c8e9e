/**
 * The send rate of one scan. It starts at the rate asked, which it never exceeds, and halves it
 * when replies show that sending outruns the path: an answer that queued past half of the
 * timeout's headroom over the fastest answer seen, or replies the system dropped from the
 * socket's receive buffer. Several signals within one cool-down are one episode and cut once
 * (the answers to what was sent before a cut still come in slow). Each interval without a
 * signal gives a tenth of the rate asked back. Random loss without queueing (the path drops,
 * but answers are quick) does not slow the scan: retries of the silent addresses handle it.
 */

/** The interval at which the rate climbs back, ms. */
export const RECOVERY_STEP_MS = 100;
/** Share of the rate asked given back per clean interval. */
const RECOVERY_SHARE = 0.1;
/** The lowest rate is this fraction of the rate asked (but at least 100/s, or the rate asked when lower). */
const FLOOR_SHARE = 1 / 64;

export type CongestionSignal = 'slow-answer' | 'receive-drops';

export class RateGovernor {
  private current: number;
  private lowest: number;
  private cuts = 0;
  private fastestRtt = Number.POSITIVE_INFINITY;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastSignalAt = Number.NEGATIVE_INFINITY;
  private lastRaiseAt: number;
  readonly floor: number;
  readonly coolDownMs: number;

  /** Throws RangeError for a rate or timeout that is not a positive finite number. */
  constructor(
    readonly ceiling: number,
    private readonly timeoutMs: number,
    now: number,
  ) {
    if (!(Number.isFinite(ceiling) && ceiling > 0)) throw new RangeError(`ceiling must be > 0, got ${ceiling}`);
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);
    this.current = ceiling;
    this.lowest = ceiling;
    this.floor = Math.min(ceiling, Math.max(100, ceiling * FLOOR_SHARE));
    // Long enough for the answers to what left before a cut to come in, never longer than a timeout.
    this.coolDownMs = Math.min(timeoutMs, Math.max(RECOVERY_STEP_MS, timeoutMs / 4));
    this.lastRaiseAt = now;
  }

  /** Packets per second to send at now. */
  get rate(): number {
    return this.current;
  }

  get lowestRate(): number {
    return this.lowest;
  }

  /** Times the rate was cut. */
  get backoffs(): number {
    return this.cuts;
  }

  /**
   * An answer came `rttMs` after its request (listening time). Returns true when it counted as
   * slow: queued past half the headroom between the fastest answer and the timeout.
   */
  onAnswer(rttMs: number, now: number): boolean {
    if (!(rttMs >= 0)) return false;
    if (rttMs < this.fastestRtt) this.fastestRtt = rttMs;
    const slow = rttMs > this.fastestRtt + (this.timeoutMs - this.fastestRtt) / 2;
    if (slow) this.congestion(now);
    return slow;
  }

  /** The socket's receive buffer overflowed `count` more times since the last reading. */
  onReceiveDrops(count: number, now: number): void {
    if (count > 0) this.congestion(now);
  }

  /** Gives back part of the rate after a clean interval; returns the rate to use. Called every tick. */
  onTick(now: number): number {
    if (this.current < this.ceiling && now - this.lastSignalAt >= RECOVERY_STEP_MS && now - this.lastRaiseAt >= RECOVERY_STEP_MS) {
      this.current = Math.min(this.ceiling, this.current + this.ceiling * RECOVERY_SHARE);
      this.lastRaiseAt = now;
    }
    return this.current;
  }

  private congestion(now: number): void {
    this.lastSignalAt = now;
    this.lastRaiseAt = now;
    if (now - this.lastCutAt < this.coolDownMs) return;
    this.lastCutAt = now;
    const next = Math.max(this.floor, this.current / 2);
    if (next < this.current) this.cuts++;
    this.current = next;
    if (next < this.lowest) this.lowest = next;
  }
}
