import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import type { RoundOptions, RoundOutcome, SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { createConsoleActivity, type ConsoleActivity } from '../../../src-main/core/metrics/console-activity';
import { PollLoop } from '../../../src-main/core/monitor/poll-loop';
import { RoundReporter } from '../../../src-main/core/monitor/round-reporter';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { FakeClock } from '../../helpers/fake-clock';
import { aFailedReading, aReading } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

/** What a monitoring round tells the console's statistics ('poll.round'), on a fake clock. */

const SNMP: SnmpSettings = { version: 'v2c', community: 'public' };
const INTERVAL = 60_000;
/** Each pollStored call takes this long on the fake clock. */
const POLL_MS = 100;

/** Saves a reading per target (a failure for the silent ones); each call takes POLL_MS. */
class TimedInventory {
  silent = new Set<number>();
  constructor(
    private readonly repo: DevicesRepository,
    private readonly clock: FakeClock,
  ) {}

  async pollStored(_settings: SnmpSettings, options: RoundOptions & { ids?: readonly number[] } = {}): Promise<RoundOutcome[]> {
    const targets = this.repo.listPollTargets().filter((t) => !options.ids || options.ids.includes(t.id));
    const entries = targets.map((t) => anEntry(this.silent.has(t.id) ? aFailedReading({}, t.address) : aReading({ target: t.address, identity: { serial: `S${t.id}`, mac: null } }), this.clock.now()));
    const saved = this.repo.saveReadings(entries);
    this.clock.advance(POLL_MS);
    return entries.map((e, i) => ({ reading: e.reading, saved: saved[i] ?? { deviceId: -1, change: 'new', addressChanged: null, mergedIds: [] } }));
  }
}

const disposers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0).reverse()) await dispose();
});

function aLoop(spread: boolean): { loop: PollLoop; clock: FakeClock; inventory: TimedInventory; rounds: Array<ConsoleActivity['poll.round']> } {
  const clock = new FakeClock();
  const { db, repo } = aMemoryStore(clock.now());
  repo.addDevices(Array.from({ length: 24 }, (_, i) => ({ address: `10.2.0.${i + 1}`, port: 161, source: 'added' as const })));
  const inventory = new TimedInventory(repo, clock);
  const events = createEventHub<AppEvents>();
  const activity = createConsoleActivity((error) => {
    throw error;
  });
  const rounds: Array<ConsoleActivity['poll.round']> = [];
  activity.subscribe((name, payload) => {
    if (name === 'poll.round') rounds.push(payload as ConsoleActivity['poll.round']);
  });
  const loop = new PollLoop({ inventory, devices: repo, reporter: new RoundReporter(repo, events, () => 3), events, clock, snmp: SNMP, intervalMs: INTERVAL, spread, activity });
  disposers.push(
    () => void db.close(),
    () => loop.dispose(),
  );
  return { loop, clock, inventory, rounds };
}

describe("a monitoring round's report to the console's statistics", () => {
  it('counts the devices read and failed, and the time spent polling', async () => {
    const { loop, inventory, rounds } = aLoop(false);
    for (const id of [3, 9]) inventory.silent.add(id);
    const report = await loop.runRound();
    expect(report).toMatchObject({ total: 24, read: 22, failed: 2, ms: POLL_MS });
    expect(rounds).toEqual([{ ms: POLL_MS, polled: 24, read: 22, failed: 2 }]);
  });

  it('counts a round spread over its interval once, with the time of its slices and not the waits between them', async () => {
    const { loop, clock, rounds } = aLoop(true);
    const start = clock.now();
    loop.start();
    for (let t = 0; t < INTERVAL - 1_000; t += 1_000) {
      clock.advance(1_000);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(rounds).toHaveLength(1);
    const [round] = rounds;
    expect(round).toMatchObject({ polled: 24, read: 24, failed: 0 });
    // Several slices of POLL_MS each: far less than the round's span across the interval.
    expect(round?.ms).toBeGreaterThanOrEqual(2 * POLL_MS);
    expect(round?.ms).toBeLessThanOrEqual(12 * POLL_MS);
    expect(clock.now() - start).toBeGreaterThan(50_000);
  });
});
