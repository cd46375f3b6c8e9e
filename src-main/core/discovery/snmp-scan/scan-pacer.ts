import { RateGovernor } from './rate-governor';
import type { ScanPacing } from './scan-types';
import { TokenBucket } from './token-bucket';

/** How often the socket's receive drops are read at most, ms. */
export const DROPS_EVERY_MS = 250;
/** How seldom they are read at least, ms: however costly a read, drops still slow the scan within this. */
export const DROPS_EVERY_MS_MAX = 2000;
/** Share of the time reading the drops may take: a costlier read is made less often. */
export const DROPS_TIME_SHARE = 0.02;

/**
 * The interval to the next drops reading after one that took `readMs` (wall time). Reading
 * /proc/net/udp costs in proportion to the UDP sockets of the network namespace: well under a
 * millisecond on a desktop, but 12–27 ms of system CPU beside the bench's simulator of 1,000
 * devices, where every 250 ms it took 5–8 % of a full-rate scan's CPU (issue 13). Never throws.
 */
export function dropsInterval(readMs: number): number {
  const wanted = Number.isFinite(readMs) && readMs > 0 ? readMs / DROPS_TIME_SHARE : 0;
  return Math.min(DROPS_EVERY_MS_MAX, Math.max(DROPS_EVERY_MS, wanted));
}

export interface PacerDeps {
  /** Wall time, ms: tokens are real packets per second. */
  wall: () => number;
  /** The scan's listening time, ms (see listening-clock.ts): what the governor's intervals count. */
  now: () => number;
  /** The socket's receive drops so far (null: unknown); never rejects. Absent: not watched. */
  readDrops?: () => Promise<number | null>;
}

/**
 * Pacing of one scan: the token bucket that spreads sends, at the rate the governor allows
 * (the rate asked, lower while replies come slow or the receive buffer drops them). The bucket
 * holds `burstMs` of the current rate, so a cut also shortens the bursts after a late timer.
 */
export class ScanPacer {
  private readonly bucket: TokenBucket;
  private readonly governor: RateGovernor;
  private slowAnswers = 0;
  private lateAnswers = 0;
  private drops: number | null = null;
  private dropsReadAt = Number.NEGATIVE_INFINITY;
  private dropsPending = false;
  private dropsEveryMs = DROPS_EVERY_MS;
  private stopped = false;

  constructor(
    ratePerSecond: number,
    timeoutMs: number,
    private readonly burstMs: number,
    private readonly deps: PacerDeps,
  ) {
    this.governor = new RateGovernor(ratePerSecond, timeoutMs, deps.now());
    this.bucket = new TokenBucket(ratePerSecond, deps.wall, this.capacity(ratePerSecond));
  }

  /** Takes `count` tokens when they are there; never throws. */
  tryTake(count: number): boolean {
    return this.bucket.tryTake(count);
  }

  /** An answer (of any kind) `rttMs` after its request, listening time; `late` when its attempt's deadline had passed. */
  onAnswer(rttMs: number, late: boolean, now: number): void {
    if (late) this.lateAnswers++;
    if (this.governor.onAnswer(rttMs, now)) this.slowAnswers++;
  }

  /** Called every tick, before sending: applies the governor's rate and reads the drop counter when due. */
  onTick(now: number): void {
    const rate = this.governor.onTick(now);
    if (rate !== this.bucket.ratePerSecond) this.bucket.setRate(rate, this.capacity(rate));
    if (this.deps.readDrops && !this.dropsPending && now - this.dropsReadAt >= this.dropsEveryMs) this.readDrops(now, this.deps.readDrops);
  }

  /** Stops reacting to drop readings still under way. */
  stop(): void {
    this.stopped = true;
  }

  stats(): ScanPacing {
    return {
      backoffs: this.governor.backoffs,
      lowestRatePerSecond: Math.round(this.governor.lowestRate),
      slowAnswers: this.slowAnswers,
      lateAnswers: this.lateAnswers,
      receiveDrops: this.drops,
    };
  }

  private readDrops(now: number, read: () => Promise<number | null>): void {
    this.dropsPending = true;
    this.dropsReadAt = now;
    const startedAt = this.deps.wall();
    void read().then(
      (total) => {
        this.dropsPending = false;
        this.dropsEveryMs = dropsInterval(this.deps.wall() - startedAt);
        if (this.stopped || total === null) return;
        // A fresh socket starts at 0: every drop counted belongs to this scan.
        const before = this.drops ?? 0;
        this.drops = Math.max(before, total);
        this.governor.onReceiveDrops(this.drops - before, this.deps.now());
      },
      () => {
        this.dropsPending = false;
      },
    );
  }

  private capacity(rate: number): number {
    return Math.ceil((rate * this.burstMs) / 1000);
  }
}
