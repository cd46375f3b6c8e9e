import type { AddressProbe, Route } from './address-probe';
import { DeadlineQueue } from './deadline-queue';

/**
 * Addresses given up as silent whose request ids still route for one more timeout, so that an
 * answer that comes late (a slow agent, a reply that waited out an event-loop stall) still
 * finds its address while the scan runs. Memory follows the rate times the timeout, like the
 * requests in flight.
 */
export class LingeringProbes {
  private readonly queue = new DeadlineQueue<AddressProbe>();

  constructor(
    private readonly routes: Map<number, Route>,
    private readonly lingerMs: number,
  ) {}

  /** Keeps routing the ids of a given-up probe until `now` + the linger time (a probe without ids, SNMPv3, has nothing to route). */
  add(probe: AddressProbe, now: number): void {
    if (probe.ids.length === 0) return;
    probe.lingering = true;
    probe.lingerUntil = now + this.lingerMs;
    this.queue.push(probe.lingerUntil, probe);
  }

  /** Stops routing the ids of the probes whose time is over (a probe reopened since, or lingering again, is left alone). */
  expire(now: number): void {
    for (const probe of this.queue.popDue(now)) {
      if (!probe.lingering || probe.lingerUntil > now) continue;
      probe.lingering = false;
      for (const id of probe.ids) this.routes.delete(id);
    }
  }

  /** A lingering probe answered after all: it is open again (done false) under `credential`; false when it was not lingering. */
  reopen(probe: AddressProbe, credential: number): boolean {
    if (!probe.lingering) return false;
    probe.lingering = false;
    probe.done = false;
    probe.credential = credential;
    return true;
  }

  clear(): void {
    this.queue.clear();
  }
}
