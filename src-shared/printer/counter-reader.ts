import type { CounterReading } from '../domain/device-reading';
import { codeName } from '../mib/code-table';
import { PRT_MARKER_COUNTER_UNIT_NAMES } from '../mib/printer-mib.codes';
import { PRT_MARKER_TABLE } from '../mib/printer-mib.oids';
import { LayoutDerived, type MibSnapshot } from '../snmp/mib-snapshot';
import { asNumber } from '../snmp/snmp-value';

/**
 * Page counters from prtMarkerTable. A printer with several markers (rare: separate engines)
 * counts its output once per marker, so the device's "total" is the SUM over its markers that
 * count in the same unit as the first; a marker counting in another unit is reported on its
 * own as "total.<unit>" rather than added to a different quantity.
 */

/** A prtMarkerTable row with a life count, and the instance OIDs read from it: the same for every device of a layout. */
interface MarkerRow {
  index: string;
  unit: string;
  life: string;
  powerOn: string;
}

const M = PRT_MARKER_TABLE;

const MARKER_ROWS = new LayoutDerived<readonly MarkerRow[]>((snapshot) =>
  snapshot.oidsUnder(M.prtMarkerLifeCount).map((oid) => {
    const index = oid.slice(M.prtMarkerLifeCount.length + 1);
    return { index, unit: `${M.prtMarkerCounterUnit}.${index}`, life: oid, powerOn: `${M.prtMarkerPowerOnCount}.${index}` };
  }),
);

function rowsOf(snapshot: MibSnapshot, hrIndex: string | null): readonly MarkerRow[] {
  const rows = snapshot.derived(MARKER_ROWS);
  if (hrIndex === null) return rows;
  const prefix = `${hrIndex}.`;
  return rows.filter((row) => row.index.startsWith(prefix));
}

function add(sums: Map<string, number>, name: string, value: number | null): void {
  if (value === null || value < 0) return;
  sums.set(name, (sums.get(name) ?? 0) + value);
}

/** "total" (prtMarkerLifeCount) and "sincePowerOn" (prtMarkerPowerOnCount) of the printer's markers. Never throws. */
export function readCounters(snapshot: MibSnapshot, hrIndex: string | null): CounterReading[] {
  const rows = rowsOf(snapshot, hrIndex);
  if (rows.length === 0) return [];
  const unitOf = (row: MarkerRow): string => codeName(PRT_MARKER_COUNTER_UNIT_NAMES, asNumber(snapshot.get(row.unit))) ?? 'unknown';
  const mainUnit = unitOf(rows[0] as MarkerRow);
  const sums = new Map<string, number>();
  const units = new Map<string, string>();
  for (const row of rows) {
    const unit = unitOf(row);
    const suffix = unit === mainUnit ? '' : `.${unit}`;
    units.set(`total${suffix}`, unit).set(`sincePowerOn${suffix}`, unit);
    add(sums, `total${suffix}`, asNumber(snapshot.get(row.life)));
    add(sums, `sincePowerOn${suffix}`, asNumber(snapshot.get(row.powerOn)));
  }
  return [...sums].map(([name, value]) => ({ name, unit: units.get(name) ?? mainUnit, value }));
}
