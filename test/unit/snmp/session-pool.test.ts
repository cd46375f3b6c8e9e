import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionPool, type PooledSession } from '../../../src-main/core/snmp/session-pool';

function aSession(name: string, closed: string[], lastUsed = Date.now()): PooledSession {
  return { inFlight: 0, lastUsed, dispose: () => closed.push(name) };
}

describe('SessionPool', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes sessions idle for idleMs, never one with requests in flight', () => {
    vi.useFakeTimers();
    const closed: string[] = [];
    const pool = new SessionPool({ idleMs: 1000, now: () => Date.now() });
    const idle = aSession('idle', closed);
    const busy = { ...aSession('busy', closed), inFlight: 1 };
    pool.add('idle', idle);
    pool.add('busy', busy);

    vi.advanceTimersByTime(1500);
    expect(closed).toEqual(['idle']);
    expect(pool.get('idle')).toBeUndefined();
    expect(pool.get('busy')).toBe(busy);

    busy.inFlight = 0;
    vi.advanceTimersByTime(1500);
    expect(closed).toEqual(['idle', 'busy']);
    expect(pool.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('closes everything on closeAll', () => {
    const closed: string[] = [];
    const pool = new SessionPool({ idleMs: 10_000, now: () => Date.now() });
    pool.add('a', aSession('a', closed));
    pool.add('b', aSession('b', closed));
    pool.closeAll();
    expect(closed.sort()).toEqual(['a', 'b']);
    expect(pool.size).toBe(0);
  });
});
