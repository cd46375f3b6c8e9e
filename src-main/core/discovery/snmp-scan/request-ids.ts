import { REQUEST_ID_MAX, REQUEST_ID_MIN } from './probe-codec';

const SPAN = REQUEST_ID_MAX - REQUEST_ID_MIN + 1;

/**
 * The scan's own request-id space (SNMP-NOTES pitfall 1: net-snmp's random ids collide at
 * scale). Ids are sequential from a random start — no two requests in flight share one, and a
 * stray packet is unlikely to guess one — and skip ids still in use after a wrap-around.
 */
export class RequestIds {
  private next: number;
  private issued = 0;

  /** `start` (for tests) defaults to a random id of the space. */
  constructor(start: number = REQUEST_ID_MIN + Math.floor(Math.random() * SPAN)) {
    if (!Number.isInteger(start) || start < REQUEST_ID_MIN || start > REQUEST_ID_MAX) throw new RangeError(`start id ${start} outside ${REQUEST_ID_MIN}–${REQUEST_ID_MAX}`);
    this.next = start;
  }

  /** The next id for which `inUse` is false; throws only if every id of the space is in use. */
  take(inUse: (id: number) => boolean): number {
    for (let tries = 0; tries < SPAN; tries++) {
      const id = this.next;
      this.next = id === REQUEST_ID_MAX ? REQUEST_ID_MIN : id + 1;
      this.issued++;
      if (!inUse(id)) return id;
    }
    throw new Error('every request id is in use');
  }

  /** True when `id` was handed out by this space (then a reply with it is late or repeated, not foreign). */
  wasIssued(id: number): boolean {
    if (!Number.isInteger(id) || id < REQUEST_ID_MIN || id > REQUEST_ID_MAX) return false;
    const last = this.next === REQUEST_ID_MIN ? REQUEST_ID_MAX : this.next - 1;
    const behind = (last - id + SPAN) % SPAN;
    return behind < Math.min(this.issued, SPAN);
  }
}
