/**
 * When a broadcast sends: `rounds` rounds `intervalMs` apart, each one probe per credential set,
 * then collection for `waitMs` after the last probe left. A round interrupted by the rate limit
 * carries on at the next tick with the credential set it stopped at.
 */
export class BroadcastRounds {
  private round = 0;
  private cursor = 0;
  private nextAt = 0;
  private collectUntil = Number.POSITIVE_INFINITY;

  constructor(
    private readonly rounds: number,
    private readonly credentials: readonly number[],
    private readonly intervalMs: number,
    private readonly waitMs: number,
  ) {}

  /** Sends what is due at `now` through `send`, which returns false when it may not send yet (no token). */
  sendDue(now: number, send: (credential: number) => boolean): void {
    if (this.round >= this.rounds || now < this.nextAt) return;
    while (this.cursor < this.credentials.length) {
      if (!send(this.credentials[this.cursor] as number)) return;
      this.cursor++;
    }
    this.cursor = 0;
    this.round++;
    this.nextAt = now + this.intervalMs;
    if (this.round === this.rounds) this.collectUntil = now + this.waitMs;
  }

  /** True once the last round is out and its collection time is over. */
  finished(now: number): boolean {
    return now >= this.collectUntil;
  }
}
