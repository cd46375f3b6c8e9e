import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { profileCounters, profileFieldOids, profileIdentity } from '../../../src-shared/profiles/profile-reader';
import { readIdentity, readUptime } from '../../../src-shared/printer/identity-reader';
import { interpretPrinterState } from '../../../src-shared/printer/interpret-standard';
import { findPrinterDevice } from '../../../src-shared/printer/printer-device';
import { unreadableValues } from '../../../src-shared/printer/unreadable-values';
import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { emptyIdentity, type CounterReading, type DeviceIdentity, type DeviceReading, type ReadError } from '../../../src-shared/domain/device-reading';

/**
 * A device's identity as last assembled from one snapshot, but for the uptime: everything in
 * it comes from values a routine poll does not change (see DeviceReader.planFor, which decides
 * when that holds), so the polls of one learned layout work it out once. Valid for the printer
 * row it was found at. `identity` is the object of the last reading assembled with the cache
 * (no copy kept: the reading a device keeps between polls holds it anyway), so a reading's
 * identity must not be changed once it is handed out (SharedTexts changes it before).
 */
export interface IdentityCache {
  hrIndex?: string | null;
  identity?: DeviceIdentity;
}

/**
 * Turns what we know of a device (its MIB snapshot and matched profile) into the reading
 * users see, with the values it could not send (too large for a reply) listed in `unreadable`.
 * Pure but for `cache`: given one, the identity is taken from it (uptime aside) when it was
 * worked out for the same printer row, and put in it otherwise. The same function serves full
 * reads and routine polls.
 */
export function assembleReading(target: string, snapshot: MibSnapshot, profile: DeviceProfile, cache?: IdentityCache): DeviceReading {
  const printer = findPrinterDevice(snapshot);
  const state = interpretPrinterState(snapshot, printer.hrIndex, profile.supplyQuirks);
  const known = cache?.identity !== undefined && cache.hrIndex === printer.hrIndex ? cache.identity : undefined;
  const uptimeSeconds = readUptime(snapshot);
  const identity = known ? withUptime(known, uptimeSeconds) : identityOf(snapshot, profile, printer.hrIndex);
  if (cache) {
    cache.hrIndex = printer.hrIndex;
    cache.identity = identity;
  }
  const status = printer.isPrinter ? state.status : { state: 'unknown' as const, message: 'Not a printer (no Printer-MIB)', conditions: [] };
  const unreadable = unreadableValues(snapshot, profileFieldOids(profile));
  return {
    target,
    ok: true,
    error: null,
    identity,
    status,
    supplies: state.supplies,
    trays: state.trays,
    counters: mergeCounters(state.counters, profileCounters(profile, snapshot)),
    alerts: state.alerts,
    ...(unreadable.length > 0 ? { unreadable } : {}),
  };
}

/** `known` with another uptime: spelled out rather than spread, so every identity has the same shape (spreading one spread before is several times slower). */
export function withUptime(known: DeviceIdentity, uptimeSeconds: number | null): DeviceIdentity {
  const { vendor, model, serial, mac, firmware, sysName, sysDescr, sysObjectID, location, contact } = known;
  return { vendor, model, serial, mac, firmware, sysName, sysDescr, sysObjectID, location, contact, uptimeSeconds };
}

/** The identity the standard MIBs and the profile give, in the order readings list it. */
function identityOf(snapshot: MibSnapshot, profile: DeviceProfile, hrIndex: string | null): DeviceIdentity {
  const standard = readIdentity(snapshot, hrIndex);
  const vendor = profileIdentity(profile, snapshot, standard.serial);
  return {
    vendor: vendor.vendor,
    model: vendor.model,
    serial: vendor.serial ?? standard.serial,
    mac: standard.mac,
    firmware: vendor.firmware,
    sysName: standard.sysName,
    sysDescr: standard.sysDescr,
    sysObjectID: standard.sysObjectID,
    location: standard.location,
    contact: standard.contact,
    uptimeSeconds: standard.uptimeSeconds,
  };
}

/** Standard Printer-MIB counters first; a vendor counter of the same name does not replace them. */
function mergeCounters(standard: CounterReading[], vendor: CounterReading[]): CounterReading[] {
  if (vendor.length === 0) return standard;
  const names = new Set(standard.map((c) => c.name));
  return [...standard, ...vendor.filter((c) => !names.has(c.name))];
}

/** The reading of a device that could not be read: everything unknown, the error said. */
export function failedReading(target: string, error: ReadError): DeviceReading {
  return {
    target,
    ok: false,
    error,
    identity: emptyIdentity(),
    status: { state: error.code === 'snmp-timeout' ? 'offline' : 'unknown', message: error.message, conditions: [] },
    supplies: [],
    trays: [],
    counters: [],
    alerts: [],
  };
}
