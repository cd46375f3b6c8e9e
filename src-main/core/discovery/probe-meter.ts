/**
 * The rate and time left a search reports. Fed a sample (packets sent, addresses probed) each
 * time progress is told; the rate is measured over the last seconds while probing, and once the
 * probes are done it is the highest rate they were measured at (what the search probed at, not
 * how quiet it has been since: a small range is sent in a fraction of a second and then waits
 * out its timeouts, so an average over the probing would read far below the rate asked).
 *
 * The meter it replaces measured over windows that started only a whole second after the last
 * one: the first second of every search read "0 packets/s, time left unknown" (a 200-address
 * range at 1,000/s was sent long before), and a finished search showed the rate of its idle
 * reading phase ("6 packets/s").
 */

/** Samples older than this leave the window. */
const WINDOW_MS = 2000;
/** A span shorter than this is too short to tell a rate (a first burst of a few packets). */
const MIN_SPAN_MS = 200;

interface Sample {
  at: number;
  sent: number;
  probed: number;
}

export interface MeterReading {
  /** Probe packets per second (0 until a span can be measured). */
  packetsPerSecond: number;
  /** Seconds until the probing ends; null while it cannot be told; 0 once it has ended. */
  etaSeconds: number | null;
}

export class ProbeMeter {
  private readonly samples: Sample[];
  private probingEnded: Sample | null = null;
  /** The highest rate measured over a window while probing. */
  private peak = 0;

  /**
   * @param startedAt when the search began (ms, the clock of `sample`)
   * @param tailSeconds how long the last addresses sent may still wait for an answer (timeout × attempts)
   */
  constructor(
    private readonly startedAt: number,
    private readonly tailSeconds: number,
  ) {
    this.samples = [{ at: startedAt, sent: 0, probed: 0 }];
  }

  /** Records what was sent and probed by `at`. */
  sample(at: number, sent: number, probed: number): void {
    if (this.probingEnded) return;
    const last = this.samples[this.samples.length - 1];
    if (last && at <= last.at) {
      last.sent = Math.max(last.sent, sent);
      last.probed = Math.max(last.probed, probed);
    } else this.samples.push({ at, sent, probed });
    // Keep one sample at or before the window's start so the span covers the whole window.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= at - WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const newest = this.samples[this.samples.length - 1];
    if (first && newest && newest.at - first.at >= MIN_SPAN_MS) this.peak = Math.max(this.peak, ((newest.sent - first.sent) * 1000) / (newest.at - first.at));
  }

  /** The probes are done (reading or finished follows): the rate is frozen at the highest one measured (the average when none was). */
  endProbing(at: number, sent: number, probed: number): void {
    if (this.probingEnded) return;
    this.sample(at, sent, probed);
    this.probingEnded = { at, sent, probed };
  }

  /** Rate and time left for `total` addresses to probe. */
  read(total: number): MeterReading {
    const ended = this.probingEnded;
    if (ended) {
      const seconds = (ended.at - this.startedAt) / 1000;
      const average = seconds > 0 ? ended.sent / seconds : 0;
      return { packetsPerSecond: Math.max(this.peak, average), etaSeconds: 0 };
    }
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < MIN_SPAN_MS) return { packetsPerSecond: 0, etaSeconds: null };
    const seconds = (last.at - first.at) / 1000;
    const packetsPerSecond = (last.sent - first.sent) / seconds;
    const addressesPerSecond = (last.probed - first.probed) / seconds;
    const remaining = Math.max(0, total - last.probed);
    let etaSeconds: number | null = null;
    if (remaining === 0) etaSeconds = 0;
    else if (addressesPerSecond > 0) etaSeconds = Math.round(remaining / addressesPerSecond);
    // Nothing finished yet (silent addresses wait out their timeout): at least the sending of
    // what is left, then the wait of the last ones.
    else if (packetsPerSecond > 0) etaSeconds = Math.round(remaining / packetsPerSecond + this.tailSeconds);
    return { packetsPerSecond, etaSeconds };
  }
}
