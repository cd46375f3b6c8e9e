import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { InventoryService, RoundOutcome, SnmpSettings } from '../inventory/inventory.service';
import type { ActivityReporter } from '../metrics/console-activity';
import type { DevicesRepository } from '../store/devices.repository';
import type { Clock } from './clock';
import type { RoundReporter } from './round-reporter';
import { planSlices, sliceCount } from './poll-slices';

/** Ten minutes: printers change slowly, and a fleet of thousands is polled in seconds. */
export const DEFAULT_POLL_INTERVAL_MS = 10 * 60_000;
/** The shortest interval allowed (demos and tests poll every few seconds). */
export const MIN_POLL_INTERVAL_MS = 1_000;
/** poll.progress is pushed at most this often during a round (plus its start and end). */
const PROGRESS_EVERY_MS = 500;
/** History older than this is pruned; history maintenance runs once a day, after a round. */
const HISTORY_RETENTION_MS = 395 * 24 * 3600_000;
const MAINTAIN_EVERY_MS = 24 * 3600_000;
/** A maintenance run stops after this many steps (a day's work is a few hundred); the next day's run goes on. */
const MAX_MAINTENANCE_STEPS = 100_000;

export interface PollLoopDeps {
  inventory: Pick<InventoryService, 'pollStored'>;
  devices: Pick<DevicesRepository, 'countDevices' | 'maintainHistory' | 'listPollTargets'>;
  reporter: Pick<RoundReporter, 'before' | 'after'>;
  events: EventHub<AppEvents>;
  clock: Clock;
  snmp: SnmpSettings;
  intervalMs?: number;
  /**
   * Spread timed rounds across the interval: devices are polled in slices (each device in a
   * stable slice) instead of one burst. Off by default; runRound() always polls everything at once.
   */
  spread?: boolean;
  /** Called after each poll that saved readings (a round, a slice, a re-poll), after the reporter. */
  onPolled?: (outcomes: readonly RoundOutcome[]) => void;
  /** Told of every round that ends ('poll.round'), for the console's own statistics. */
  activity?: ActivityReporter;
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
 * (InventoryService.pollStored) — at once or spread in slices across the interval — its
 * events (poll.progress, devices.changed, device.status) and, once a day, history maintenance
 * (pruning, thinning, giving space back) in small steps between which polls go on.
 * A tick that finds a round still running is skipped. Polls never overlap: slices, manual
 * rounds and re-polls (pollNow, for traps) take turns. Nothing runs before start().
 */
export class PollLoop {
  private interval: number;
  private monitoring = true;
  private started = false;
  private disposed = false;
  private timer: unknown = null;
  private lastTick: number | null = null;
  private running: Promise<RoundReport> | null = null;
  private abort: AbortController | null = null;
  private readonly lifetime = new AbortController();
  private turn: Promise<unknown> = Promise.resolve();
  private lastMaintenance = Number.NEGATIVE_INFINITY;
  private maintenance: Promise<void> | null = null;

  /** Throws RangeError for an interval below MIN_POLL_INTERVAL_MS or not a whole number. */
  constructor(private readonly deps: PollLoopDeps) {
    this.interval = checkInterval(deps.intervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  }

  /** The monitoring period in ms. */
  get intervalMs(): number {
    return this.interval;
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

  /**
   * Changes the interval: the next tick comes one new interval after the last one (at once when
   * that is past). A round under way keeps its slices. Throws RangeError as the constructor does.
   */
  setIntervalMs(ms: number): void {
    this.interval = checkInterval(ms);
    if (this.timer === null || this.lastTick === null) return;
    this.cancelTimer();
    this.schedule(Math.max(0, this.lastTick + ms - this.deps.clock.now()));
  }

  /** Pauses or resumes periodic rounds; a round under way finishes. Resuming polls at once. */
  setMonitoring(enabled: boolean): void {
    if (this.monitoring === enabled) return;
    this.monitoring = enabled;
    this.cancelTimer();
    if (enabled && this.started && !this.disposed) this.schedule(0);
  }

  /**
   * Runs one round of every device now, unless one is running (then null: the round under way
   * will report). Never rejects: a failing round is logged and reported with every device failed.
   */
  async runRound(): Promise<RoundReport | null> {
    return this.startRound(false);
  }

  /**
   * Polls the given devices now (a trap came from them), in turn with the round under way.
   * Resolves with what was saved; never rejects (a failure is logged; [] after dispose()).
   */
  async pollNow(ids: readonly number[]): Promise<RoundOutcome[]> {
    if (this.disposed || ids.length === 0) return [];
    try {
      return await this.poll(ids, this.lifetime.signal);
    } catch (error) {
      this.deps.log?.(`monitor: re-poll of ${ids.join(', ')} failed: ${describe(error)}`);
      return [];
    }
  }

  /** Stops the timer, cancels a round under way and waits for it (every re-poll and history maintenance) to end. Idempotent. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancelTimer();
    this.abort?.abort();
    this.lifetime.abort();
    await this.running;
    await this.turn;
    await this.maintenance;
  }

  private startRound(sliced: boolean): Promise<RoundReport | null> {
    if (this.running || this.disposed) return Promise.resolve(null);
    this.running = this.round(sliced).finally(() => {
      this.running = null;
      this.abort = null;
    });
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = this.deps.clock.setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (this.disposed || !this.monitoring) return;
    this.lastTick = this.deps.clock.now();
    // Fixed rate: the next tick is due one interval after this one, whatever the round takes.
    this.schedule(this.interval);
    if (this.running) {
      this.deps.log?.('monitor: previous poll round still running; this round is skipped');
      return;
    }
    void this.startRound(this.deps.spread === true);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async round(sliced: boolean): Promise<RoundReport> {
    const { events, clock } = this.deps;
    const started = clock.now();
    const abort = (this.abort = new AbortController());
    let lastProgress = started;
    let total = 0;
    let done = 0;
    let read = 0;
    // Time spent polling: a spread round's waits between slices are not work.
    let busyMs = 0;
    // A round spread over the interval reports each slice as a short round of its own: the
    // header shows "polling" while a slice runs, not for the whole interval.
    let perSlice = false;
    try {
      total = this.deps.devices.countDevices();
      const count = sliced ? sliceCount(this.interval) : 1;
      const slices = count > 1 ? planSlices(this.deps.devices.listPollTargets().map((t) => t.id), count) : [undefined];
      perSlice = slices.length > 1;
      if (!perSlice) events.emit('poll.progress', { done: 0, total, finished: false });
      const sliceMs = this.interval / count;
      for (const [k, ids] of slices.entries()) {
        if (k > 0) await this.sleepUntil(started + k * sliceMs, abort.signal);
        if (abort.signal.aborted) break;
        if (ids?.length === 0) continue;
        const before = done;
        const sliceTotal = ids?.length ?? 0;
        if (perSlice) events.emit('poll.progress', { done: 0, total: sliceTotal, finished: false });
        const sliceStarted = clock.now();
        const outcomes = await this.poll(ids, abort.signal, (n, of) => {
          done = before + n;
          if (ids === undefined) total = of;
          const now = clock.now();
          if (now - lastProgress < PROGRESS_EVERY_MS || done === total) return;
          lastProgress = now;
          events.emit('poll.progress', perSlice ? { done: n, total: sliceTotal, finished: false } : { done, total, finished: false });
        });
        busyMs += clock.now() - sliceStarted;
        done = before + outcomes.length;
        read += outcomes.filter((o) => o.reading.ok).length;
        if (perSlice) events.emit('poll.progress', { done: outcomes.length, total: sliceTotal, finished: true });
      }
      this.maintainWhenDue();
    } catch (error) {
      this.deps.log?.(`monitor: poll round failed: ${describe(error)}`);
    }
    // Always closes the round, also after a failure or cancel within a slice.
    events.emit('poll.progress', { done, total, finished: true });
    this.deps.activity?.emit('poll.round', { ms: busyMs, polled: done, read, failed: done - read });
    return { total, read, failed: total - read, ms: clock.now() - started };
  }

  /** One pollStored (all devices when `ids` is undefined) with its events, in turn with every other poll. */
  private poll(ids: readonly number[] | undefined, signal: AbortSignal, onProgress?: (done: number, of: number) => void): Promise<RoundOutcome[]> {
    const { inventory, reporter } = this.deps;
    const run = async (): Promise<RoundOutcome[]> => {
      if (signal.aborted) return [];
      reporter.before();
      const outcomes = await inventory.pollStored(this.deps.snmp, { ids, signal, onProgress });
      reporter.after(outcomes);
      try {
        this.deps.onPolled?.(outcomes);
      } catch (error) {
        this.deps.log?.(`monitor: after-poll hook failed: ${describe(error)}`);
      }
      return outcomes;
    };
    const result = this.turn.then(run, run);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private sleepUntil(at: number, signal: AbortSignal): Promise<void> {
    const { clock } = this.deps;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const onAbort = (): void => {
        clock.clearTimeout(handle);
        resolve();
      };
      const handle = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, at - clock.now()));
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Starts the day's history maintenance when due; it runs on after the round, beside the next polls. */
  private maintainWhenDue(): void {
    const now = this.deps.clock.now();
    if (this.maintenance !== null || this.disposed || now - this.lastMaintenance < MAINTAIN_EVERY_MS) return;
    this.lastMaintenance = now;
    this.maintenance = this.maintain().finally(() => {
      this.maintenance = null;
    });
  }

  /** Runs maintenance steps until done, yielding to the event loop (polls, the UI's reads) after each. Never rejects. */
  private async maintain(): Promise<void> {
    const { devices, clock, log } = this.deps;
    let deleted = 0;
    let pagesFreed = 0;
    let steps = 0;
    try {
      for (; steps < MAX_MAINTENANCE_STEPS && !this.disposed; steps++) {
        const now = clock.now();
        const step = devices.maintainHistory(now, now - HISTORY_RETENTION_MS);
        if (step.done) break;
        deleted += step.deleted;
        pagesFreed += step.pagesFreed;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      log?.(`monitor: history maintenance failed (it runs again tomorrow): ${describe(error)}`);
    }
    if (deleted > 0 || pagesFreed > 0) {
      log?.(`monitor: history maintenance: ${deleted} old history rows thinned or pruned, ${pagesFreed} free pages given back (${steps} steps)`);
    }
  }
}

function checkInterval(interval: number): number {
  if (!Number.isInteger(interval) || interval < MIN_POLL_INTERVAL_MS) {
    throw new RangeError(`pollIntervalMs ${interval} must be a whole number of ms ≥ ${MIN_POLL_INTERVAL_MS}`);
  }
  return interval;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
