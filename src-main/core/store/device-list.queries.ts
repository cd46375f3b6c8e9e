import type { DeviceListRow } from '../../../src-shared/domain/device-list-row';
import { compareKeyed, nameOrderKey } from '../../../src-shared/domain/list-order';
import { isMarkerSupply } from '../../../src-shared/filters/device-filter';
import type { Database } from './database';
import { DEVICE_LIST_COLUMNS, toListRow, toSupplySummary, type DeviceListTuple, type SupplySummary, type SupplySummaryRow } from './device-views';

/** A supply of a list row as read (raw): its device, then SupplySummaryRow's columns. */
type SupplyTuple = [deviceId: number, idx: SupplySummaryRow['idx'], type: SupplySummaryRow['type'], supplyClass: SupplySummaryRow['class'], color: SupplySummaryRow['color'], description: SupplySummaryRow['description'], percent: SupplySummaryRow['percent'], quality: SupplySummaryRow['quality']];
type TotalTuple = [deviceId: number, value: number];

/**
 * The console's device list (devices.listRows) straight from the tables: only the columns its
 * rows show, and only the supplies they show (marker supplies), read as raw tuples, so that
 * 10,000 devices are read without building the full summaries first. The same mapping as the
 * summaries (device-views: toListRow), so a row equals toDeviceListRow of the device's summary.
 */
export class DeviceListQueries {
  private readonly readAll: () => DeviceListRow[];
  private readonly readSome: (ids: readonly number[]) => DeviceListRow[];
  private readonly readFirst: (count: number) => DeviceListRow[];

  constructor(db: Database) {
    // Waste receptacles are never shown: left out here already; isMarkerSupply decides the rest.
    const supplyColumns = 'device_id, idx, type, class, color, description, percent, quality';
    const shown = "class IS NOT 'receptacle'";
    const allDevices = db.prepare<[], DeviceListTuple>(`SELECT ${DEVICE_LIST_COLUMNS} FROM devices ORDER BY id`).raw(true);
    const allSupplies = db.prepare<[], SupplyTuple>(`SELECT ${supplyColumns} FROM supplies WHERE ${shown} ORDER BY device_id, position`).raw(true);
    const allTotals = db.prepare<[], TotalTuple>("SELECT device_id, value FROM counters WHERE name = 'total'").raw(true);
    // One read transaction, so the three queries see the same committed round.
    this.readAll = db.transaction(() => rowsOf(allDevices.all(), allSupplies.all(), allTotals.all()));

    // The same for a few devices (the ids a change event named), bound as one JSON array.
    const IDS = 'SELECT value FROM json_each(?)';
    const someDevices = db.prepare<[string], DeviceListTuple>(`SELECT ${DEVICE_LIST_COLUMNS} FROM devices WHERE id IN (${IDS}) ORDER BY id`).raw(true);
    const someSupplies = db.prepare<[string], SupplyTuple>(`SELECT ${supplyColumns} FROM supplies WHERE ${shown} AND device_id IN (${IDS}) ORDER BY device_id, position`).raw(true);
    const someTotals = db.prepare<[string], TotalTuple>(`SELECT device_id, value FROM counters WHERE name = 'total' AND device_id IN (${IDS})`).raw(true);
    this.readSome = db.transaction((ids: readonly number[]) => {
      const json = JSON.stringify(ids);
      return rowsOf(someDevices.all(json), someSupplies.all(json), someTotals.all(json));
    });

    // The top of the list as it opens (by name): only the names are read for all devices.
    const names = db.prepare<[], [id: number, name: string | null, sysName: string | null]>('SELECT id, name, sys_name FROM devices').raw(true);
    this.readFirst = db.transaction((count: number) => {
      const keyed = names.all().map(([id, name, sysName]) => ({ id, key: nameOrderKey({ name, identity: { sysName } }) }));
      keyed.sort((a, b) => compareKeyed(a, b));
      const ids = keyed.slice(0, count).map((entry) => entry.id);
      const rows = new Map(this.readSome(ids).map((row) => [row.id, row]));
      return ids.flatMap((id) => rows.get(id) ?? []);
    });
  }

  /** Every device as a list row, by id; never throws short of a database failure. */
  listRows(): DeviceListRow[] {
    return this.readAll();
  }

  /**
   * The first `count` rows of the list in the order it opens in (by name as the console sorts
   * it: nameOrderKey, ties by id), in that order; never throws short of a database failure.
   */
  firstRows(count: number): DeviceListRow[] {
    return this.readFirst(count);
  }

  /** The list rows of the given devices that exist, by id; unknown ids are left out. */
  listRowsByIds(ids: readonly number[]): DeviceListRow[] {
    return ids.length === 0 ? [] : this.readSome(ids);
  }
}

function rowsOf(devices: readonly DeviceListTuple[], supplyRows: readonly SupplyTuple[], totals: readonly TotalTuple[]): DeviceListRow[] {
  const supplies = new Map<number, SupplySummary[]>();
  for (const [deviceId, idx, type, kind, color, description, percent, quality] of supplyRows) {
    const supply = toSupplySummary({ idx, type, class: kind, color, description, percent, quality });
    if (!isMarkerSupply(supply)) continue;
    const list = supplies.get(deviceId);
    if (list) list.push(supply);
    else supplies.set(deviceId, [supply]);
  }
  const pages = new Map(totals);
  return devices.map((row) => toListRow(row, supplies.get(row[0]) ?? [], pages.get(row[0]) ?? null));
}
