import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineTracker } from '../../../src-main/core/snmp/request-deadlines';

describe('DeadlineTracker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('expires a request whose callback never comes, once its deadline has passed', () => {
    vi.useFakeTimers();
    const tracker = new DeadlineTracker<{ deadline: number; expire: () => void }>({ periodMs: 100, now: () => Date.now() });
    const expired: string[] = [];
    const start = Date.now();
    tracker.add({ deadline: start + 250, expire: () => expired.push('hung') });
    const answered = { deadline: start + 250, expire: () => expired.push('answered') };
    tracker.add(answered);
    tracker.delete(answered);

    vi.advanceTimersByTime(200);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(expired).toEqual(['hung']);
    expect(tracker.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hands back everything still in flight on drain', () => {
    vi.useFakeTimers();
    const tracker = new DeadlineTracker<{ deadline: number; expire: () => void; name: string }>();
    tracker.add({ deadline: 1e12, expire: () => undefined, name: 'a' });
    tracker.add({ deadline: 1e12, expire: () => undefined, name: 'b' });
    expect(tracker.drain().map((x) => x.name)).toEqual(['a', 'b']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
