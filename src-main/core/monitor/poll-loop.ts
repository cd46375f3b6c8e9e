import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { InventoryService, RoundOutcome, SnmpSettings } from '../inventory/inventory.service';
import type { DevicesRepository } from '../store/devices.repository';
import type { Clock } from './clock';
import type { RoundReporter } from './round-reporter';

/** Ten minutes: printers change slowly, and a fleet of thousands is polled in seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 10 * 60_000;
/** The shortest interval allowed (demos and tests poll every few seconds). */
export const MIN_POLL_INTERVAL_MS = 1_000;
/** poll.progress is pushed at most this often during a round (plus its start and end). */
const PROGRESS_EVERY_MS = 500;
/** History older than this is pruned, checked once a day. */
const HISTORY_RETENTION_MS = 395 * 24 * 3600_000;
const PRUNE_EVERY_MS = 24 * 3600_000;

export interface PollLoopDeps {
  inventory: Pick<InventoryService, 'pollStored'>;
  devices: Pick<DevicesRepository, 'countDevices' | 'pruneHistory'>;
  reporter: Pick<RoundReporter, 'before' | 'after'>;
  events: EventHub<AppEvents>;
  clock: Clock;
  snmp: SnmpSettings;
  intervalMs?: number;
  log?: (line: string) => void;
}

/** What one round did. */
export interface RoundReport {
  total: number;
  read: number;
  failed: number;
  ms: number;
}

/**
 * Periodic monitoring: every interval, a routine poll of every stored device
 * (InventoryService.pollStored), its events (poll.progress, devices.changed, device.status)
 * and, once a day, history pruning. A tick that finds a round still running is skipped.
 * Nothing runs before start(); pause/resume only stop and restart the timer.
 */
export class PollLoop {
  readonly intervalMs: number;
  private monitoring = true;
  private started = false;
  private disposed = false;
  private timer: unknown = null;
  private running: Promise<RoundReport> | null = null;
  private abort: AbortController | null = null;
  private lastPrune = Number.NEGATIVE_INFINITY;

  /** Throws RangeError for an interval below MIN_POLL_INTERVAL_MS or not a whole number. */
  constructor(private readonly deps: PollLoopDeps) {
    const interval = deps.intervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    if (!Number.isInteger(interval) || interval < MIN_POLL_INTERVAL_MS) {
      throw new RangeError(`pollIntervalMs ${interval} must be a whole number of ms ≥ ${MIN_POLL_INTERVAL_MS}`);
    }
    this.intervalMs = interval;
  }

  /** Whether periodic rounds are enabled (they run only after start()). */
  get isMonitoring(): boolean {
    return this.monitoring;
  }

  /** Whether a round is under way. */
  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Starts the timer: the first round at once, then one every interval. Idempotent. */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    if (this.monitoring) this.schedule(0);
  }

  /** Pauses or resumes periodic rounds; a round under way finishes. Resuming polls at once. */
  setMonitoring(enabled: boolean): void {
    if (this.monitoring === enabled) return;
    this.monitoring = enabled;
    this.cancelTimer();
    if (enabled && this.started && !this.disposed) this.schedule(0);
  }

  /**
   * Runs one round now, unless one is running (then null: the round under way will report).
   * Never rejects: a failing round is logged and reported with every device failed.
   */
  async runRound(): Promise<RoundReport | null> {
    if (this.running || this.disposed) return null;
    this.running = this.round().finally(() => {
      this.running = null;
      this.abort = null;
    });
    return this.running;
  }

  /** Stops the timer, cancels a round under way and waits for it to end. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelTimer();
    this.abort?.abort();
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = this.deps.clock.setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (this.disposed || !this.monitoring) return;
    // Fixed rate: the next tick is due one interval after this one, whatever the round takes.
    this.schedule(this.intervalMs);
    if (this.running) {
      this.deps.log?.('monitor: previous poll round still running; this round is skipped');
      return;
    }
    void this.runRound();
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async round(): Promise<RoundReport> {
    const { inventory, reporter, events, clock } = this.deps;
    const started = clock.now();
    this.abort = new AbortController();
    let lastProgress = started;
    let total = 0;
    let outcomes: RoundOutcome[] = [];
    try {
      reporter.before();
      total = this.deps.devices.countDevices();
      events.emit('poll.progress', { done: 0, total, finished: false });
      outcomes = await inventory.pollStored(this.deps.snmp, {
        signal: this.abort.signal,
        onProgress: (done, of) => {
          total = of;
          const now = clock.now();
          if (now - lastProgress < PROGRESS_EVERY_MS || done === of) return;
          lastProgress = now;
          events.emit('poll.progress', { done, total: of, finished: false });
        },
      });
      reporter.after(outcomes);
      this.pruneWhenDue();
    } catch (error) {
      this.deps.log?.(`monitor: poll round failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    events.emit('poll.progress', { done: outcomes.length, total, finished: true });
    const read = outcomes.filter((o) => o.reading.ok).length;
    return { total, read, failed: total - read, ms: clock.now() - started };
  }

  private pruneWhenDue(): void {
    const now = this.deps.clock.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.deps.devices.pruneHistory(now - HISTORY_RETENTION_MS);
  }
}
