import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { applyProfile, profileFieldOids } from '../../../src-shared/profiles/profile-reader';
import { interpretStandard } from '../../../src-shared/printer/interpret-standard';
import { unreadableValues } from '../../../src-shared/printer/unreadable-values';
import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { emptyIdentity, type CounterReading, type DeviceReading, type ReadError } from '../../../src-shared/domain/device-reading';

/**
 * Turns what we know of a device (its MIB snapshot and matched profile) into the reading
 * users see, with the values it could not send (too large for a reply) listed in `unreadable`.
 * Pure; the same function serves full reads and routine polls.
 */
export function assembleReading(target: string, snapshot: MibSnapshot, profile: DeviceProfile): DeviceReading {
  const standard = interpretStandard(snapshot, profile.supplyQuirks);
  const vendor = applyProfile(profile, snapshot, standard.identity.serial);
  const status = standard.isPrinter
    ? standard.status
    : { state: 'unknown' as const, message: 'Not a printer (no Printer-MIB)', conditions: [] };
  const unreadable = unreadableValues(snapshot, profileFieldOids(profile));
  return {
    target,
    ok: true,
    error: null,
    identity: {
      vendor: vendor.vendor,
      model: vendor.model,
      serial: vendor.serial ?? standard.identity.serial,
      mac: standard.identity.mac,
      firmware: vendor.firmware,
      sysName: standard.identity.sysName,
      sysDescr: standard.identity.sysDescr,
      sysObjectID: standard.identity.sysObjectID,
      location: standard.identity.location,
      contact: standard.identity.contact,
      uptimeSeconds: standard.identity.uptimeSeconds,
    },
    status,
    supplies: standard.supplies,
    trays: standard.trays,
    counters: mergeCounters(standard.counters, vendor.counters),
    alerts: standard.alerts,
    ...(unreadable.length > 0 ? { unreadable } : {}),
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
