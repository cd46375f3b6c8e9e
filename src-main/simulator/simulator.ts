import { readdir } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { VarBind } from '../../src-shared/snmp/snmp-value';
import { checkBroadcastListener, startBroadcastResponder, type BroadcastResponder } from './broadcast-responder';
import { DEFAULT_REBOOT_MS, type DeviceEnvironment } from './device-environment';
import { DEVICE_OPTIONS_SUFFIX, readDeviceOptions, type SimDeviceOptions } from './device-options';
import { validateFaults } from './fault-injector';
import { MibCompiler } from './mib-store';
import { isLoopback } from './notification-sender';
import { SimulatedDevice } from './simulated-device';
import type { Simulator, SimulatedDeviceHandle, SimulatedDeviceInfo, SimulatedDeviceSpec, SimulatorOptions, SimulatorStats } from './simulator-types';
import { readSnmprecFile, SnmprecParseError } from './snmprec-parser';
import { validateV3User } from './usm';
import { UsmKeyCache } from './usm-crypto';
import { startAddressBooks, type SimulatedAddressBook } from './udirectory/simulated-address-book';

export type * from './simulator-types';
export type { SimFaults } from './fault-injector';
export type { SimV3User } from './usm';
export type { SimAlert } from './printer-state-editor';
export type { SimWritable, SimWritableSpec } from './write-rules';
export type { SimAddressChange } from './device-settings';
export type { SimDeviceOptions } from './device-options';
export type { SimAddressBookHandle, SimAddressBookOptions, SimBookEntry, SimUdirectoryFaults, SimUdirectoryStats } from './udirectory/address-book-options';
export { DEFAULT_REBOOT_MS, DEFAULT_WRITE_COMMUNITIES } from './device-environment';

export const DEFAULT_BASE_ADDRESS = '127.20.0.1';
/** Unprivileged stand-in for 161, so the simulator runs without root. */
export const DEFAULT_PORT = 1161;
export const DEFAULT_MAX_MESSAGE_SIZE = 1472;
const BIND_BATCH = 256;

/**
 * Starts one agent per spec, each on its own socket; rejects (after closing what was bound)
 * when a spec is invalid or an address cannot be bound.
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const placements = place(options);
  const allowNonLoopback = options.allowNonLoopback ?? false;
  const broadcast = options.broadcastListener ? { port: options.broadcastListener.port ?? options.port ?? DEFAULT_PORT, bindAddress: options.broadcastListener.bindAddress ?? '0.0.0.0' } : null;
  if (broadcast) checkBroadcastListener(broadcast.port, broadcast.bindAddress);
  for (const webPort of [options.webPort, options.webTlsPort]) if (webPort !== undefined) checkPort(webPort);
  let moves = 0;
  const env: DeviceEnvironment = {
    compiler: new MibCompiler(),
    keys: new UsmKeyCache(),
    stats: { requests: 0, responses: 0, dropped: 0 },
    now: () => performance.now(),
    seed: options.seed ?? 1,
    maxMessageSize: options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE,
    allowNonLoopback,
    defaultV3Users: options.v3Users,
    sharedPort: broadcast?.bindAddress === '0.0.0.0' ? broadcast.port : null,
    rebootMs: options.rebootMs ?? DEFAULT_REBOOT_MS,
    rules: new WeakMap(),
    places: new Map(),
    moved: () => void moves++,
  };
  for (const user of options.v3Users ?? []) validateV3User(user);
  const devices: SimulatedDevice[] = [];
  let responder: BroadcastResponder | null = null;
  let books: Array<SimulatedAddressBook | null>;
  try {
    for (let i = 0; i < options.devices.length; i++) {
      const spec = options.devices[i] as SimulatedDeviceSpec;
      const at = placements[i] as { address: string; port: number };
      if (!allowNonLoopback && !isLoopback(at.address)) throw new RangeError(`${spec.name}: ${at.address} is not a loopback address`);
      if (spec.faults) validateFaults(spec.faults);
      devices.push(new SimulatedDevice(spec, at.address, at.port, env));
    }
    for (let i = 0; i < devices.length; i += BIND_BATCH) {
      await Promise.all(devices.slice(i, i + BIND_BATCH).map((d) => d.bind()));
    }
    if (broadcast) responder = await startBroadcastResponder(devices, { ...broadcast, allowNonLoopback });
    const web = { httpPort: options.webPort ?? null, httpsPort: options.webTlsPort ?? null };
    books = await startAddressBooks(devices.map((d, i) => ({ name: d.name, address: d.address, addressBook: options.devices[i]?.addressBook })), web, options.layout === 'port-per-device');
    books.forEach((book, i) => ((devices[i] as SimulatedDevice).addressBook = book));
  } catch (error) {
    await responder?.close();
    await Promise.all(devices.map((d) => d.close()));
    throw error;
  }
  return new RunningSimulator(devices, env.stats, responder, () => moves, books);
}

class RunningSimulator implements Simulator {
  private readonly byName: Map<string, SimulatedDevice>;
  private listed: ReadonlyArray<SimulatedDeviceInfo> = [];
  private listedAt = -1;

  constructor(
    private readonly all: SimulatedDevice[],
    private readonly counters: SimulatorStats,
    private readonly responder: BroadcastResponder | null,
    private readonly moves: () => number,
    private readonly books: ReadonlyArray<SimulatedAddressBook | null>,
  ) {
    this.byName = new Map(all.map((d) => [d.name, d]));
  }

  get devices(): ReadonlyArray<SimulatedDeviceInfo> {
    // Rebuilt only after a device moved: fleets of 10,000 read this often.
    if (this.listedAt !== this.moves()) {
      this.listedAt = this.moves();
      this.listed = this.all.map((d, i) => {
        const book = this.books[i];
        return { name: d.name, address: d.address, port: d.port, ...(book?.httpPort != null ? { webPort: book.httpPort } : {}), ...(book?.httpsPort != null ? { webTlsPort: book.httpsPort } : {}) };
      });
    }
    return this.listed;
  }

  device(name: string): SimulatedDeviceHandle {
    const device = this.byName.get(name);
    if (!device) throw new RangeError(`no simulated device named "${name}"`);
    return device;
  }

  stats(): SimulatorStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    await Promise.all(this.books.map((b) => b?.close()));
    await this.responder?.close();
    await Promise.all(this.all.map((d) => d.close()));
  }
}

/** Where each device listens; throws RangeError for duplicates, bad addresses or ports. */
function place(options: SimulatorOptions): Array<{ address: string; port: number }> {
  const base = options.baseAddress ?? DEFAULT_BASE_ADDRESS;
  const port = options.port ?? DEFAULT_PORT;
  checkPort(port);
  const perPort = options.layout === 'port-per-device';
  if (!isIP(base)) throw new RangeError(`baseAddress "${base}" is not an IP address`);
  const addresses = perPort || isIP(base) === 6 ? null : ipv4Sequence(base);
  const names = new Set<string>();
  const taken = new Set<string>();
  return options.devices.map((spec, i) => {
    if (!spec.name) throw new RangeError(`device ${i} has no name`);
    if (names.has(spec.name)) throw new RangeError(`duplicate device name "${spec.name}"`);
    names.add(spec.name);
    const address = spec.address ?? (addresses ? addresses.next().value : base);
    if (typeof address !== 'string' || !isIP(address)) throw new RangeError(`${spec.name}: no usable address (${String(address)})`);
    const devicePort = spec.port ?? (perPort && port !== 0 ? port + i : port);
    checkPort(devicePort);
    const where = `${address}|${devicePort}`;
    if (devicePort !== 0 && taken.has(where)) throw new RangeError(`${spec.name}: ${address}:${devicePort} is already used by another device`);
    taken.add(where);
    return { address, port: devicePort };
  });
}

function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port ${port} is not 0..65535`);
}

/** IPv4 addresses from `base` upwards, skipping host parts .0 and .255; ends at the top of 127/8 or 2^32. */
export function* ipv4Sequence(base: string): Generator<string, undefined> {
  const parts = base.split('.').map(Number);
  let n = (((parts[0] ?? 0) * 256 + (parts[1] ?? 0)) * 256 + (parts[2] ?? 0)) * 256 + (parts[3] ?? 0);
  const end = (parts[0] ?? 0) === 127 ? 128 * 2 ** 24 : 2 ** 32;
  for (; n < end; n++) {
    const last = n % 256;
    if (last === 0 || last === 255) continue;
    yield `${Math.floor(n / 2 ** 24)}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${last}`;
  }
  return undefined;
}

export interface SnmprecDirOptions {
  /**
   * Given: recordings are served as snmpsim serves them, imperfect ones included. A line that
   * cannot be read is skipped, and so is a recording that cannot be read at all; each is
   * reported here ("file:line: reason; line skipped"). Absent: the first bad line rejects.
   */
  onWarning?: (message: string) => void;
}

/**
 * One spec per `*.snmprec` in `dir` (not recursive); `name@context.snmprec` becomes context
 * `context` of device `name`, and `name.device.json` (device-options.ts) adds its communities,
 * writable objects and the rest. Rejects with SnmprecParseError (file and line) for a bad
 * recording unless `onWarning` is given, and with DeviceOptionsError for a bad sidecar (our
 * own format, written for this folder: a mistake there is the user's to fix).
 */
export async function loadSnmprecDir(dir: string, options: SnmprecDirOptions = {}): Promise<SimulatedDeviceSpec[]> {
  const { onWarning } = options;
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile());
  const files = entries
    .filter((e) => e.name.endsWith('.snmprec'))
    .map((e) => e.name)
    .sort();
  const sidecars = new Map<string, SimDeviceOptions>(
    await Promise.all(
      entries
        .filter((e) => e.name.endsWith(DEVICE_OPTIONS_SUFFIX))
        .map(async (e): Promise<[string, SimDeviceOptions]> => [e.name.slice(0, -DEVICE_OPTIONS_SUFFIX.length), await readDeviceOptions(join(dir, e.name))]),
    ),
  );
  const specs = new Map<string, { varbinds: VarBind[]; contexts: Record<string, VarBind[]> }>();
  const onBadLine = onWarning && ((error: SnmprecParseError): void => onWarning(`${error.message}; line skipped`));
  const read = async (file: string): Promise<VarBind[] | null> => {
    try {
      return await readSnmprecFile(join(dir, file), { onBadLine });
    } catch (error) {
      if (!onWarning || error instanceof SnmprecParseError) throw error;
      onWarning(`${file}: cannot be read: ${error instanceof Error ? error.message : String(error)}; file skipped`);
      return null;
    }
  };
  const parsed = await Promise.all(files.map(async (file) => ({ file, varbinds: await read(file) })));
  for (const { file, varbinds } of parsed) {
    if (varbinds === null) continue;
    const stem = file.slice(0, -'.snmprec'.length);
    const at = stem.indexOf('@');
    const name = at < 0 ? stem : stem.slice(0, at);
    const entry = specs.get(name) ?? { varbinds: [], contexts: {} };
    if (at < 0) entry.varbinds = varbinds;
    else entry.contexts[stem.slice(at + 1)] = varbinds;
    specs.set(name, entry);
  }
  return [...specs].map(([name, e]) => ({
    name,
    varbinds: e.varbinds,
    ...(Object.keys(e.contexts).length > 0 ? { contexts: e.contexts } : {}),
    ...sidecars.get(name),
  }));
}
