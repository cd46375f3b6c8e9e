import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { DevicesRepository } from '../store/devices.repository';
import { normaliseMac, normaliseSerial, vendorsCompatible } from '../store/identity-keys';
import type { RoundEntry } from '../store/reading-writer';
import { settingsForDevice, type SnmpSettings } from './credential-settings';
import type { DeviceReader } from './device-reader';
import { pollRound } from './fleet-poller';

/** One successful full reading of a round, about to be saved. */
export interface SavedReading {
  entry: RoundEntry;
  /** How it was read (the credential that reached it): the fallback for re-reading the old address. */
  settings: SnmpSettings;
}

/** What answered at an address in this round: nothing, or a reading that belongs to a stored device (null: none stored). */
export type Heard = { kind: 'silent' } | { kind: 'device'; deviceId: number | null };

export interface TakeoverCheckDeps {
  devices: Pick<DevicesRepository, 'locateDevice' | 'findDeviceKey' | 'pollTarget'>;
  reader: DeviceReader;
}

/**
 * The "moved device keeps its row" rule, made safe: a reading whose identity belongs to a
 * device stored at another address moves that device only when its old address no longer
 * answers with that identity. What the same round read at the old address decides (a routine
 * poll round reads every stored address, so a DHCP shuffle costs nothing more); an old address
 * the round did not read is read once now, with the device's own credential. Two live
 * addresses with one identity set `stillAnswering` on the entry, and the store records an
 * identity conflict instead of a move; so do further readings of one identity in the same round
 * after the first took the row over, or after the first created it (two new devices with one
 * serial and MAC in one round: the first is the device, the others conflicts). Returns the entries that could not be decided (the round
 * was cancelled before the re-read): they must not be saved. Never rejects for a device's failure.
 */
export async function checkTakeovers(
  readings: readonly SavedReading[],
  heard: ReadonlyMap<string, Heard>,
  deps: TakeoverCheckDeps,
  options: { concurrency?: number; signal?: AbortSignal },
): Promise<Set<RoundEntry>> {
  const newOnes: SavedReading[] = [];
  const candidates = readings.flatMap((reading) => {
    const place = deps.devices.locateDevice(keyOf(reading.entry));
    if (place === null) {
      // Not stored yet: an earlier reading of this round with its identity makes the row this one would take over.
      const first = newOnes.find((earlier) => sameIdentity(earlier.entry, reading.entry) && !sameEndpoint(earlier.entry.target, reading.entry.target));
      if (first) reading.entry.stillAnswering = [first.entry.target];
      else newOnes.push(reading);
      return [];
    }
    if (place.address === reading.entry.target.address && place.port === reading.entry.target.port) return [];
    return [{ reading, place, old: endpointKey(place.address, place.port) }];
  });
  if (candidates.length === 0) return new Set();

  // Old addresses this round did not read: one full read each, with the device's own credential.
  const unread = [...new Map(candidates.filter((c) => !heard.has(c.old)).map((c) => [c.old, c])).values()];
  const reread = await pollRound(
    deps.reader,
    unread.map(({ reading, place }) => {
      const stored = deps.devices.pollTarget(place.id);
      const settings = stored && stored.credentialProblem === null ? settingsForDevice(stored.credential, reading.settings) : reading.settings;
      return { target: { ...settings, host: place.address, port: place.port } };
    }),
    options,
  );
  const answers = new Map(heard);
  unread.forEach((c, i) => {
    const result = reread[i];
    if (result !== undefined) answers.set(c.old, answerOf(result.reading, c.place.address, c.place.port, deps.devices));
  });

  const undecided = new Set<RoundEntry>();
  const tookOver = new Map<number, Array<{ address: string; port: number }>>();
  for (const { reading, place, old } of candidates) {
    const answer = answers.get(old);
    if (answer === undefined) {
      undecided.add(reading.entry);
      continue;
    }
    const live = answer.kind === 'device' && answer.deviceId === place.id;
    const earlier = tookOver.get(place.id) ?? [];
    const still = [...(live ? [{ address: place.address, port: place.port }] : []), ...earlier];
    if (still.length > 0) reading.entry.stillAnswering = still;
    else tookOver.set(place.id, [...earlier, reading.entry.target]);
  }
  return undecided;
}

/** What a reading at `address:port` says about who answers there. */
export function answerOf(reading: DeviceReading, address: string, port: number, devices: Pick<DevicesRepository, 'findDeviceKey'>): Heard {
  if (!reading.ok) return { kind: 'silent' };
  return { kind: 'device', deviceId: devices.findDeviceKey({ ...keyOf({ reading, target: { address, port } }) }) };
}

/** Whether the store's identity rule would give two readings one row: the same serial (vendors compatible), or the same MAC unless both serials are known and differ. */
function sameIdentity(a: Pick<RoundEntry, 'reading'>, b: Pick<RoundEntry, 'reading'>): boolean {
  const x = a.reading.identity;
  const y = b.reading.identity;
  const serialX = normaliseSerial(x.serial);
  const serialY = normaliseSerial(y.serial);
  if (serialX !== null && serialY !== null) return serialX.toLowerCase() === serialY.toLowerCase() && vendorsCompatible(x.vendor, y.vendor);
  const macX = normaliseMac(x.mac);
  return macX !== null && macX === normaliseMac(y.mac);
}

function sameEndpoint(a: { address: string; port: number }, b: { address: string; port: number }): boolean {
  return a.address === b.address && a.port === b.port;
}

/** The map key of an endpoint. */
export function endpointKey(address: string, port: number): string {
  return `${address}|${port}`;
}

function keyOf(entry: Pick<RoundEntry, 'reading' | 'target'>) {
  const { identity } = entry.reading;
  return { serial: identity.serial, mac: identity.mac, vendor: identity.vendor, address: entry.target.address, port: entry.target.port };
}

/** Why a reading was not kept: its serial and MAC are those of a device that still answers elsewhere (for results and logs). */
export function identityConflictMessage(conflict: { heldAt: string; alsoAt: string }): string {
  return `${conflict.alsoAt} answers with the serial number and MAC address of the device at ${conflict.heldAt}, which still answers there: an identity conflict (a copied configuration, a swapped board, or one printer on two networks?), so the device keeps its row and nothing is saved for ${conflict.alsoAt}`;
}
