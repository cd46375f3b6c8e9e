/**
 * Deadlines of the probes in flight, earliest first, swept by the scan's one interval timer
 * instead of a timer per probe. A scan uses one timeout, so deadlines arrive in order and a push
 * is an append; an earlier deadline (a shorter timeout) is inserted by binary search. Entries are
 * never removed early: a probe that was answered is recognised as stale when its entry comes due
 * (the caller compares a serial), which keeps answering O(1).
 */
const NOTHING_DUE: readonly never[] = Object.freeze([]);

export class DeadlineQueue<T> {
  private ats: number[] = [];
  private items: T[] = [];
  private head = 0;

  get size(): number {
    return this.ats.length - this.head;
  }

  /** The earliest deadline, or undefined when empty. */
  peek(): number | undefined {
    return this.ats[this.head];
  }

  /** Adds `item` due at `at`; never throws. */
  push(at: number, item: T): void {
    const n = this.ats.length;
    if (n === this.head || (this.ats[n - 1] as number) <= at) {
      this.ats.push(at);
      this.items.push(item);
      return;
    }
    // After every entry due at the same time: equal deadlines leave in the order they came.
    let low = this.head;
    let high = n;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.ats[mid] as number) <= at) low = mid + 1;
      else high = mid;
    }
    this.ats.splice(low, 0, at);
    this.items.splice(low, 0, item);
  }

  /** Removes and returns the entries due at or before `now`, earliest first. */
  popDue(now: number): readonly T[] {
    if (this.head === this.ats.length || (this.ats[this.head] as number) > now) return NOTHING_DUE;
    const due: T[] = [];
    while (this.head < this.ats.length && (this.ats[this.head] as number) <= now) {
      due.push(this.items[this.head] as T);
      this.head++;
    }
    this.compact();
    return due;
  }

  /** Drops every entry. */
  clear(): void {
    this.ats = [];
    this.items = [];
    this.head = 0;
  }

  /** Reclaims the consumed prefix once it is the larger half, so memory follows what is in flight. */
  private compact(): void {
    if (this.head === this.ats.length) {
      this.clear();
    } else if (this.head > 1024 && this.head * 2 > this.ats.length) {
      this.ats = this.ats.slice(this.head);
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
