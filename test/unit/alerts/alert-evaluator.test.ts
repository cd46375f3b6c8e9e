import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import { conditionInputSchema, type MonitoringCondition } from '../../../src-shared/contract/monitoring.contract';
import type { PrinterCondition } from '../../../src-shared/domain/device-reading';
import { AlertEvaluator } from '../../../src-main/core/alerts/alert-evaluator';
import type { Mailer, OutgoingMail } from '../../../src-main/core/mail/mail-port';
import { AlertsRepository } from '../../../src-main/core/store/alerts.repository';
import type { Database } from '../../../src-main/core/store/database';
import type { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import { MonitoringRepository } from '../../../src-main/core/store/monitoring.repository';
import { FakeClock } from '../../helpers/fake-clock';
import { aFailedReading, aReading, aStatus } from '../../helpers/reading-builders';
import { aMemoryStore, anEntry } from '../../helpers/round-entries';

const MINUTE = 60_000;
/** Monday 8 January 2024, 09:00 in the local time zone (monitored hours are local). */
const MONDAY_9AM = new Date(2024, 0, 8, 9, 0).getTime();

/** The mail port as a recorder: each mail with the (fake) time it was enqueued. */
class RecordingMailer implements Mailer {
  readonly mails: Array<OutgoingMail & { at: number }> = [];
  constructor(private readonly clock: FakeClock) {}
  enqueue(mail: OutgoingMail): number {
    this.mails.push({ ...mail, at: this.clock.now() });
    return this.mails.length;
  }
}

let clock: FakeClock;
let db: Database;
let repo: DevicesRepository;
let conditions: MonitoringRepository;
let alerts: AlertsRepository;
let mailer: RecordingMailer;
let emitted: Array<AppEvents['alert.raised']>;

beforeEach(() => {
  clock = new FakeClock(MONDAY_9AM);
  ({ db, repo } = aMemoryStore(MONDAY_9AM));
  conditions = new MonitoringRepository(db);
  alerts = new AlertsRepository(db);
  mailer = new RecordingMailer(clock);
  emitted = [];
});
afterEach(() => db.close());

function anEvaluator(misses = 3): AlertEvaluator {
  return new AlertEvaluator({
    conditions: () => conditions.listConditions(),
    devices: () => repo.listDevices(),
    groupMembers: () => new Set(),
    misses: () => misses,
    store: alerts,
    mailer,
    emit: (e) => emitted.push(e),
    clock,
  });
}

function aCondition(overrides: Record<string, unknown> = {}): MonitoringCondition {
  const input = conditionInputSchema.parse({
    name: 'Paper problems',
    targets: { allDevices: true },
    watch: ['jammed', 'noPaper', 'notReachable'],
    destinations: [{ address: 'ops@example.com' }],
    holdDownMinutes: 5,
    dampingMinutes: 60,
    ...overrides,
  });
  return conditions.createCondition(input, clock.now());
}

/** Saves a good reading of printer `n` (address 10.0.0.n) with the given conditions. */
function printer(n: number, active: PrinterCondition[] = []): void {
  const reading = aReading({
    target: `10.0.0.${n}`,
    identity: { serial: `SER${n}`, mac: null, sysName: `PRN-${n}` },
    status: aStatus(active.length > 0 ? { state: 'error', message: active.join(', '), conditions: active } : {}),
  });
  repo.saveReadings([anEntry(reading, clock.now())]);
}

function silent(n: number): void {
  repo.saveReadings([anEntry(aFailedReading({}, `10.0.0.${n}`), clock.now())]);
}

/** One minute passes, then the evaluation a poll round ends with. */
function round(evaluator: AlertEvaluator): void {
  clock.advance(MINUTE);
  evaluator.evaluate();
}

describe('alert hygiene', () => {
  it('sends nothing over many rounds while nothing changes, and one mail for a standing error', () => {
    aCondition();
    printer(1);
    const evaluator = anEvaluator();
    for (let i = 0; i < 100; i++) round(evaluator);
    expect(mailer.mails).toEqual([]);
    printer(1, ['jammed']);
    for (let i = 0; i < 100; i++) round(evaluator);
    expect(mailer.mails).toHaveLength(1);
    expect(alerts.listEvents(100)).toHaveLength(1);
  });

  it('mails a new error once it has lasted the hold-down, not before', () => {
    aCondition({ holdDownMinutes: 5 });
    printer(1);
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['jammed']);
    // Seen first at the next round; still there 1, 2, 3, 4 minutes later.
    for (let i = 0; i < 5; i++) round(evaluator);
    expect(mailer.mails).toEqual([]);
    round(evaluator); // 5 minutes after it was first seen
    expect(mailer.mails).toHaveLength(1);
    expect(mailer.mails[0]).toMatchObject({ kind: 'alert', to: ['ops@example.com'], subject: '1 paper jam — PRN-1 (Floor 2)' });
    expect(mailer.mails[0]?.html).toContain('<td>PRN-1</td>');
    const [event] = alerts.listEvents(10);
    expect(event).toMatchObject({ kind: 'raised', deviceName: 'PRN-1', active: ['jammed'], previous: [], suppressed: null, mailedTo: ['ops@example.com'] });
    expect(emitted.map((e) => e.kind)).toEqual(['raised']);
  });

  it('mails and logs nothing for an error cleared within the hold-down', () => {
    aCondition({ holdDownMinutes: 5 });
    printer(1);
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['jammed']);
    round(evaluator);
    round(evaluator);
    printer(1);
    for (let i = 0; i < 20; i++) round(evaluator);
    expect(mailer.mails).toEqual([]);
    expect(alerts.listEvents(10)).toEqual([]);
  });

  it('sends a flapping device at most one mail per damping window, and catches up when it ends', () => {
    aCondition({ holdDownMinutes: 0, dampingMinutes: 30 });
    printer(1);
    const evaluator = anEvaluator();
    for (let i = 0; i < 120; i++) {
      printer(1, i % 2 === 0 ? ['jammed'] : []);
      round(evaluator);
    }
    expect(mailer.mails.length).toBeGreaterThanOrEqual(2);
    expect(mailer.mails.length).toBeLessThanOrEqual(4);
    const gaps = mailer.mails.slice(1).map((m, i) => m.at - (mailer.mails[i]?.at ?? 0));
    expect(gaps.every((gap) => gap >= 30 * MINUTE)).toBe(true);
    // Every flip was logged; those inside the window say why they were not mailed.
    const logged = alerts.listEvents(1000);
    expect(logged).toHaveLength(120);
    expect(logged.filter((e) => e.suppressed === 'damped').length).toBeGreaterThan(100);
  });

  it('mails nothing outside monitored hours', () => {
    aCondition({ holdDownMinutes: 0, hours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' } });
    printer(1);
    clock.advance(11 * 60 * MINUTE); // Monday 20:00
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['jammed']);
    for (let i = 0; i < 12 * 60; i++) round(evaluator); // until Tuesday 08:01
    expect(mailer.mails).toEqual([]);
    expect(alerts.listEvents(10)).toEqual([expect.objectContaining({ kind: 'raised', suppressed: 'outside-hours', mailedTo: null })]);
  });

  it('sends one digest when monitored hours start, if asked to', () => {
    aCondition({ holdDownMinutes: 0, digest: true, hours: { days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' } });
    printer(1);
    printer(2);
    clock.advance(11 * 60 * MINUTE); // Monday 20:00
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['jammed']);
    round(evaluator);
    printer(2, ['noPaper']);
    while (new Date(clock.now()).getHours() !== 7 || new Date(clock.now()).getMinutes() !== 59) round(evaluator);
    expect(mailer.mails).toEqual([]);
    round(evaluator); // Tuesday 08:00
    expect(mailer.mails).toHaveLength(1);
    expect(mailer.mails[0]?.kind).toBe('alert-digest');
    expect(mailer.mails[0]?.text).toMatch(/PRN-1[\s\S]*Paper jam/);
    expect(mailer.mails[0]?.text).toMatch(/PRN-2[\s\S]*Out of paper/);
    for (let i = 0; i < 30; i++) round(evaluator);
    expect(mailer.mails).toHaveLength(1);
  });

  it('sends each destination ONE mail per round listing every device that changed', () => {
    aCondition({
      holdDownMinutes: 0,
      destinations: [{ address: 'ops@example.com' }, { address: 'phone@example.com', format: 'short', maxChars: 160 }],
    });
    printer(1);
    printer(2);
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['jammed']);
    printer(2, ['noPaper']);
    round(evaluator);
    expect(mailer.mails.map((m) => m.to)).toEqual([['ops@example.com'], ['phone@example.com']]);
    const [standard, short] = mailer.mails;
    expect(standard?.subject).toBe('1 paper jam, 1 out of paper — Floor 2');
    expect(standard?.html).toContain('<td>PRN-1</td>');
    expect(standard?.html).toContain('<td>PRN-2</td>');
    expect(short?.text).toBe('PRN-1: Paper jam | PRN-2: Out of paper');
    expect(short?.html).toBeUndefined();
  });

  it('cuts the short format to its destination’s character limit, saying how many devices were left out', () => {
    aCondition({ holdDownMinutes: 0, destinations: [{ address: 'phone@example.com', format: 'short', maxChars: 40 }] });
    for (let n = 1; n <= 6; n++) printer(n);
    const evaluator = anEvaluator();
    round(evaluator);
    for (let n = 1; n <= 6; n++) printer(n, ['jammed', 'noPaper']);
    round(evaluator);
    expect(mailer.mails).toHaveLength(1);
    const text = mailer.mails[0]?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text.startsWith('PRN-1: Out of paper, Paper jam')).toBe(true);
    expect(text).toBe('PRN-1: Out of paper, Paper jam +5 more');
  });

  it('does not mail again after a restart what was already told, and still mails the next change', () => {
    aCondition({ holdDownMinutes: 0 });
    printer(1);
    const first = anEvaluator();
    round(first);
    printer(1, ['jammed']);
    round(first);
    expect(mailer.mails).toHaveLength(1);

    const restarted = anEvaluator();
    for (let i = 0; i < 10; i++) round(restarted);
    expect(mailer.mails).toHaveLength(1);
    clock.advance(60 * MINUTE); // past the damping window
    printer(1);
    round(restarted);
    expect(mailer.mails).toHaveLength(2);
    expect(mailer.mails[1]?.subject).toBe('1 all clear — PRN-1 (Floor 2)');
  });

  it('keeps a hold-down under way across a restart', () => {
    aCondition({ holdDownMinutes: 5 });
    printer(1);
    round(anEvaluator());
    printer(1, ['jammed']);
    round(anEvaluator());
    round(anEvaluator());
    expect(mailer.mails).toEqual([]);
    // First seen 1 minute ago: 3 more minutes are not enough, the 4th completes the 5.
    const restarted = anEvaluator();
    for (let i = 0; i < 3; i++) round(restarted);
    expect(mailer.mails).toEqual([]);
    round(restarted);
    expect(mailer.mails).toHaveLength(1);
  });

  it('raises "not reachable" after the set misses; a failed read neither raises nor clears printer conditions', () => {
    aCondition({ holdDownMinutes: 0 });
    printer(1, ['jammed']);
    const evaluator = anEvaluator(3);
    round(evaluator);
    expect(alerts.listEvents(10).map((e) => e.active)).toEqual([['jammed']]);
    silent(1);
    round(evaluator);
    silent(1);
    round(evaluator);
    expect(alerts.listEvents(10)).toHaveLength(1);
    silent(1);
    round(evaluator);
    expect(alerts.listEvents(10)[0]).toMatchObject({ kind: 'changed', active: ['jammed', 'notReachable'], previous: ['jammed'] });
  });

  it('lists changes without mailing when a condition has no destination', () => {
    aCondition({ holdDownMinutes: 0, destinations: [] });
    printer(1);
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['noPaper']);
    round(evaluator);
    expect(mailer.mails).toEqual([]);
    expect(alerts.listEvents(10)).toEqual([expect.objectContaining({ kind: 'raised', suppressed: 'list-only', active: ['noPaper'] })]);
  });

  it('watches only the conditions it names', () => {
    aCondition({ holdDownMinutes: 0, watch: ['noToner'] });
    printer(1);
    const evaluator = anEvaluator();
    round(evaluator);
    printer(1, ['jammed', 'lowPaper']);
    for (let i = 0; i < 5; i++) round(evaluator);
    expect(alerts.listEvents(10)).toEqual([]);
  });
});

describe('evaluation after a poll slice', () => {
  const FLEET = 40;
  const SLICE = 10;
  const ids = new Map<number, number>();
  let fetched: Array<number | 'all'>;

  /** An evaluator whose device lookups are recorded: 'all' or how many ids were asked for. */
  function aCountingEvaluator(): AlertEvaluator {
    return new AlertEvaluator({
      conditions: () => conditions.listConditions(),
      devices: (wanted) => {
        fetched.push(wanted === undefined ? 'all' : wanted.length);
        return wanted === undefined ? repo.listDevices() : repo.listDevicesByIds(wanted);
      },
      groupMembers: () => new Set(),
      misses: () => 3,
      store: alerts,
      mailer,
      emit: (e) => emitted.push(e),
      clock,
    });
  }

  beforeEach(() => {
    fetched = [];
    ids.clear();
    for (let n = 1; n <= FLEET; n++) {
      printer(n);
      ids.set(n, repo.listDevices().find((d) => d.name === `PRN-${n}`)?.id ?? -1);
    }
  });

  /** One minute passes; slice `k` (printers 10k+1 … 10k+10) is polled, `faulty` with a jam; returns what the evaluation after it reported. */
  function slice(evaluator: AlertEvaluator, k: number, faulty: ReadonlySet<number> = new Set()) {
    clock.advance(MINUTE);
    const polled: number[] = [];
    for (let n = k * SLICE + 1; n <= (k + 1) * SLICE; n++) {
      printer(n, faulty.has(n) ? ['jammed'] : []);
      polled.push(ids.get(n) ?? -1);
    }
    return evaluator.evaluate(polled);
  }

  it('looks only at the devices just polled, plus one waiting out its hold-down until it is logged', () => {
    aCondition({ holdDownMinutes: 3, dampingMinutes: 0 });
    const evaluator = aCountingEvaluator();
    const jammed = new Set([3]);
    const counts: number[] = [];
    for (let k = 0; k < 8; k++) counts.push(slice(evaluator, k % 4, k % 4 === 0 ? jammed : new Set()).evaluated);
    // Minute 1: printer 3 jams (seen in its slice); minutes 2–4 it waits (the others' slices look at it too);
    // minute 4 is 3 minutes after it was first seen: logged and mailed, nothing waits any more.
    expect(counts).toEqual([10, 11, 11, 11, 10, 10, 10, 10]);
    expect(alerts.listEvents(10)).toEqual([expect.objectContaining({ kind: 'raised', active: ['jammed'] })]);
    expect(mailer.mails).toHaveLength(1);
    // Only the slice's devices (and the waiting one) were read from the store, never the whole fleet.
    expect(fetched).toEqual([10, 11, 11, 11, 10, 10, 10, 10]);
  });

  it('keeps looking at a device whose change waits for the damping window, and mails it when the window ends though nobody polls it', () => {
    aCondition({ holdDownMinutes: 0, dampingMinutes: 4 });
    const evaluator = aCountingEvaluator();
    const start = clock.now();
    expect(slice(evaluator, 0, new Set([3])).evaluated).toBe(10); // minute 1: raised and mailed at once
    expect(mailer.mails).toHaveLength(1);
    const counts: number[] = [];
    counts.push(slice(evaluator, 0).evaluated); // minute 2: cleared, but damped: waits for the window
    for (let k = 1; k < 6; k++) counts.push(slice(evaluator, k % 4).evaluated);
    // Minutes 3–5 are other slices; the window ends at minute 5, in slice 3, which mails it.
    expect(counts).toEqual([10, 11, 11, 11, 10, 10]);
    expect(mailer.mails).toHaveLength(2);
    expect(mailer.mails[1]).toMatchObject({ at: start + 5 * MINUTE, subject: '1 all clear — PRN-3 (Floor 2)' });
  });

  it('evaluates 40 device-condition pairs per interval instead of 160 for a quiet fleet in four slices, and every device when asked without ids', () => {
    aCondition({ holdDownMinutes: 2 });
    const evaluator = aCountingEvaluator();
    let sliced = 0;
    for (let k = 0; k < 4; k++) sliced += slice(evaluator, k).evaluated;
    expect(sliced).toBe(FLEET);
    expect(evaluator.evaluate().evaluated).toBe(FLEET);
    expect(fetched.at(-1)).toBe('all');
  });
});
