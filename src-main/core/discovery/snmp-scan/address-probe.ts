import { FULL_MASK, type ProbeFindings, type ProbeMask } from './probe-codec';

/** The state of one address being probed (unicast, or a broadcast responder asked again). */
export class AddressProbe {
  /** Index in the scan's credentials of the set being tried. */
  credential: number;
  /** Attempt within that set, 0…retries. */
  attempt = 0;
  /** OIDs still asked (v1 agents drop one per noSuchName). */
  mask: ProbeMask;
  /** The first credential set an agent answered with, even if only with an error. */
  answeredBy: number | null;
  /** A request is awaiting its answer or deadline. */
  inFlight = false;
  /** Waiting in a retry queue. */
  queued = false;
  /** Listening time it last entered a retry queue. */
  queuedAt = 0;
  /** Answered or given up. */
  done = false;
  /** Given up as silent, but its request ids still route until `lingerUntil`: a late answer reopens it. */
  lingering = false;
  /** Listening time until which a given-up probe's ids route. */
  lingerUntil = 0;
  /** Counted in the scan's addressesDone (once, even if a late answer reopens it). */
  counted = false;
  /** Deadline of the request in flight (a deadline-queue entry with another time is stale). */
  dueAt = 0;
  /** Bumped per send: an SNMPv3 outcome for an older send is ignored. */
  serial = 0;
  /** The agent answered but is undecided: what it said, while the second look (its next hrDeviceType rows) is under way. */
  look: ProbeFindings | null = null;
  /** Every request id sent for this address, released together when it is done. */
  readonly ids: number[] = [];

  constructor(
    readonly address: string,
    credential: number,
    readonly via: 'unicast' | 'broadcast',
    answeredBy: number | null = null,
    mask: ProbeMask = FULL_MASK,
  ) {
    this.credential = credential;
    this.answeredBy = answeredBy;
    this.mask = mask;
  }
}

/** Where a request id leads: the address it probed (null for a broadcast) and what was asked. */
export interface Route {
  readonly probe: AddressProbe | null;
  readonly credential: number;
  readonly mask: ProbeMask;
  /** The request was the second look, not the probe. */
  readonly look: boolean;
  /** Listening time the request left (see listening-clock.ts). */
  readonly sentAt: number;
}

/** A FIFO of probes awaiting another attempt; answered ones are skipped when they come up. */
export class RetryQueue {
  private items: AddressProbe[] = [];
  private head = 0;

  /** Queues `probe` (listening time `now`) unless it is queued already or done. */
  push(probe: AddressProbe, now = 0): void {
    if (probe.queued || probe.done) return;
    probe.queued = true;
    probe.queuedAt = now;
    this.items.push(probe);
  }

  /** Entries held, settled ones not yet skipped included: what the queue costs in memory. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** The first probe still waiting, without removing it. */
  peek(): AddressProbe | undefined {
    while (this.head < this.items.length) {
      const probe = this.items[this.head] as AddressProbe;
      if (!probe.done) return probe;
      probe.queued = false;
      this.head++;
    }
    if (this.head > 0) {
      this.items = [];
      this.head = 0;
    }
    return undefined;
  }

  /** Removes the probe `peek` returned. */
  shift(): void {
    const probe = this.items[this.head];
    if (!probe) return;
    probe.queued = false;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  get empty(): boolean {
    return this.peek() === undefined;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
