import type { CounterReading } from '../domain/device-reading';
import { codeName } from '../mib/code-table';
import { PRT_MARKER_COUNTER_UNIT_NAMES } from '../mib/printer-mib.codes';
import { PRT_MARKER_TABLE } from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { asNumber } from '../snmp/snmp-value';

/**
 * Page counters from prtMarkerTable. A printer with several markers (rare: separate engines)
 * counts its output once per marker, so the device's "total" is the SUM over its markers that
 * count in the same unit as the first; a marker counting in another unit is reported on its
 * own as "total.<unit>" rather than added to a different quantity.
 */

function rowsOf(snapshot: MibSnapshot, hrIndex: string | null): string[] {
  const prefix = hrIndex === null ? null : `${hrIndex}.`;
  return snapshot
    .column(PRT_MARKER_TABLE.prtMarkerLifeCount)
    .map((row) => row.index)
    .filter((index) => prefix === null || index.startsWith(prefix));
}

function add(sums: Map<string, number>, name: string, value: number | null): void {
  if (value === null || value < 0) return;
  sums.set(name, (sums.get(name) ?? 0) + value);
}

/** "total" (prtMarkerLifeCount) and "sincePowerOn" (prtMarkerPowerOnCount) of the printer's markers. Never throws. */
export function readCounters(snapshot: MibSnapshot, hrIndex: string | null): CounterReading[] {
  const rows = rowsOf(snapshot, hrIndex);
  if (rows.length === 0) return [];
  const unitOf = (index: string): string =>
    codeName(PRT_MARKER_COUNTER_UNIT_NAMES, asNumber(snapshot.get(`${PRT_MARKER_TABLE.prtMarkerCounterUnit}.${index}`))) ?? 'unknown';
  const mainUnit = unitOf(rows[0] as string);
  const sums = new Map<string, number>();
  const units = new Map<string, string>();
  for (const index of rows) {
    const unit = unitOf(index);
    const suffix = unit === mainUnit ? '' : `.${unit}`;
    units.set(`total${suffix}`, unit).set(`sincePowerOn${suffix}`, unit);
    add(sums, `total${suffix}`, asNumber(snapshot.get(`${PRT_MARKER_TABLE.prtMarkerLifeCount}.${index}`)));
    add(sums, `sincePowerOn${suffix}`, asNumber(snapshot.get(`${PRT_MARKER_TABLE.prtMarkerPowerOnCount}.${index}`)));
  }
  return [...sums].map(([name, value]) => ({ name, unit: units.get(name) ?? mainUnit, value }));
}
