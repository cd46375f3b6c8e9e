import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import type { RoundOptions, RoundOutcome, SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import { PollLoop } from '../../../src-main/core/monitor/poll-loop';
import { planSlices, sliceCount } from '../../../src-main/core/monitor/poll-slices';
import { RoundReporter } from '../../../src-main/core/monitor/round-reporter';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { FakeClock } from '../../helpers/fake-clock';
import { aFailedReading, aReading } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const INTERVAL = 60_000;
const SNMP: SnmpSettings = { version: 'v2c', community: 'public' };

/** Records which devices each pollStored call covered, and when; saves a failure for those told to be silent. */
class RecordingInventory {
  calls: Array<{ at: number; ids: readonly number[] | undefined }> = [];
  silent = new Set<number>();
  constructor(private readonly repo: DevicesRepository, private readonly clock: FakeClock) {}

  async pollStored(_settings: SnmpSettings, options: RoundOptions & { ids?: readonly number[] } = {}): Promise<RoundOutcome[]> {
    this.calls.push({ at: this.clock.now(), ids: options.ids });
    const targets = this.repo.listPollTargets().filter((t) => !options.ids || options.ids.includes(t.id));
    const entries = targets.map((t) =>
      anEntry(this.silent.has(t.id) ? aFailedReading({ message: 'no answer' }, t.address) : aReading({ target: t.address, identity: { serial: `S${t.id}`, mac: null } }), this.clock.now()),
    );
    const saved = this.repo.saveReadings(entries);
    return entries.map((e, i) => ({ reading: e.reading, saved: saved[i] ?? { deviceId: -1, change: 'new', addressChanged: null, mergedIds: [] } }));
  }
}

let db: Database;
let repo: DevicesRepository;
let clock: FakeClock;
let inventory: RecordingInventory;
let statuses: Array<AppEvents['device.status']>;
let progress: Array<AppEvents['poll.progress']>;
let loop: PollLoop;

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};
/** Advances in 1-second steps so each slice's poll settles before the next falls due. */
async function run(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1_000) {
    clock.advance(Math.min(1_000, ms - t));
    await settle();
  }
}

beforeEach(() => {
  clock = new FakeClock();
  ({ db, repo } = aMemoryStore(clock.now()));
  repo.addDevices(Array.from({ length: 48 }, (_, i) => ({ address: `10.1.0.${i + 1}`, port: 161, source: 'added' as const })));
  inventory = new RecordingInventory(repo, clock);
  statuses = [];
  progress = [];
  const hub = createEventHub<AppEvents>();
  hub.subscribe((name, payload) => {
    if (name === 'device.status') statuses.push(payload as AppEvents['device.status']);
    if (name === 'poll.progress') progress.push(payload as AppEvents['poll.progress']);
  });
  loop = new PollLoop({ inventory, devices: repo, reporter: new RoundReporter(repo, hub, () => 3), events: hub, clock, snmp: SNMP, intervalMs: INTERVAL, spread: true });
});
afterEach(async () => {
  await loop.dispose();
  db.close();
});

describe('spreading a round across its interval', () => {
  it('cuts intervals into slices of at least 5 s, at most 60', () => {
    expect([1_000, 9_999, 10_000, 60_000, 600_000, 3_600_000].map(sliceCount)).toEqual([1, 1, 2, 12, 60, 60]);
    const slices = planSlices(Array.from({ length: 1200 }, (_, i) => i + 1), 12);
    expect(slices.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
    for (const slice of slices) expect(Math.abs(slice.length - 100)).toBeLessThanOrEqual(20);
  });

  it('polls every device once per interval, in slices 5 s apart, each device at the same offset every time', async () => {
    const start = clock.now();
    loop.start();
    await run(INTERVAL);
    const first = inventory.calls.filter((c) => c.at < start + INTERVAL);
    expect(first.length).toBeGreaterThan(6);
    expect(first.every((c) => (c.at - start) % 5_000 === 0 && c.ids !== undefined && c.ids.length > 0)).toBe(true);
    const ids = first.flatMap((c) => c.ids ?? []);
    expect(ids.sort((a, b) => a - b)).toEqual(repo.listPollTargets().map((t) => t.id));

    await run(INTERVAL);
    const offsetOf = (from: number, id: number): number | undefined => inventory.calls.find((c) => c.at >= from && c.ids?.includes(id))?.at;
    for (const id of [1, 17, 48]) expect((offsetOf(start + INTERVAL, id) ?? 0) - (offsetOf(start, id) ?? 0)).toBe(INTERVAL);
  });

  it('reports each slice as a short round, so "polling" shows only while a slice runs', async () => {
    loop.start();
    await run(INTERVAL - 1_000);
    // Every slice that polled opened and closed its own progress, one after the other; none stays open.
    const starts = progress.filter((p) => !p.finished && p.done === 0);
    expect(starts).toHaveLength(inventory.calls.length);
    expect(starts.length).toBeGreaterThan(6);
    let open = false;
    for (const p of progress) {
      if (!p.finished && p.done === 0) {
        expect(open).toBe(false);
        open = true;
      } else if (p.finished) open = false;
    }
    expect(open).toBe(false);
    expect(progress.filter((p) => !p.finished).every((p) => p.total < 48)).toBe(true);
  });

  it('re-polls devices at once between slices (pollNow)', async () => {
    loop.start();
    await run(2_000);
    const before = inventory.calls.length;
    const outcomes = await loop.pollNow([5]);
    expect(outcomes.map((o) => o.saved.deviceId)).toEqual([5]);
    expect(inventory.calls.slice(before)).toEqual([{ at: clock.now(), ids: [5] }]);
  });

  it('shows a device as "not reachable" only after 3 missed polls in a row', async () => {
    await loop.pollNow([7]);
    inventory.silent.add(7);
    await loop.pollNow([7]);
    await loop.pollNow([7]);
    expect(statuses.filter((s) => s.id === 7).map((s) => [s.state, s.message])).toEqual([['ok', 'Ready'], ['offline', 'no answer']]);
    await loop.pollNow([7]);
    const last = statuses.at(-1);
    expect(last).toMatchObject({ id: 7, state: 'offline', previous: 'offline' });
    expect(last?.message).toMatch(/^not reachable since \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(repo.listDevices().find((d) => d.id === 7)).toMatchObject({ missedPolls: 3, missingSince: expect.any(Number) });
    inventory.silent.clear();
    await loop.pollNow([7]);
    expect(statuses.at(-1)).toMatchObject({ id: 7, state: 'ok', previous: 'offline' });
    expect(repo.listDevices().find((d) => d.id === 7)).toMatchObject({ missedPolls: 0, missingSince: null });
  });
});
