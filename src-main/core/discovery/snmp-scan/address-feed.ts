import { isIPv4 } from 'node:net';
import { AddressProbe } from './address-probe';

/**
 * The addresses of a unicast scan, pulled one at a time as sending allows: a /16 given as a
 * generator is never materialised. The next probe is held until a token lets it go.
 */
export class AddressFeed {
  private held: AddressProbe | null = null;
  private pulled = 0;
  private ended: boolean;

  constructor(private readonly addresses: Iterator<string> | undefined) {
    this.ended = addresses === undefined;
  }

  /** No address left, none held. */
  get idle(): boolean {
    return this.ended && this.held === null;
  }

  /** The next address's probe, not yet taken; throws RangeError for a value that is not IPv4 (and whatever the iterator throws). */
  peek(): AddressProbe | null {
    if (this.held || this.ended) return this.held;
    const next = (this.addresses as Iterator<string>).next();
    if (next.done) {
      this.ended = true;
      return null;
    }
    this.pulled++;
    if (typeof next.value !== 'string' || !isIPv4(next.value)) {
      this.ended = true;
      throw new RangeError(`SNMP scan: address #${this.pulled} (${JSON.stringify(next.value)}) is not an IPv4 address`);
    }
    this.held = new AddressProbe(next.value, 0, 'unicast');
    return this.held;
  }

  /** Takes the probe `peek` returned. */
  take(): void {
    this.held = null;
  }

  /** Drops the held probe and stops pulling. */
  clear(): void {
    this.held = null;
    this.ended = true;
  }
}
