import { createHash } from 'node:crypto';
import type { MibCompiler } from './mib-store';
import type { SimulatedDeviceSpec, SimulatorStats } from './simulator-types';
import type { UsmKeyCache } from './usm-crypto';
import { WriteRules } from './write-rules';

/** What all devices of one simulator share. */
export interface DeviceEnvironment {
  readonly compiler: MibCompiler;
  readonly keys: UsmKeyCache;
  readonly stats: SimulatorStats;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  readonly seed: number;
  readonly maxMessageSize: number;
  readonly allowNonLoopback: boolean;
  readonly defaultV3Users: SimulatedDeviceSpec['v3Users'];
  /** Port a wildcard broadcast listener shares with the devices (they bind it with SO_REUSEADDR), else null. */
  readonly sharedPort: number | null;
  /** Silence of a reboot in ms for devices without their own. */
  readonly rebootMs: number;
  /** Compiled writable lists, by list (devices built from one profile share its list). */
  readonly rules: WeakMap<object, WriteRules>;
  /** Which device holds each `address|port`: no two may. */
  readonly places: Map<string, { readonly name: string }>;
  /** Called after a device moved to another address. */
  readonly moved: () => void;
}

/** A SET needs one of these unless the spec names its own write communities. */
export const DEFAULT_WRITE_COMMUNITIES: readonly string[] = ['private'];
export const DEFAULT_REBOOT_MS = 3000;

/** The key of `places`. */
export function placeKey(address: string, port: number): string {
  return `${address}|${port}`;
}

/** `ms` when it is a usable reboot silence; throws RangeError naming the device otherwise. */
export function checkRebootMs(ms: number, name: string): number {
  if (!(Number.isFinite(ms) && ms >= 0 && ms <= 600_000)) throw new RangeError(`${name}: rebootMs must be 0..600000, got ${ms}`);
  return ms;
}

/** The device's writable list compiled once per list object (a demo fleet shares its profile's). */
export function compiledRules(spec: SimulatedDeviceSpec, env: DeviceEnvironment): WriteRules {
  const list = spec.writable;
  if (list === undefined || list === 'any') return WriteRules.compile(list, spec.name);
  let rules = env.rules.get(list);
  if (!rules) {
    rules = WriteRules.compile(list, spec.name);
    env.rules.set(list, rules);
  }
  return rules;
}

/** RFC 3411 engine ID: enterprise 8072 (net-snmp), format 5 (octets), 8 bytes from the name. */
export function defaultEngineId(name: string): Buffer {
  const digest = createHash('sha1').update(`printdeck-simulator:${name}`).digest();
  return Buffer.concat([Buffer.from([0x80, 0x00, 0x1f, 0x88, 0x05]), digest.subarray(0, 8)]);
}
