import type { Clock } from './clock';

export interface IgnoredDatagramLogOptions {
  log: (line: string) => void;
  clock: Clock;
  /** What the lines start with ("monitor"). */
  source: string;
  /** Datagrams logged one by one before counting starts (default 5). */
  firstLines?: number;
  /** How often a summary of the counted ones is written (default one minute). */
  everyMs?: number;
}

/**
 * The log of datagrams a listener ignored (malformed, from strangers), bounded: a trap storm of
 * 24,160 bad datagrams must not write 24,160 lines. The first few are logged one by one; after
 * that one summary line per `everyMs` counts them by reason, with the last sender. A quiet
 * period (a summary period with nothing to count) lets the next burst log its first few again.
 */
export class IgnoredDatagramLog {
  private readonly firstLines: number;
  private readonly everyMs: number;
  private allowance: number;
  private readonly counts = new Map<string, number>();
  private counted = 0;
  private lastSender = '';
  private timer: unknown = null;

  constructor(private readonly options: IgnoredDatagramLogOptions) {
    this.firstLines = options.firstLines ?? 5;
    this.everyMs = options.everyMs ?? 60_000;
    this.allowance = this.firstLines;
  }

  /** One ignored datagram; never throws. */
  note(reason: string, sender: string): void {
    if (this.allowance > 0) {
      this.allowance -= 1;
      const more = this.allowance === 0 ? ` (further ones are counted and summarised every ${Math.round(this.everyMs / 1000)} s)` : '';
      this.options.log(`${this.options.source}: ignored a datagram from ${sender}: ${reason}${more}`);
      this.arm();
      return;
    }
    const kind = kindOf(reason);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.counted += 1;
    this.lastSender = sender;
    this.arm();
  }

  /** Writes what is counted now and stops the timer (the listener stops). */
  flush(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.summarise();
    this.allowance = this.firstLines;
  }

  private arm(): void {
    if (this.timer === null) this.timer = this.options.clock.setTimeout(() => this.tick(), this.everyMs);
  }

  private tick(): void {
    this.timer = null;
    if (this.counted === 0) {
      // A quiet period: the next burst is logged one by one again.
      this.allowance = this.firstLines;
      return;
    }
    this.summarise();
    this.arm();
  }

  private summarise(): void {
    if (this.counted === 0) return;
    const byReason = [...this.counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${count(n)} ${kind}`).join(', ');
    this.options.log(`${this.options.source}: ignored ${count(this.counted)} more datagram(s) in the last ${Math.round(this.everyMs / 1000)} s: ${byReason} (last from ${this.lastSender})`);
    this.counts.clear();
    this.counted = 0;
  }
}

/** A reason without its details ("malformed notification: bad length 7" → "malformed notification"), so counts group. */
function kindOf(reason: string): string {
  const cut = reason.search(/[:(]/);
  return (cut < 0 ? reason : reason.slice(0, cut)).trim() || 'other';
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
