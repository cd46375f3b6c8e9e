import { RateGovernor } from './rate-governor';
import type { ScanPacing } from './scan-types';
import { TokenBucket } from './token-bucket';

/** How often the socket's receive drops are read, ms: /proc/net/udp lists every UDP socket of the network namespace (1.6 ms of system CPU a read beside a simulator of 1,000 devices). */
export const DROPS_EVERY_MS = 250;

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
    if (this.deps.readDrops && !this.dropsPending && now - this.dropsReadAt >= DROPS_EVERY_MS) this.readDrops(now, this.deps.readDrops);
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
    void read().then(
      (total) => {
        this.dropsPending = false;
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
