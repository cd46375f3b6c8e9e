import { describe, expect, it } from 'vitest';
import { HR_DEVICE_TABLE, HR_PRINTER_TABLE } from '../../../src-shared/mib/host-resources.oids';
import { SYSTEM_GROUP } from '../../../src-shared/mib/mib2.oids';
import { PRT_ALERT_TABLE, PRT_INPUT_TABLE, PRT_MARKER_SUPPLIES_TABLE, PRT_MARKER_TABLE } from '../../../src-shared/mib/printer-mib.oids';
import { FULL_READ_PLAN, routineReadPlan } from '../../../src-shared/printer/read-plan';
import type { SnmpValue } from '../../../src-shared/snmp/snmp-value';
import { loadSnmprecSnapshot } from '../../helpers/snmprec-fixture';

/** Recordings with Printer-MIB tables, colour devices first. */
const PRINTERS = ['konica', 'fujifilmprinter_c7580', 'ricoh_mpc3002', 'jetdirect_m252dw', 'jetdirect', 'sharp_mxm266nv', 'brother_hl5370dw', 'dell-laser_s5830dn', 'utax'];

// --- BER sizes of SNMPv2c messages, to check the routine poll against the UDP budget ---------
const lengthSize = (n: number): number => (n < 0x80 ? 1 : n < 0x100 ? 2 : 3);
const tlv = (content: number): number => 1 + lengthSize(content) + content;
const base128 = (n: number): number => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5);
const oidSize = (oid: string): number => {
  const arcs = oid.split('.').map(Number);
  return tlv(1 + arcs.slice(2).reduce((sum, arc) => sum + base128(arc), 0));
};
const intSize = (n: number): number => {
  let bytes = 1;
  while (n >= 0x80 * 2 ** (8 * (bytes - 1)) || n < -0x80 * 2 ** (8 * (bytes - 1))) bytes++;
  return tlv(bytes);
};
function valueSize(value: SnmpValue | undefined): number {
  if (!value || value.value === null) return 2;
  switch (value.type) {
    case 'OctetString':
    case 'Opaque':
      return tlv(value.value.length);
    case 'ObjectIdentifier':
      return oidSize(value.value);
    case 'IpAddress':
      return 6;
    case 'Counter64':
      return tlv(9);
    default:
      return intSize(value.value);
  }
}
/** An SNMPv2c message with community "public" carrying these varbinds (oid, value size). */
function messageSize(varbinds: Array<[string, number]>): number {
  const list = tlv(varbinds.reduce((sum, [oid, value]) => sum + tlv(oidSize(oid) + value), 0));
  const pdu = tlv(intSize(0x7fffffff) + intSize(0) + intSize(0) + list);
  return tlv(intSize(1) + tlv('public'.length) + pdu);
}

describe('FULL_READ_PLAN', () => {
  it('gets the system group scalars in one request', () => {
    expect(FULL_READ_PLAN.scalars).toEqual(Object.values(SYSTEM_GROUP));
  });

  it('walks each table as one group of columns of that table only', () => {
    for (const group of FULL_READ_PLAN.tables) {
      const entries = new Set(group.map((column) => column.slice(0, column.lastIndexOf('.'))));
      expect(entries.size, group.join(' ')).toBe(1);
    }
    const all = FULL_READ_PLAN.tables.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesLevel, PRT_INPUT_TABLE.prtInputName, PRT_ALERT_TABLE.prtAlertCode]));
  });
});

describe('routineReadPlan', () => {
  it('asks only for dynamic values of rows the full read found', () => {
    const snapshot = loadSnmprecSnapshot('ricoh_mpc3002');
    const plan = routineReadPlan(snapshot);
    expect(plan.get).toEqual([
      SYSTEM_GROUP.sysUpTime,
      `${HR_DEVICE_TABLE.hrDeviceStatus}.1`,
      `${HR_PRINTER_TABLE.hrPrinterDetectedErrorState}.1`,
      `${PRT_MARKER_TABLE.prtMarkerLifeCount}.1.1`,
      `${PRT_MARKER_TABLE.prtMarkerPowerOnCount}.1.1`,
      ...[1, 2, 3, 4, 5].map((i) => `${PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesLevel}.1.${i}`),
      ...[1, 2, 3, 4, 5].map((i) => `${PRT_INPUT_TABLE.prtInputCurrentLevel}.1.${i}`),
    ]);
    expect(plan.walk).toEqual([
      PRT_ALERT_TABLE.prtAlertSeverityLevel,
      PRT_ALERT_TABLE.prtAlertTrainingLevel,
      PRT_ALERT_TABLE.prtAlertGroup,
      PRT_ALERT_TABLE.prtAlertGroupIndex,
      PRT_ALERT_TABLE.prtAlertCode,
      PRT_ALERT_TABLE.prtAlertDescription,
    ]);
  });

  it.each(PRINTERS)('%s: one GET of at most 25 varbinds, under 1,500 bytes with the alert walk', (name) => {
    const snapshot = loadSnmprecSnapshot(name);
    const plan = routineReadPlan(snapshot);
    expect(plan.get.length).toBeGreaterThan(0);
    expect(plan.get.length).toBeLessThanOrEqual(25);
    for (const oid of plan.get) expect(snapshot.has(oid), oid).toBe(true);
    const request = messageSize(plan.get.map((oid) => [oid, 2]));
    const response = messageSize(plan.get.map((oid) => [oid, valueSize(snapshot.get(oid))]));
    // An empty alert table: one GetBulk of the columns, answered with the next object per column.
    const walkRequest = messageSize(plan.walk.map((oid) => [oid, 2]));
    const walkResponse = messageSize(plan.walk.map((oid) => [`${oid}.1.1`, intSize(0)]));
    expect(request + response + walkRequest + walkResponse).toBeLessThanOrEqual(1500);
  });

  it('skips the alert walk and printer rows for devices without a Printer-MIB', () => {
    expect(routineReadPlan(loadSnmprecSnapshot('epson-scanner_ds-860'))).toEqual({ get: [], walk: [] });
    const zebra = routineReadPlan(loadSnmprecSnapshot('zebra'));
    expect(zebra.walk).toEqual([]);
    expect(zebra.get).toEqual([
      SYSTEM_GROUP.sysUpTime,
      `${HR_DEVICE_TABLE.hrDeviceStatus}.1`,
      `${HR_PRINTER_TABLE.hrPrinterStatus}.1`,
      `${HR_PRINTER_TABLE.hrPrinterDetectedErrorState}.1`,
    ]);
  });
});
