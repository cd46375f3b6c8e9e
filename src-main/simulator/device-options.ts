import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { compileAddressChange } from './device-settings';
import type { SimulatedDeviceSpec } from './simulator-types';
import { normalizeAddressBookOptions } from './udirectory/address-book-options';
import { validateV3User } from './usm';
import { WriteRules } from './write-rules';

/**
 * The sidecar of a recording: `<name>.device.json` beside `<name>.snmprec` says what the
 * recording cannot — which communities read and write, which objects accept SETs, how the
 * address moves, SNMPv3 users. `loadSnmprecDir` and the demo fleet read it.
 */

export type SimDeviceOptions = Pick<SimulatedDeviceSpec, 'communities' | 'writeCommunities' | 'writable' | 'addressChange' | 'rebootMs' | 'readOnly' | 'v3Users' | 'addressBook'>;

const KEYS: ReadonlyArray<keyof SimDeviceOptions> = ['communities', 'writeCommunities', 'writable', 'addressChange', 'rebootMs', 'readOnly', 'v3Users', 'addressBook'];
export const DEVICE_OPTIONS_SUFFIX = '.device.json';

/** A sidecar that cannot be used; `file` names it. */
export class DeviceOptionsError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'DeviceOptionsError';
  }
}

/** Checks parsed JSON (`$comment` keys are ignored); throws DeviceOptionsError naming `file` and what is wrong. */
export function parseDeviceOptions(json: unknown, file: string): SimDeviceOptions {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DeviceOptionsError(file, 'must be a JSON object');
  const input = json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith('$')) continue;
    if (!(KEYS as readonly string[]).includes(key)) throw new DeviceOptionsError(file, `unknown key "${key}" (known: ${KEYS.join(', ')})`);
    out[key] = value;
  }
  const options = out as SimDeviceOptions;
  const strings = (list: unknown, name: string): void => {
    if (list !== undefined && !(Array.isArray(list) && list.every((c) => typeof c === 'string' && c.length > 0))) throw new DeviceOptionsError(file, `${name} must be a list of non-empty strings`);
  };
  strings(options.communities, 'communities');
  strings(options.writeCommunities, 'writeCommunities');
  if (options.readOnly !== undefined && typeof options.readOnly !== 'boolean') throw new DeviceOptionsError(file, 'readOnly must be true or false');
  if (options.rebootMs !== undefined && !(typeof options.rebootMs === 'number' && options.rebootMs >= 0 && options.rebootMs <= 600_000)) {
    throw new DeviceOptionsError(file, 'rebootMs must be 0..600000');
  }
  try {
    const rules = WriteRules.compile(options.writable, 'writable');
    compileAddressChange(options.addressChange, rules, 'addressChange');
    if (options.v3Users !== undefined) {
      if (!Array.isArray(options.v3Users)) throw new RangeError('v3Users must be a list');
      options.v3Users.forEach(validateV3User);
    }
    if (options.addressBook !== undefined) normalizeAddressBookOptions(options.addressBook, 'addressBook');
  } catch (error) {
    if (error instanceof RangeError) throw new DeviceOptionsError(file, error.message);
    throw error;
  }
  return options;
}

/** Reads and checks a sidecar; rejects with DeviceOptionsError (bad JSON or content) or the fs error. */
export async function readDeviceOptions(path: string): Promise<SimDeviceOptions> {
  const file = basename(path);
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeviceOptionsError(file, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseDeviceOptions(json, file);
}
