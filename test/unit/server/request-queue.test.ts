import { describe, expect, it } from 'vitest';
import { RequestQueue, type RequestQueueLimits } from '../../../src-main/server/request-queue';

/** A call that runs until the test ends it. */
interface Held {
  name: string;
  finish(): void;
}

function rig(limits: Partial<RequestQueueLimits> = {}, unsent = { bytes: 0 }) {
  const started: string[] = [];
  const running: Held[] = [];
  const queue = new RequestQueue<string>({
    limits: { maxRunning: 2, maxWaiting: 3, maxWaitingBytes: 1_000, highWaterBytes: 100, ...limits },
    run: (name) =>
      new Promise<void>((resolve) => {
        started.push(name);
        running.push({ name, finish: resolve });
      }),
    unsentBytes: () => unsent.bytes,
  });
  const finish = async (name: string): Promise<void> => {
    const at = running.findIndex((h) => h.name === name);
    if (at < 0) throw new Error(`${name} is not running (running: ${running.map((h) => h.name).join(', ')})`);
    running.splice(at, 1)[0]?.finish();
    await turns();
  };
  return { queue, started, finish, unsent };
}

/** Lets a few turns of the event loop pass (the queue starts one call per turn). */
async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('RequestQueue: the work one API connection may ask at a time', () => {
  it('runs at most maxRunning calls at once and starts the waiting ones in order as calls finish', async () => {
    const { queue, started, finish } = rig();
    for (const name of ['a', 'b', 'c', 'd']) expect(queue.offer(name, 10), name).toBe(true);
    await turns();
    expect(started).toEqual(['a', 'b']);
    expect(queue.state()).toEqual({ running: 2, waiting: 2, waitingBytes: 20 });
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c']);
    await finish('a');
    await finish('c');
    expect(started).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses a request beyond maxWaiting waiting ones, and beyond maxWaitingBytes unless nothing waits', async () => {
    const { queue } = rig({ maxRunning: 1, maxWaiting: 2, maxWaitingBytes: 100 });
    expect(queue.offer('running', 10)).toBe(true);
    await turns();
    expect(queue.offer('big but alone', 500), 'one request always fits an empty queue').toBe(true);
    expect(queue.offer('small', 1), 'over the byte limit while something waits').toBe(false);
    const other = rig({ maxRunning: 1, maxWaiting: 2 });
    other.queue.offer('running', 1);
    await turns();
    expect([other.queue.offer('w1', 1), other.queue.offer('w2', 1), other.queue.offer('w3', 1)]).toEqual([true, true, false]);
  });

  it('drops everything waiting when closed: only the calls already running ever ran', async () => {
    const { queue, started, finish } = rig({ maxRunning: 2, maxWaiting: 100 });
    for (let i = 0; i < 50; i++) queue.offer(`call ${i}`, 10);
    await turns();
    queue.close();
    expect(queue.state()).toEqual({ running: 2, waiting: 0, waitingBytes: 0 });
    await finish('call 0');
    await finish('call 1');
    await turns(20);
    expect(started).toEqual(['call 0', 'call 1']);
    expect(queue.offer('after close', 1), 'a closed connection takes nothing').toBe(false);
  });

  it('starts nothing while the unsent output is above the high-water mark, and resumes once it is sent', async () => {
    const unsent = { bytes: 500 };
    const { queue, started } = rig({ highWaterBytes: 100 }, unsent);
    queue.offer('a', 1);
    await turns();
    expect(started, 'a client that does not read its replies gets no new work done').toEqual([]);
    unsent.bytes = 0;
    queue.outputSent();
    await turns();
    expect(started).toEqual(['a']);
  });

  it('looks again by itself when output drained without telling it (events are sent without a callback)', async () => {
    const unsent = { bytes: 500 };
    const { queue, started } = rig({ highWaterBytes: 100 }, unsent);
    queue.offer('a', 1);
    await turns();
    unsent.bytes = 0;
    const deadline = Date.now() + 2_000;
    while (started.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(['a']);
  });

  it('starts one call per turn of the event loop, so others get a turn between heavy calls', async () => {
    const order: string[] = [];
    const queue = new RequestQueue<string>({
      limits: { maxRunning: 10, maxWaiting: 10, maxWaitingBytes: 1_000, highWaterBytes: 100 },
      run: (name) => {
        order.push(name);
        return Promise.resolve();
      },
      unsentBytes: () => 0,
    });
    for (const name of ['a', 'b', 'c']) queue.offer(name, 1);
    setImmediate(() => order.push('other'));
    await turns(10);
    expect(order).toEqual(['a', 'other', 'b', 'c']);
  });

  it('after a call that held the event loop, rests as long before the next call of the same connection', async () => {
    const startedAt: number[] = [];
    const queue = new RequestQueue<number>({
      limits: { maxRunning: 4, maxWaiting: 10, maxWaitingBytes: 1_000, highWaterBytes: 100 },
      run: () => {
        startedAt.push(performance.now());
        const until = performance.now() + 40;
        while (performance.now() < until); // a heavy synchronous call (a large list)
        return Promise.resolve();
      },
      unsentBytes: () => 0,
    });
    for (let i = 0; i < 3; i++) queue.offer(i, 1);
    const deadline = Date.now() + 3_000;
    while (startedAt.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    const gaps = startedAt.slice(1).map((at, i) => at - (startedAt[i] as number));
    expect(gaps.every((gap) => gap >= 75), `gaps between starts: ${gaps.map((g) => g.toFixed(0)).join(', ')} ms (40 busy + 40 rest)`).toBe(true);
  });
});
