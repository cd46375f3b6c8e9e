import { describe, expect, it } from 'vitest';
import { AddressFeed } from '../../../src-main/core/discovery/snmp-scan/address-feed';
import { AddressProbe, RetryQueue } from '../../../src-main/core/discovery/snmp-scan/address-probe';
import { DeadlineQueue } from '../../../src-main/core/discovery/snmp-scan/deadline-queue';
import { REQUEST_ID_MAX, REQUEST_ID_MIN } from '../../../src-main/core/discovery/snmp-scan/probe-codec';
import { RequestIds } from '../../../src-main/core/discovery/snmp-scan/request-ids';
import { resolveOptions } from '../../../src-main/core/discovery/snmp-scan/scan-options';
import { SendOrder } from '../../../src-main/core/discovery/snmp-scan/send-order';
import { TokenBucket } from '../../../src-main/core/discovery/snmp-scan/token-bucket';

/** A clock that moves only when told to. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('token bucket pacing', () => {
  it('holds only a few milliseconds of the rate, so a pump cannot burst a second’s worth', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(1000, clock.now);
    let taken = 0;
    while (bucket.tryTake()) taken++;
    expect(taken).toBe(bucket.capacity);
    expect(bucket.capacity).toBeLessThanOrEqual(5);
    clock.advance(10_000); // idle for 10 s: still no more than the burst
    taken = 0;
    while (bucket.tryTake()) taken++;
    expect(taken).toBe(bucket.capacity);
  });

  it('sends exactly the rate over time when pumped every millisecond, spread evenly', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(5000, clock.now);
    while (bucket.tryTake()); // start empty
    const perMs: number[] = [];
    for (let ms = 0; ms < 1000; ms++) {
      clock.advance(1);
      let n = 0;
      while (bucket.tryTake()) n++;
      perMs.push(n);
    }
    expect(perMs.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(Math.max(...perMs)).toBe(5);
    expect(Math.min(...perMs)).toBe(5);
  });

  it('makes up for a late timer only up to its capacity', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(50_000, clock.now);
    while (bucket.tryTake());
    clock.advance(3); // a timer 3 ms late: 150 packets are due, the 4 ms bucket holds them
    let n = 0;
    while (bucket.tryTake()) n++;
    expect(n).toBe(150);
    clock.advance(100); // an event loop stalled 100 ms does not release 5,000 at once
    n = 0;
    while (bucket.tryTake()) n++;
    expect(n).toBe(bucket.capacity);
    expect(bucket.capacity).toBe(200);
  });

  it('says how long until tokens come, and takes several at once (an SNMPv3 attempt) only when all are there', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(100, clock.now);
    expect(bucket.capacity).toBe(2);
    expect(bucket.tryTake(2)).toBe(true);
    expect(bucket.tryTake(1)).toBe(false);
    expect(bucket.waitMs(2)).toBe(20);
    clock.advance(10);
    expect(bucket.tryTake(2)).toBe(false);
    expect(bucket.waitMs(2)).toBe(10);
    clock.advance(10);
    expect(bucket.tryTake(2)).toBe(true);
  });

  it('rejects a rate that is not positive', () => {
    expect(() => new TokenBucket(0, Date.now)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN, Date.now)).toThrow(RangeError);
  });
});

describe('deadline queue', () => {
  it('pops due entries earliest first and keeps the rest', () => {
    const queue = new DeadlineQueue<string>();
    queue.push(10, 'a');
    queue.push(20, 'b');
    queue.push(20, 'c');
    queue.push(30, 'd');
    expect(queue.popDue(9)).toEqual([]);
    expect(queue.popDue(20)).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(1);
    expect(queue.peek()).toBe(30);
    expect(queue.popDue(1_000)).toEqual(['d']);
    expect(queue.size).toBe(0);
    expect(queue.peek()).toBeUndefined();
  });

  it('inserts an earlier deadline in order, after equal ones', () => {
    const queue = new DeadlineQueue<string>();
    for (const [at, item] of [[50, 'late'], [10, 'early'], [30, 'mid-1'], [30, 'mid-2'], [5, 'first'], [30, 'mid-3']] as const) queue.push(at, item);
    expect(queue.popDue(100)).toEqual(['first', 'early', 'mid-1', 'mid-2', 'mid-3', 'late']);
  });

  it('stays ordered across many pushes and pops (memory follows what is pending)', () => {
    const queue = new DeadlineQueue<number>();
    const popped: number[] = [];
    for (let t = 0; t < 10_000; t++) {
      queue.push(t + 100, t);
      popped.push(...queue.popDue(t));
    }
    popped.push(...queue.popDue(Number.POSITIVE_INFINITY));
    expect(popped).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});

describe('request ids', () => {
  it('are sequential, wrap inside the four-byte range and skip ids in use', () => {
    const ids = new RequestIds(REQUEST_ID_MAX - 1);
    const inUse = new Set([REQUEST_ID_MIN]);
    const taken = [0, 1, 2].map(() => ids.take((id) => inUse.has(id)));
    expect(taken).toEqual([REQUEST_ID_MAX - 1, REQUEST_ID_MAX, REQUEST_ID_MIN + 1]);
  });

  it('tell a late reply (an id handed out) from a foreign one', () => {
    const ids = new RequestIds(REQUEST_ID_MAX - 1);
    for (let i = 0; i < 4; i++) ids.take(() => false);
    expect([REQUEST_ID_MAX - 1, REQUEST_ID_MAX, REQUEST_ID_MIN, REQUEST_ID_MIN + 1].every((id) => ids.wasIssued(id))).toBe(true);
    expect(ids.wasIssued(REQUEST_ID_MIN + 2)).toBe(false);
    expect(ids.wasIssued(REQUEST_ID_MAX - 2)).toBe(false);
    expect(ids.wasIssued(42)).toBe(false);
  });

  it('start at a random place by default', () => {
    const starts = new Set(Array.from({ length: 8 }, () => new RequestIds().take(() => false)));
    expect(starts.size).toBeGreaterThan(1);
  });
});

describe('retry queue', () => {
  it('is first in, first out, skips settled probes and never holds a probe twice', () => {
    const queue = new RetryQueue();
    const [a, b, c] = ['127.0.0.1', '127.0.0.2', '127.0.0.3'].map((address) => new AddressProbe(address, 0, 'unicast')) as [AddressProbe, AddressProbe, AddressProbe];
    queue.push(a);
    queue.push(b);
    queue.push(a);
    queue.push(c);
    b.done = true;
    const order: string[] = [];
    for (let p = queue.peek(); p; p = queue.peek()) {
      order.push(p.address);
      queue.shift();
    }
    expect(order).toEqual(['127.0.0.1', '127.0.0.3']);
    expect(queue.empty).toBe(true);
  });
});

describe('send order', () => {
  /** Takes what `order` offers at `now` and returns its address (null: nothing). */
  const next = (order: SendOrder, now: number): string | null => {
    const probe = order.peek(now);
    order.take();
    return probe?.address ?? null;
  };
  const probe = (address: string): AddressProbe => new AddressProbe(address, 0, 'unicast');

  it('sends follow-ups first, then new addresses before retries until a retry has waited one timeout, then the retries', () => {
    const order = new SendOrder(new AddressFeed(['10.0.0.1', '10.0.0.2', '10.0.0.3'][Symbol.iterator]()), 1000, 100);
    order.retries.push(probe('10.0.1.1'), 0);
    order.followUps.push(probe('10.0.2.1'), 0);
    expect(next(order, 10)).toBe('10.0.2.1'); // an answering agent's follow-up
    expect(next(order, 10)).toBe('10.0.0.1'); // the retry has waited 10 ms of its 1,000
    expect(next(order, 999)).toBe('10.0.0.2');
    expect(next(order, 1000)).toBe('10.0.1.1'); // waited one timeout: before new addresses
    expect(next(order, 1000)).toBe('10.0.0.3');
    order.retries.push(probe('10.0.1.2'), 1000);
    expect(next(order, 1001)).toBe('10.0.1.2'); // no address left: the retry goes at once
    expect(next(order, 1001)).toBeNull();
    expect(order.idle).toBe(true);
  });

  it('sends retries first once as many wait as the in-flight bound, so memory follows what is in flight', () => {
    const order = new SendOrder(new AddressFeed(['10.0.0.1', '10.0.0.2'][Symbol.iterator]()), 1000, 2);
    order.retries.push(probe('10.0.1.1'), 0);
    expect(next(order, 0)).toBe('10.0.0.1');
    order.retries.push(probe('10.0.1.2'), 0);
    expect(next(order, 0)).toBe('10.0.1.1'); // two waiting: the bound
    expect(next(order, 0)).toBe('10.0.0.2');
    expect(order.idle).toBe(false);
    order.clear();
    expect(order.idle).toBe(true);
    expect(() => new SendOrder(new AddressFeed(undefined), 0, 1)).toThrow(RangeError);
  });
});

describe('scan options', () => {
  const credentials = [{ version: 'v2c' as const, community: 'public' }];

  it('applies the defaults', () => {
    expect(resolveOptions({ credentials }, 'scan')).toMatchObject({ port: 161, timeoutMs: 1000, retries: 1, ratePerSecond: 1000, maxInFlight: 4096, waitMs: 1000 });
  });

  it('by default keeps enough in flight for the rate (rate × timeout + 25 %, at most 65,536)', () => {
    expect(resolveOptions({ credentials, ratePerSecond: 20_000 }, 'scan').maxInFlight).toBe(25_000);
    expect(resolveOptions({ credentials, ratePerSecond: 50_000, timeoutMs: 2000 }, 'scan').maxInFlight).toBe(65_536);
    expect(resolveOptions({ credentials, ratePerSecond: 50_000, maxInFlight: 100 }, 'scan').maxInFlight).toBe(100);
  });

  it.each([
    [{ port: 0 }, /port must be 1–65535, got 0/],
    [{ timeoutMs: -1 }, /timeoutMs/],
    [{ retries: 1.5 }, /retries must be a whole number/],
    [{ ratePerSecond: 50_001 }, /ratePerSecond must be 1–50000, got 50001/],
    [{ maxInFlight: 0 }, /maxInFlight/],
    [{ credentials: [] }, /at least one credential set/],
    [{ credentials: [{ version: 'v2c', community: '' }] }, /credentials\[0\]: community is empty/],
    [{ credentials: [...credentials, { version: 'v3', v3: { user: 'u', level: 'authPriv', authProtocol: 'sha', authKey: 'short' } }] }, /credentials\[1\]: authKey must have at least 8 characters/],
    [{ credentials: [{ version: 'v4', community: 'x' }] }, /credentials\[0\]: unknown SNMP version "v4"/],
  ])('rejects %j naming the option', (bad, message) => {
    expect(() => resolveOptions({ credentials, ...bad } as Parameters<typeof resolveOptions>[0], 'scan')).toThrow(message);
  });
});
