import type { Clock } from '../../src-main/core/monitor/clock';

/** A Clock whose time moves only when a test says so; timers fire in due order during advance(). */
export class FakeClock implements Clock {
  private timers: Array<{ id: number; due: number; callback: () => void }> = [];
  private nextId = 1;

  constructor(private at = 1_700_000_000_000) {}

  now(): number {
    return this.at;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ id, due: this.at + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including ones set meanwhile). */
  advance(ms: number): void {
    const end = this.at + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next || next.due > end) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.at = next.due;
      next.callback();
    }
    this.at = end;
  }
}
