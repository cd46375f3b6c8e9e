import { describe, expect, it } from 'vitest';
import { codeName, namesByCode } from '../../../src-shared/mib/code-table';
import { HR_DEVICE_PRINTER_TYPE, HR_DEVICE_STATUS, HR_DEVICE_TYPES, HR_PRINTER_STATUS } from '../../../src-shared/mib/host-resources.oids';
import * as iana from '../../../src-shared/mib/iana-printer.codes';
import * as printerCodes from '../../../src-shared/mib/printer-mib.codes';
import * as printerOids from '../../../src-shared/mib/printer-mib.oids';

const codeTables = (module: Record<string, unknown>): Array<[string, Record<string, number>]> =>
  Object.entries(module).filter((entry): entry is [string, Record<string, number>] => {
    const value = entry[1];
    return typeof value === 'object' && value !== null && !(value instanceof Map) && !(value instanceof Set) && Object.values(value).every((v) => typeof v === 'number');
  });

describe('MIB code tables', () => {
  it.each([...codeTables(iana), ...codeTables(printerCodes), ['HR_DEVICE_STATUS', HR_DEVICE_STATUS], ['HR_PRINTER_STATUS', HR_PRINTER_STATUS], ['HR_DEVICE_TYPES', HR_DEVICE_TYPES]] as Array<
    [string, Record<string, number>]
  >)('%s gives every code one name', (_name, table) => {
    expect(namesByCode(table).size).toBe(Object.keys(table).length);
  });

  it('decodes codes to names and unknown codes to null', () => {
    expect(codeName(iana.PRT_ALERT_CODE_NAMES, 1101)).toBe('markerTonerEmpty');
    expect(codeName(iana.PRT_MARKER_SUPPLIES_TYPE_NAMES, 35)).toBe('matteToner');
    expect(codeName(printerCodes.PRT_MARKER_COUNTER_UNIT_NAMES, 7)).toBe('impressions');
    expect(codeName(iana.PRT_ALERT_CODE_NAMES, 4242)).toBeNull();
    expect(codeName(iana.PRT_ALERT_CODE_NAMES, null)).toBeNull();
    expect(HR_DEVICE_PRINTER_TYPE).toBe('1.3.6.1.2.1.25.3.1.5');
  });

  it('keeps Printer-MIB column OIDs unique and inside their table entry', () => {
    const columns = Object.values(printerOids).flatMap((table) => (typeof table === 'object' ? Object.values(table) : []));
    expect(new Set(columns).size).toBe(columns.length);
    for (const column of Object.values(printerOids.PRT_ALERT_TABLE)) expect(column.startsWith(`${printerOids.PRT_ALERT_ENTRY}.`)).toBe(true);
  });
});

describe('decodeSubUnitStatus (PrtSubUnitStatusTC)', () => {
  it('splits availability and flags', () => {
    expect(printerCodes.decodeSubUnitStatus(9)).toEqual({
      availability: 'unavailableAndOnRequest',
      nonCriticalAlerts: true,
      criticalAlerts: false,
      offline: false,
      transitioning: false,
    });
    expect(printerCodes.decodeSubUnitStatus(4 + 16 + 32)).toMatchObject({ availability: 'availableAndActive', criticalAlerts: true, offline: true });
    expect(printerCodes.decodeSubUnitStatus(7)?.availability).toBeNull();
    expect(printerCodes.decodeSubUnitStatus(-1)).toBeNull();
    expect(printerCodes.decodeSubUnitStatus(null)).toBeNull();
  });
});
