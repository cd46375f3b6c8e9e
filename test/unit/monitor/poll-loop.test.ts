import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import type { RoundOptions, RoundOutcome, SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { PollLoop } from '../../../src-main/core/monitor/poll-loop';
import { RoundReporter } from '../../../src-main/core/monitor/round-reporter';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import type { MaintenanceStep } from '../../../src-main/core/store/history-maintenance';
import { FakeClock } from '../../helpers/fake-clock';
import { aFailedReading, aReading, aStatus } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const INTERVAL = 60_000;
const SNMP: SnmpSettings = { version: 'v2c', community: 'public' };

/** pollStored that saves what the test scripted for the round (or holds the round open until released). */
class FakeInventory {
  rounds: Array<{ signal: AbortSignal | undefined }> = [];
  script: DeviceReading[] = [];
  failWith: Error | null = null;
  private held: { release: () => void } | null = null;
  hold = false;

  constructor(private readonly repo: DevicesRepository, private readonly clock: FakeClock) {}

  async pollStored(_settings: SnmpSettings, options: RoundOptions = {}): Promise<RoundOutcome[]> {
    this.rounds.push({ signal: options.signal });
    if (this.hold) {
      await new Promise<void>((release) => {
        this.held = { release };
        options.signal?.addEventListener('abort', () => release(), { once: true });
      });
    }
    if (this.failWith) throw this.failWith;
    const entries = this.script.map((r) => anEntry(r, this.clock.now()));
    entries.forEach((_, i) => options.onProgress?.(i + 1, entries.length));
    const saved = this.repo.saveReadings(entries);
    return entries.map((e, i) => ({ reading: e.reading, saved: saved[i] ?? { deviceId: -1, change: 'new', addressChanged: null, mergedIds: [] } }));
  }

  release(): void {
    this.hold = false;
    this.held?.release();
    this.held = null;
  }
}

let db: Database;
let repo: DevicesRepository;
let clock: FakeClock;
let inventory: FakeInventory;
let events: Array<{ name: string; payload: unknown }>;
let logs: string[];
let loop: PollLoop;

function makeLoop(intervalMs = INTERVAL): PollLoop {
  const hub = createEventHub<AppEvents>();
  hub.subscribe((name, payload) => events.push({ name, payload }));
  return new PollLoop({ inventory, devices: repo, reporter: new RoundReporter(repo, hub), events: hub, clock, snmp: SNMP, intervalMs, log: (l) => logs.push(l) });
}
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
const named = (name: string) => events.filter((e) => e.name === name).map((e) => e.payload);

beforeEach(() => {
  clock = new FakeClock();
  ({ db, repo } = aMemoryStore(clock.now()));
  inventory = new FakeInventory(repo, clock);
  events = [];
  logs = [];
  loop = makeLoop();
});
afterEach(async () => {
  await loop.dispose();
  db.close();
});

describe('PollLoop schedule', () => {
  it('runs nothing before start(), then a round at once and one every interval', async () => {
    clock.advance(10 * INTERVAL);
    expect(inventory.rounds.length).toBe(0);
    loop.start();
    clock.advance(0);
    await settle();
    expect(inventory.rounds.length).toBe(1);
    clock.advance(INTERVAL - 1);
    await settle();
    expect(inventory.rounds.length).toBe(1);
    clock.advance(1);
    await settle();
    clock.advance(INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(3);
  });

  it('skips a tick that finds the previous round still running', async () => {
    inventory.hold = true;
    loop.start();
    clock.advance(0);
    await settle();
    clock.advance(INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(1);
    expect(logs.join('\n')).toMatch(/still running; this round is skipped/);
    expect(await loop.runRound()).toBeNull();
    inventory.release();
    await settle();
    clock.advance(INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(2);
  });

  it('pauses and resumes monitoring; resuming polls at once', async () => {
    loop.start();
    clock.advance(0);
    await settle();
    loop.setMonitoring(false);
    expect(loop.isMonitoring).toBe(false);
    clock.advance(5 * INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(1);
    loop.setMonitoring(true);
    clock.advance(0);
    await settle();
    expect(inventory.rounds.length).toBe(2);
    clock.advance(INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(3);
  });

  it('dispose cancels the timer and the round under way, and waits for it', async () => {
    inventory.hold = true;
    loop.start();
    clock.advance(0);
    await settle();
    await loop.dispose();
    expect(inventory.rounds[0]?.signal?.aborted).toBe(true);
    expect(loop.isRunning).toBe(false);
    expect(clock.pending).toBe(0);
    clock.advance(10 * INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(1);
  });

  it('refuses an interval below one second', () => {
    expect(() => makeLoop(999)).toThrow(/≥ 1000/);
    expect(makeLoop(1_000).intervalMs).toBe(1_000);
  });

  it('logs a failing round, reports it finished, and keeps polling', async () => {
    inventory.failWith = new Error('disk full');
    loop.start();
    clock.advance(0);
    await settle();
    expect(logs.join('\n')).toMatch(/poll round failed: Error: disk full/);
    expect(named('poll.progress').at(-1)).toEqual({ done: 0, total: 0, finished: true });
    inventory.failWith = null;
    clock.advance(INTERVAL);
    await settle();
    expect(inventory.rounds.length).toBe(2);
  });
});

describe('PollLoop events', () => {
  const ok = aReading({ target: '10.0.0.1', identity: { serial: 'S1', sysName: 'PRN-1' } });
  const jammed = aReading({ target: '10.0.0.1', identity: { serial: 'S1', sysName: 'PRN-1' }, status: aStatus({ state: 'error', message: 'Paper jam', conditions: ['jammed'] }) });

  it('announces progress, the devices read, and each state change once', async () => {
    inventory.script = [ok];
    await loop.runRound();
    const id = repo.listDevices()[0]?.id;
    expect(named('poll.progress')).toEqual([{ done: 0, total: 0, finished: false }, { done: 1, total: 1, finished: true }]);
    expect(named('devices.changed')).toEqual([{ ids: [id], removed: [] }]);
    expect(named('device.status')).toEqual([{ id, name: 'PRN-1', state: 'ok', previous: null, message: 'Ready' }]);

    events = [];
    inventory.script = [jammed];
    await loop.runRound();
    await loop.runRound();
    expect(named('device.status')).toEqual([{ id, name: 'PRN-1', state: 'error', previous: 'ok', message: 'Paper jam' }]);
  });

  it('reports a device that stops answering as offline, with the reason', async () => {
    inventory.script = [ok];
    await loop.runRound();
    events = [];
    inventory.script = [aFailedReading({ code: 'snmp-timeout', message: 'no answer' }, '10.0.0.1')];
    const report = await loop.runRound();
    expect(report).toMatchObject({ total: 1, read: 0, failed: 1 });
    expect(named('device.status')).toEqual([{ id: expect.any(Number), name: 'PRN-1', state: 'offline', previous: 'ok', message: 'no answer' }]);
  });
});

describe('PollLoop history maintenance', () => {
  const DAY = 24 * 3600_000;
  const RETENTION = 395 * DAY;
  let steps: Array<{ now: number; pruneBefore: number }>;
  let stepsPerRun: number;

  /** A loop whose repository does `stepsPerRun` maintenance steps of 5 rows each, then is done. */
  function aMaintainingLoop(): PollLoop {
    const hub = createEventHub<AppEvents>();
    let inRun = 0;
    const devices = {
      countDevices: () => repo.countDevices(),
      listPollTargets: () => repo.listPollTargets(),
      maintainHistory: (now: number, pruneBefore: number): MaintenanceStep => {
        steps.push({ now, pruneBefore });
        if (inRun === stepsPerRun) {
          inRun = 0;
          return { done: true, work: 'none', deleted: 0, pagesFreed: 0 };
        }
        inRun += 1;
        return { done: false, work: 'thin', deleted: 5, pagesFreed: 0 };
      },
    };
    return new PollLoop({ inventory, devices, reporter: new RoundReporter(repo, hub), events: hub, clock, snmp: SNMP, intervalMs: INTERVAL, log: (l) => logs.push(l) });
  }

  beforeEach(async () => {
    await loop.dispose();
    steps = [];
    stepsPerRun = 3;
    loop = aMaintainingLoop();
  });

  it('maintains history after the first round, keeping 395 days, and then once a day', async () => {
    loop.start();
    clock.advance(0);
    await settle();
    expect(steps).toHaveLength(4);
    expect(steps.every((s) => s.pruneBefore === s.now - RETENTION)).toBe(true);
    expect(logs.join('\n')).toMatch(/history maintenance: 15 old history rows thinned or pruned, 0 free pages given back \(3 steps\)/);
    for (let i = 0; i < 10; i++) {
      clock.advance(INTERVAL);
      await settle();
    }
    expect(steps).toHaveLength(4);
    clock.advance(DAY);
    await settle();
    expect(steps).toHaveLength(8);
  });

  it('lets polls run between its steps', async () => {
    stepsPerRun = 1_000;
    inventory.script = [aReading()];
    await loop.runRound();
    const id = repo.listDevices()[0]?.id ?? -1;
    const before = steps.length;
    expect(before).toBeLessThan(10);
    const outcomes = await loop.pollNow([id]);
    expect(outcomes).toHaveLength(1);
    // The re-poll came back while maintenance was still under way.
    expect(steps.length).toBeLessThan(1_000);
    await loop.dispose();
  });

  it('stops between steps when disposed, and dispose waits for it', async () => {
    stepsPerRun = 1_000;
    await loop.runRound();
    await settle();
    await loop.dispose();
    const done = steps.length;
    expect(done).toBeLessThan(1_000);
    await settle();
    expect(steps.length).toBe(done);
  });
});
