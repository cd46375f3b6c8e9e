/**
 * The work one API connection may ask of the server at a time. Calls run a few at once; the
 * rest wait in a short queue and are started one per turn of the event loop (setImmediate), so
 * page requests and other connections get their turn between heavy calls, and after a call that
 * held the event loop the connection rests as long (at most half the loop is one connection's);
 * no call starts while
 * the connection's unsent output is above a high-water mark (a client that does not read its
 * replies stops getting new work done, instead of piling replies up in memory); a request
 * beyond the queue is refused at once (the caller answers "busy"); and closing drops whatever
 * still waits, so a client that floods and disconnects costs at most the calls already running.
 */

export interface RequestQueueLimits {
  /** Calls of one connection running at once. */
  maxRunning: number;
  /** Calls waiting for a free slot; a request beyond maxRunning + maxWaiting unfinished ones is refused. */
  maxWaiting: number;
  /** Bytes of request text waiting; beyond it a request is refused (one request always fits an empty queue). */
  maxWaitingBytes: number;
  /** Unsent reply bytes above which no further call is started. */
  highWaterBytes: number;
}

/** Defaults: generous for the console (its start-up burst is about twenty calls), tight for a flood. */
export const DEFAULT_REQUEST_LIMITS: RequestQueueLimits = {
  maxRunning: 4,
  maxWaiting: 64,
  maxWaitingBytes: 16 * 1024 * 1024,
  highWaterBytes: 1024 * 1024,
};

/** How often work held back by unsent output looks again, besides being told by outputSent(). */
const OUTPUT_RECHECK_MS = 50;
/** A call that held the event loop this long makes its connection rest as long before its next one. */
const HEAVY_CALL_MS = 10;
const MAX_REST_MS = 1_000;

export interface RequestQueueOptions<T> {
  limits: RequestQueueLimits;
  /** Runs one accepted item; must not reject (failures are answered by the caller). */
  run: (item: T) => Promise<void>;
  /** Bytes written to the connection but not yet sent (ws `bufferedAmount`). */
  unsentBytes: () => number;
}

export interface RequestQueueState {
  running: number;
  waiting: number;
  waitingBytes: number;
}

export class RequestQueue<T> {
  private readonly waiting: Array<{ item: T; bytes: number }> = [];
  private waitingBytes = 0;
  private running = 0;
  private closed = false;
  /** The next turn that may start a call. */
  private turn: NodeJS.Immediate | null = null;
  /** The turn after a call started: measures how long that call held the event loop. */
  private measuring: NodeJS.Immediate | null = null;
  /** A pause: resting after a heavy call, or waiting for unsent output to go. */
  private pause: NodeJS.Timeout | null = null;
  private pausedForOutput = false;
  private restUntil = 0;

  constructor(private readonly options: RequestQueueOptions<T>) {}

  /** Accepts an item to run when a slot is free; false when the queue is full or closed (answer "busy"). Never throws. */
  offer(item: T, bytes: number): boolean {
    if (this.closed) return false;
    const { maxRunning, maxWaiting, maxWaitingBytes } = this.options.limits;
    // Counted together: a burst that arrives before any call started may fill the running slots too.
    if (this.running + this.waiting.length >= maxRunning + maxWaiting) return false;
    if (this.waiting.length > 0 && this.waitingBytes + bytes > maxWaitingBytes) return false;
    this.waiting.push({ item, bytes });
    this.waitingBytes += bytes;
    this.schedule();
    return true;
  }

  /** Tells the queue that output was sent (a send callback): work held back for the high-water mark may start. */
  outputSent(): void {
    if (this.pause !== null && this.pausedForOutput) {
      clearTimeout(this.pause);
      this.pause = null;
    }
    if (this.waiting.length > 0) this.schedule();
  }

  /** Drops everything waiting; calls already running finish (their replies have nowhere to go). */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.waitingBytes = 0;
    if (this.turn !== null) clearImmediate(this.turn);
    if (this.measuring !== null) clearImmediate(this.measuring);
    if (this.pause !== null) clearTimeout(this.pause);
    this.turn = null;
    this.measuring = null;
    this.pause = null;
  }

  state(): RequestQueueState {
    return { running: this.running, waiting: this.waiting.length, waitingBytes: this.waitingBytes };
  }

  private schedule(): void {
    if (this.closed || this.turn !== null || this.measuring !== null || this.pause !== null) return;
    this.turn = setImmediate(() => {
      this.turn = null;
      this.startOne();
    });
  }

  private pauseFor(ms: number, forOutput: boolean): void {
    this.pausedForOutput = forOutput;
    this.pause = setTimeout(() => {
      this.pause = null;
      this.schedule();
    }, ms);
  }

  /**
   * Starts at most one call per turn of the event loop. The turn after, it looks how long the
   * call held the loop (its synchronous work and the reply's serialisation); after a heavy one
   * the connection rests as long before its next call, so one connection gets at most about
   * half of the loop and every other socket and page request is served in between.
   */
  private startOne(): void {
    if (this.closed || this.waiting.length === 0) return;
    const { maxRunning, highWaterBytes } = this.options.limits;
    if (this.running >= maxRunning) return; // a finishing call schedules the next turn
    // outputSent() is the usual wake-up; the timer covers output sent without a callback (pushed events).
    if (this.options.unsentBytes() > highWaterBytes) return this.pauseFor(OUTPUT_RECHECK_MS, true);
    const now = performance.now();
    if (now < this.restUntil) return this.pauseFor(Math.ceil(this.restUntil - now), false);
    const next = this.waiting.shift() as { item: T; bytes: number };
    this.waitingBytes -= next.bytes;
    this.running++;
    const finished = (): void => {
      this.running--;
      this.schedule();
    };
    this.options.run(next.item).then(finished, finished);
    this.measuring = setImmediate(() => {
      this.measuring = null;
      const held = performance.now() - now;
      if (held >= HEAVY_CALL_MS) this.restUntil = performance.now() + Math.min(held, MAX_REST_MS);
      this.schedule();
    });
  }
}
