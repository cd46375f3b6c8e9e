import { describe, expect, it } from 'vitest';
import { toDeviceListRow, type DeviceListRow } from '../../../src-shared/domain/device-list-row';
import {
  DEVICE_ROWS_VERSION,
  decodeDeviceRowRange,
  decodeDeviceRows,
  deviceRowsSchema,
  encodeDeviceRows,
  parseDeviceRows,
  type DeviceRows,
} from '../../../src-shared/domain/device-rows.codec';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { aDevice, aToner } from '../renderer/device-builders';

const wasteToner: DeviceSummary['supplies'][number] = { index: '1.9', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste Toner Box', percent: 70, quality: 'coarse' };

/** Summaries with every kind of value the list shows: nulls, errors, conditions, supplies of each quality, odd texts. */
function fleet(): DeviceSummary[] {
  return [
    aDevice({ id: 1, name: 'Front desk', supplies: [aToner('black', 80), aToner('cyan', 5, 'coarse'), aToner('magenta', null, 'unknown'), wasteToner], totalPages: 123_456 }),
    aDevice({ id: 2, state: 'error', message: 'Paper jam', conditions: ['jammed', 'doorOpen'], supplies: [aToner('black', 0)] }),
    // Never read: no identity, no pages, never seen.
    aDevice({
      id: 3,
      address: 'fe80::1',
      port: 1161,
      state: 'unknown',
      message: '',
      identity: { vendor: null, model: null, serial: null, mac: null, firmware: null, sysName: null, location: null },
      totalPages: null,
      lastSeen: null,
      lastAttempt: null,
    }),
    // Not answering: the error stays with the row; the same conditions as device 2 in another order.
    aDevice({ id: 7, state: 'offline', message: 'Not reachable', conditions: ['doorOpen', 'jammed'], lastError: { code: 'snmp-timeout', message: 'no answer within 2 s' } }),
    // Texts that look like other values, control characters and non-ASCII stay exactly as they are.
    aDevice({ id: 9, name: 'null', identity: { sysName: '"quoted"', location: '東京 3F\u202e', model: '0', vendor: '' }, message: 'Ready', lastError: { code: '', message: '' } }),
    // A supply type and class the list does not know as a colour still shows (unknown colour bar).
    aDevice({ id: 12, supplies: [{ index: '2.1', type: null, class: null, color: null, description: 'Solid ink', percent: 33.5, quality: 'exact' }] }),
  ];
}

describe('the compact wire form of the device list', () => {
  it('gives back the list rows the console shows: decode(encode(rows)) equals the rows, nulls, errors, conditions and supplies included', () => {
    const rows = fleet().map(toDeviceListRow);
    const decoded = decodeDeviceRows(JSON.parse(JSON.stringify(encodeDeviceRows(rows))));
    expect(decoded).toEqual(rows);
  });

  it('leaves out what the list never shows: waste receptacles and the fields of the detail pane', () => {
    const [first] = fleet().map(toDeviceListRow);
    expect(first?.supplies.map((s) => s.color)).toEqual(['black', 'cyan', 'magenta']);
    expect(Object.keys(first ?? {}).sort()).toEqual(['address', 'conditions', 'id', 'identity', 'lastError', 'lastSeen', 'message', 'name', 'port', 'state', 'supplies', 'totalPages']);
    expect(Object.keys(first?.identity ?? {}).sort()).toEqual(['firmware', 'location', 'mac', 'model', 'serial', 'sysName', 'vendor']);
  });

  it('round-trips an empty list and keeps the order it is given (not sorted by id)', () => {
    expect(decodeDeviceRows(encodeDeviceRows([]))).toEqual([]);
    const rows = fleet().map(toDeviceListRow).reverse();
    expect(decodeDeviceRows(encodeDeviceRows(rows)).map((r) => r.id)).toEqual([12, 9, 7, 3, 2, 1]);
  });

  it('sends each repeated text, condition list and kind of supply once', () => {
    const rows = Array.from({ length: 50 }, (_, i) => toDeviceListRow(aDevice({ id: i + 1, supplies: [aToner('black', i), aToner('cyan', 50)] })));
    const wire = encodeDeviceRows(rows);
    expect(wire.texts.filter((t) => t === 'Color LaserJet Pro M479fdw')).toHaveLength(1);
    expect(wire.conditionSets).toEqual([[]]);
    expect(wire.supplyKinds.index).toHaveLength(2);
    expect(wire.supplies.kind).toHaveLength(100);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(rows).length / 3);
  });

  it('decodes in parts: ranges put together equal the whole', () => {
    const rows = fleet().map(toDeviceListRow);
    const wire = parseDeviceRows(encodeDeviceRows(rows));
    const parts = [decodeDeviceRowRange(wire, 0, 2), decodeDeviceRowRange(wire, 2, 5), decodeDeviceRowRange(wire, 5, 6)];
    expect(parts.flat()).toEqual(rows);
  });

  it('is what the contract declares (the schema accepts what the encoder writes)', () => {
    expect(deviceRowsSchema.safeParse(encodeDeviceRows(fleet().map(toDeviceListRow))).success).toBe(true);
  });
});

describe('a reply the console cannot read is refused, saying why', () => {
  const good = (): DeviceRows => encodeDeviceRows(fleet().map(toDeviceListRow));
  const refused = (change: (wire: DeviceRows) => void): string => {
    const wire = structuredClone(good());
    change(wire);
    try {
      decodeDeviceRows(wire);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return 'decoded without complaint';
  };

  it('another version of the form', () => {
    expect(refused((w) => Object.assign(w, { version: DEVICE_ROWS_VERSION + 1 }))).toMatch(/version 2 .*reads version 1/);
    expect(() => decodeDeviceRows({ devices: [] })).toThrow(/version undefined/);
  });

  it('a column of the wrong type or length', () => {
    expect(refused((w) => Object.assign(w, { port: ['161'] }))).toMatch(/port: expected an array of integers/);
    expect(refused((w) => w.model.pop())).toMatch(/column model has 5 entries for 6 rows/);
    expect(refused((w) => w.supplies.percent.push(1))).toMatch(/supply columns/);
  });

  it('an index out of its table, a missing required text, an unknown state or quality', () => {
    expect(refused((w) => (w.model[0] = w.texts.length))).toMatch(/model: text \d+ does not exist/);
    expect(refused((w) => (w.message[0] = 0))).toMatch(/message: a row has none/);
    expect(refused((w) => (w.conditions[0] = 99))).toMatch(/conditions: set 99/);
    expect(refused((w) => (w.supplies.kind[0] = 99))).toMatch(/supplies: kind 99/);
    expect(refused((w) => (w.state[0] = w.texts.indexOf('Paper jam')))).toMatch(/state: unknown value "Paper jam"/);
    expect(refused((w) => (w.supplyKinds.quality[0] = w.texts.indexOf('toner')))).toMatch(/supplyKinds.quality: unknown value "toner"/);
  });
});

// Functions of the list take rows; a DeviceSummary is one too (type-level check, nothing to run).
const summaryIsARow: DeviceListRow = aDevice();
void summaryIsARow;
