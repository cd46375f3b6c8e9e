/**
 * A busy office fleet for the history benchmark: what each device's routine poll would read,
 * minute by minute, and only the polls where something changed (an unchanged poll writes no
 * history: the inventory only touches the device's clocks).
 *
 * Monday to Friday, 08:00–18:00 UTC, each device starts a job in a minute with its own
 * probability (12 jobs a day on average across the fleet, 1–15 pages each, 30 % in colour);
 * the poll during a job reads "Printing", the next one "Ready". Toner falls with the pages
 * (black 0.02 % a page, each colour 0.015 % a colour page) and is replaced when empty; the
 * waste toner box fills and is emptied; 1 % of jobs jam for three polls. A fifth of the fleet
 * is switched off over the weekend (sincePowerOn restarts on Monday at 07:50). Counters:
 * total, sincePowerOn, mono, color. Deterministic for a seed.
 */
import type { DeviceReading, PrinterCondition } from '../src-shared/domain/device-reading';
import { aCounter, aReading, aSupply, aToner } from '../test/helpers/reading-builders';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

const JOBS_PER_DAY = 12;
const OFFICE_MINUTES = 10 * 60;
const COLOURS = ['black', 'cyan', 'magenta', 'yellow'] as const;
const JAMMED: PrinterCondition[] = ['jammed'];

/** What one poll of a device reads, as the history rules see it. */
export interface PolledState {
  state: 'ok' | 'error';
  message: string;
  conditions: string;
  /** Toner K, C, M, Y and the waste box, in whole percent (how most printers report them). */
  supplies: number[];
  /** total, sincePowerOn, mono, color. */
  counters: number[];
}

export const SUPPLY_INDEXES = ['1.1', '1.2', '1.3', '1.4', '1.5'] as const;
export const COUNTER_NAMES = ['total', 'sincePowerOn', 'mono', 'color'] as const;

interface Device {
  /** Something moved since the last poll was compared (most minutes nothing does). */
  dirty: boolean;
  jobChance: number;
  switchedOffAtWeekends: boolean;
  toner: number[];
  waste: number;
  counters: number[];
  jamPolls: number;
  printing: boolean;
  last: string;
}

/** mulberry32: small, fast, good enough for a workload. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FleetModel {
  private readonly devices: Device[] = [];
  private readonly rand: () => number;

  constructor(count: number, seed = 7) {
    this.rand = random(seed);
    for (let i = 0; i < count; i++) {
      // Busyness from a quarter to 1.75 times the average.
      const jobChance = (JOBS_PER_DAY / OFFICE_MINUTES) * (0.25 + 1.5 * this.rand());
      this.devices.push({
        dirty: false,
        jobChance,
        switchedOffAtWeekends: this.rand() < 0.2,
        toner: COLOURS.map(() => 20 + 80 * this.rand()),
        waste: 50 * this.rand(),
        counters: [10_000 + Math.floor(this.rand() * 90_000), Math.floor(this.rand() * 5_000), 0, 0],
        jamPolls: 0,
        printing: false,
        last: '',
      });
      const d = this.devices[i] as Device;
      d.counters[3] = Math.floor((d.counters[0] ?? 0) * 0.3);
      d.counters[2] = (d.counters[0] ?? 0) - (d.counters[3] ?? 0);
      d.last = key(this.read(d));
    }
  }

  get size(): number {
    return this.devices.length;
  }

  /** What device `i` (0-based) reads now. */
  state(i: number): PolledState {
    return this.read(this.devices[i] as Device);
  }

  /**
   * Advances one minute (the poll at `at`, a whole minute) and calls `changed` for every device
   * whose poll reads something different from its previous poll, in device order.
   */
  minute(at: number, changed: (device: number, state: PolledState) => void): void {
    const day = new Date(at).getUTCDay();
    const minuteOfDay = Math.floor((at % DAY_MS) / MINUTE_MS);
    const weekday = day >= 1 && day <= 5;
    const office = weekday && minuteOfDay >= 8 * 60 && minuteOfDay < 18 * 60;
    const powerOn = day === 1 && minuteOfDay === 7 * 60 + 50;
    if (!office && !powerOn) {
      // Outside office hours only the job or jam still showing at 18:00 ends.
      if (weekday && minuteOfDay === 18 * 60) this.each(at, changed, (d) => this.idle(d));
      return;
    }
    this.each(at, changed, (d) => {
      if (powerOn) {
        if (d.switchedOffAtWeekends) {
          d.counters[1] = 0;
          d.dirty = true;
        }
        return;
      }
      this.idle(d);
      if (d.jamPolls > 0 || this.rand() >= d.jobChance) return;
      this.print(d);
    });
  }

  /** A DeviceReading for device `i` in `state` (for the store's own writer). */
  reading(i: number, state: PolledState): DeviceReading {
    const hex = i.toString(16).padStart(6, '0');
    return aReading({
      target: address(i),
      identity: { serial: `SN${String(i).padStart(8, '0')}`, mac: `02:00:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4)}`, sysName: `PRN-${i}` },
      status: { state: state.state, message: state.message, conditions: state.conditions === '[]' ? [] : JAMMED },
      supplies: [
        ...COLOURS.map((colour, n) => aToner(n + 1, colour, state.supplies[n] ?? 0)),
        aSupply({ index: '1.5', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste Toner', level: state.supplies[4] ?? 0, percent: state.supplies[4] ?? 0 }),
      ],
      counters: COUNTER_NAMES.map((name, n) => aCounter({ name, value: state.counters[n] ?? 0 })),
    });
  }

  private each(at: number, changed: (device: number, state: PolledState) => void, step: (d: Device) => void): void {
    for (let i = 0; i < this.devices.length; i++) {
      const d = this.devices[i] as Device;
      step(d);
      if (!d.dirty) continue;
      d.dirty = false;
      const state = this.read(d);
      const k = key(state);
      if (k === d.last) continue;
      d.last = k;
      changed(i, state);
    }
  }

  private idle(d: Device): void {
    if (!d.printing && d.jamPolls === 0) return;
    d.printing = false;
    if (d.jamPolls > 0) d.jamPolls -= 1;
    d.dirty = true;
  }

  private print(d: Device): void {
    const pages = 1 + Math.floor(this.rand() * 15);
    const colour = this.rand() < 0.3;
    d.printing = true;
    d.dirty = true;
    d.counters[0] = (d.counters[0] ?? 0) + pages;
    d.counters[1] = (d.counters[1] ?? 0) + pages;
    d.counters[colour ? 3 : 2] = (d.counters[colour ? 3 : 2] ?? 0) + pages;
    d.toner[0] = (d.toner[0] ?? 0) - pages * 0.02;
    if (colour) for (let n = 1; n < 4; n++) d.toner[n] = (d.toner[n] ?? 0) - pages * 0.015;
    d.toner = d.toner.map((t) => (t < 1 ? 100 : t));
    d.waste += pages * 0.004;
    if (d.waste >= 100) d.waste = 0;
    if (this.rand() < 0.01) d.jamPolls = 3;
  }

  private read(d: Device): PolledState {
    const jammed = d.jamPolls > 0;
    return {
      state: jammed ? 'error' : 'ok',
      message: jammed ? 'Paper jam' : d.printing ? 'Printing' : 'Ready',
      conditions: jammed ? '["jammed"]' : '[]',
      supplies: [...d.toner.map((t) => Math.floor(t)), Math.floor(d.waste)],
      counters: [...d.counters],
    };
  }
}

/** The loopback-free address a device is known by (nothing is sent anywhere). */
export function address(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

function key(s: PolledState): string {
  return `${s.message}|${s.supplies.join(',')}|${s.counters.join(',')}`;
}
