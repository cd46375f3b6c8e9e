import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PrinterCondition } from '../../src-shared/domain/device-reading';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import { asNumber } from '../../src-shared/snmp/snmp-value';
import { counterModelOf, LIFE_COUNT, scaledCounters } from './demo-counters';
import { DEVICE_OPTIONS_SUFFIX, DeviceOptionsError, parseDeviceOptions, type SimDeviceOptions } from './device-options';
import { seededRandom } from './fault-injector';
import { MibCompiler } from './mib-store';
import { applyErrorState, nextAlertIndex, PRINTER_OIDS, writeAlertRow, type SimAlert } from './printer-state-editor';
import type { SimulatedDeviceSpec } from './simulator-types';
import { parseSnmprec } from './snmprec-parser';

/**
 * A varied demo fleet from the hand-written profiles in resources/simulator: unique names,
 * serials and MACs, random levels and counters, and (by seeded chance) low toner, jams, open
 * doors, empty trays and devices that never answer. The same (count, seed) gives the same fleet.
 * Each profile's sidecar (`<name>.device.json`) says what its devices let a manager change:
 * write community, writable objects, reboot, address change (see the simulator README).
 */

export interface DemoProfile {
  /** File name without .snmprec ("hp-color-laser"). */
  name: string;
  varbinds: VarBind[];
  /** From `<name>.device.json`, shared by every device built from the profile. */
  options?: SimDeviceOptions;
}

/** The folder of the demo profiles, found by walking up from this file (source or dist); throws when absent. */
export function demoProfilesDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'simulator');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`resources/simulator not found above ${start}`);
}

/** Every profile in `dir` with its sidecar, sorted by name; throws SnmprecParseError or DeviceOptionsError for a bad file. */
export function loadDemoProfiles(dir: string = demoProfilesDir()): DemoProfile[] {
  const files = readdirSync(dir);
  return files
    .filter((f) => f.endsWith('.snmprec') && !f.includes('@'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.snmprec'.length);
      const sidecar = `${name}${DEVICE_OPTIONS_SUFFIX}`;
      const profile: DemoProfile = { name, varbinds: parseSnmprec(readFileSync(join(dir, f), 'utf8'), f) };
      if (files.includes(sidecar)) profile.options = parseDeviceOptions(readJson(join(dir, sidecar), sidecar), sidecar);
      return profile;
    });
}

function readJson(path: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new DeviceOptionsError(file, error instanceof Error ? error.message : String(error));
  }
}

const LOCATIONS = ['Reception', 'Finance', 'Engineering, 3rd floor', 'Warehouse', 'Sales', 'HR', 'Print room', 'Lab 2', 'Board room', 'Mail room'];

const SUPPLY_COLUMN = (n: number): string => `1.3.6.1.2.1.43.11.1.1.${n}`;
const INPUT_COLUMN = (n: number): string => `1.3.6.1.2.1.43.8.2.1.${n}`;
const COVER_STATUS = '1.3.6.1.2.1.43.6.1.1.3';

type Trouble = 'silent' | 'jam' | 'doorOpen' | 'noPaper' | 'lowToner' | null;

/** `count` demo devices (≥ 0) from the profiles, deterministic for `seed`; throws RangeError for a bad count. */
export function buildDemoFleet(count: number, seed: number, profiles: DemoProfile[] = loadDemoProfiles()): SimulatedDeviceSpec[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (profiles.length === 0) throw new RangeError('no demo profiles');
  const random = seededRandom(seed);
  const compiler = new MibCompiler();
  const specs: SimulatedDeviceSpec[] = [];
  for (let i = 0; i < count; i++) {
    const profile = profiles[Math.floor(random() * profiles.length)] as DemoProfile;
    const name = `${profile.name}-${String(i + 1).padStart(5, '0')}`;
    let varbinds = personalise(profile.varbinds, i, seed, random);
    const trouble = pickTrouble(random());
    if (trouble && trouble !== 'silent') varbinds = withTrouble(compiler, varbinds, trouble, random);
    const spec: SimulatedDeviceSpec = { ...profile.options, name, varbinds };
    if (trouble === 'silent') spec.faults = { silent: true };
    specs.push(spec);
  }
  return specs;
}

function pickTrouble(r: number): Trouble {
  if (r < 0.03) return 'silent';
  if (r < 0.08) return 'jam';
  if (r < 0.11) return 'doorOpen';
  if (r < 0.15) return 'noPaper';
  if (r < 0.3) return 'lowToner';
  return null;
}

/** New identity, levels and counters; values that do not change stay shared with the profile. */
function personalise(template: readonly VarBind[], i: number, seed: number, random: () => number): VarBind[] {
  const serialTemplate = textOf(template.find((vb) => vb.oid.startsWith(`${PRINTER_OIDS.prtGeneralSerialNumber}.`))?.value) ?? '';
  const macTemplate = template.find((vb) => vb.oid.startsWith(`${PRINTER_OIDS.ifPhysAddress}.`) && vb.value.type === 'OctetString' && vb.value.value.length === 6);
  const oldMac = macTemplate?.value.type === 'OctetString' ? Buffer.from(macTemplate.value.value) : null;
  const tail = ((i + 1 + Math.imul(seed, 7919)) >>> 0) % 0x1000000;
  const newMac = oldMac ? Buffer.concat([oldMac.subarray(0, 3), Buffer.from([tail >>> 16, (tail >>> 8) & 0xff, tail & 0xff])]) : null;
  const serial = serialTemplate.length > 5 ? `${serialTemplate.slice(0, -5)}${String(i + 1).padStart(5, '0')}` : `SIM${i + 1}`;
  const oldTail = oldMac ? oldMac.subarray(3).toString('hex').toUpperCase() : null;
  const newTail = newMac ? newMac.subarray(3).toString('hex').toUpperCase() : null;
  const maxByRow = new Map<string, number>();
  for (const vb of template) {
    if (vb.oid.startsWith(`${SUPPLY_COLUMN(8)}.`) && vb.value.type === 'Integer') maxByRow.set(`s${vb.oid.slice(SUPPLY_COLUMN(8).length)}`, vb.value.value);
    if (vb.oid.startsWith(`${INPUT_COLUMN(9)}.`) && vb.value.type === 'Integer') maxByRow.set(`i${vb.oid.slice(INPUT_COLUMN(9).length)}`, vb.value.value);
  }
  let lifeTotal: number | null = null;
  const personal = template.map((vb): VarBind => {
    const { oid, value } = vb;
    if (value.type === 'OctetString') {
      if (oldMac && newMac && Buffer.from(value.value).equals(oldMac)) return { oid, value: { type: 'OctetString', value: new Uint8Array(newMac) } };
      const text = textOf(value);
      if (text !== null && serialTemplate && text.includes(serialTemplate)) return { oid, value: octets(text.split(serialTemplate).join(serial)) };
      if (text !== null && oldTail && newTail && text.includes(oldTail)) return { oid, value: octets(text.split(oldTail).join(newTail)) };
      if (oid === '1.3.6.1.2.1.1.6.0') return { oid, value: octets(LOCATIONS[Math.floor(random() * LOCATIONS.length)] as string) };
      // A sysName the MAC or serial rules did not make unique gets the device's number.
      if (oid === '1.3.6.1.2.1.1.5.0' && text !== null) return { oid, value: octets(`${text}-${String(i + 1).padStart(4, '0')}`) };
      return vb;
    }
    if (value.type === 'TimeTicks' && oid === PRINTER_OIDS.sysUpTime) return { oid, value: { type: 'TimeTicks', value: Math.floor(360_000 + random() * 777_600_000) } };
    if (value.type === 'Counter32' && oid.startsWith(`${PRINTER_OIDS.prtMarkerLifeCount}.`)) {
      const total = Math.floor(1_000 + random() * 2_000_000);
      if (oid === LIFE_COUNT) lifeTotal = total;
      return { oid, value: { type: 'Counter32', value: total } };
    }
    if (value.type === 'Integer' && value.value >= 0 && oid.startsWith(`${SUPPLY_COLUMN(9)}.`)) {
      const max = maxByRow.get(`s${oid.slice(SUPPLY_COLUMN(9).length)}`) ?? 100;
      if (max > 0) return { oid, value: { type: 'Integer', value: Math.floor(max * (0.1 + random() * 0.9)) } };
    }
    if (value.type === 'Integer' && value.value > 0 && oid.startsWith(`${INPUT_COLUMN(10)}.`)) {
      const max = maxByRow.get(`i${oid.slice(INPUT_COLUMN(10).length)}`) ?? 0;
      if (max > 1) return { oid, value: { type: 'Integer', value: 1 + Math.floor(random() * max) } };
    }
    return vb;
  });
  return lifeTotal === null ? personal : withConsistentCounters(personal, lifeTotal);
}

/**
 * Vendor counters that add up (demo-counters.ts): a Canon's black-and-white, colour, copy and
 * print counters scaled with its made-up total, instead of the recording's beside a random total.
 */
function withConsistentCounters(varbinds: VarBind[], total: number): VarBind[] {
  const recorded = new Map(varbinds.map((vb) => [vb.oid, vb.value]));
  const model = counterModelOf((oid) => recorded.has(oid));
  if (model.derived.length === 0) return varbinds;
  const values = scaledCounters(model, (oid) => asNumber(recorded.get(oid)) ?? 0, total);
  return varbinds.map((vb) => {
    const next = values.get(vb.oid);
    return next === undefined || vb.value.type !== 'Counter32' ? vb : { oid: vb.oid, value: { type: 'Counter32', value: next } };
  });
}

/** Error bits, status, alert rows and the levels that explain them. */
function withTrouble(compiler: MibCompiler, varbinds: VarBind[], trouble: Exclude<Trouble, 'silent' | null>, random: () => number): VarBind[] {
  const store = compiler.compile(varbinds);
  const uptime = store.get(PRINTER_OIDS.sysUpTime);
  const now = uptime?.type === 'TimeTicks' ? uptime.value : 0;
  const alertTime = Math.max(0, now - Math.floor(random() * 360_000));
  const conditions: PrinterCondition[] = [];
  let alert: SimAlert;
  switch (trouble) {
    case 'jam':
      conditions.push('jammed');
      alert = { severity: 'critical', group: 13, groupIndex: 1, location: 0, code: 8, description: 'Paper jam: open the front cover and remove the paper' };
      break;
    case 'doorOpen':
      conditions.push('doorOpen');
      alert = { severity: 'critical', group: 6, groupIndex: 1, location: 0, code: 3, description: 'Front cover open' };
      for (const oid of store.oidsUnder(COVER_STATUS)) store.set(oid, { type: 'Integer', value: 3 });
      break;
    case 'noPaper': {
      conditions.push('noPaper', 'inputTrayEmpty');
      const trays = store.oidsUnder(INPUT_COLUMN(10));
      const tray = trays[trays.length - 1] ?? `${INPUT_COLUMN(10)}.1.1`;
      store.set(tray, { type: 'Integer', value: 0 });
      const trayIndex = Number(tray.slice(tray.lastIndexOf('.') + 1));
      const trayName = textOf(store.get(`${INPUT_COLUMN(13)}${tray.slice(INPUT_COLUMN(10).length)}`)) ?? `Tray ${trayIndex}`;
      alert = { severity: 'critical', group: 8, groupIndex: trayIndex, location: 0, code: 808, description: `${trayName} empty` };
      break;
    }
    case 'lowToner': {
      conditions.push('lowToner');
      // Toner or ink only (types 3 toner, 5 ink, 6 inkCartridge, 21 tonerCartridge): a drum is not "low toner".
      const consumed = store
        .oidsUnder(SUPPLY_COLUMN(4))
        .filter((oid) => intOf(store.get(oid)) === 3 && [3, 5, 6, 21].includes(intOf(store.get(`${SUPPLY_COLUMN(5)}${oid.slice(SUPPLY_COLUMN(4).length)}`)) ?? 0));
      const row = (consumed[Math.floor(random() * consumed.length)] ?? `${SUPPLY_COLUMN(4)}.1.1`).slice(SUPPLY_COLUMN(4).length);
      const max = intOf(store.get(`${SUPPLY_COLUMN(8)}${row}`)) ?? 0;
      const capacity = max > 0 ? max : 100;
      store.set(`${SUPPLY_COLUMN(9)}${row}`, { type: 'Integer', value: Math.max(1, Math.floor(capacity * (0.02 + random() * 0.07))) });
      const ink = intOf(store.get(`${SUPPLY_COLUMN(5)}${row}`)) === 6;
      const description = textOf(store.get(`${SUPPLY_COLUMN(6)}${row}`)) ?? 'Supply';
      const supplyIndex = Number(row.slice(row.lastIndexOf('.') + 1));
      alert = { severity: 'warning', group: 11, groupIndex: supplyIndex, location: 0, code: ink ? 1105 : 1104, description: `${description} low` };
      break;
    }
  }
  applyErrorState(store, conditions);
  writeAlertRow(store, nextAlertIndex(store), alert, alertTime);
  return store.toVarBinds();
}

function textOf(value: SnmpValue | undefined): string | null {
  return value?.type === 'OctetString' ? Buffer.from(value.value).toString('utf8') : null;
}

function intOf(value: SnmpValue | undefined): number | null {
  return value?.type === 'Integer' ? value.value : null;
}

function octets(text: string): SnmpValue {
  return { type: 'OctetString', value: new Uint8Array(Buffer.from(text, 'utf8')) };
}
