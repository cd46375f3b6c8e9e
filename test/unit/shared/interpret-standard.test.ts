import { describe, expect, it } from 'vitest';
import { HR_DEVICE_TABLE, HR_PRINTER_TABLE } from '../../../src-shared/mib/host-resources.oids';
import { IF_TABLE, SYSTEM_GROUP } from '../../../src-shared/mib/mib2.oids';
import {
  PRT_ALERT_TABLE as A,
  PRT_GENERAL_TABLE,
  PRT_INPUT_TABLE as I,
  PRT_MARKER_COLORANT_TABLE,
  PRT_MARKER_SUPPLIES_TABLE as S,
  PRT_MARKER_TABLE as M,
} from '../../../src-shared/mib/printer-mib.oids';
import { interpretStandard } from '../../../src-shared/printer/interpret-standard';
import { routineReadPlan } from '../../../src-shared/printer/read-plan';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { bytes, counter, int, oidValue, text, ticks } from '../../helpers/printer-mib-builders';

/** A colour printer whose printer is hrDevice 2 (1 is its network card), with two markers. */
function colourPrinter(): VarBind[] {
  const supply = (i: number, colorant: number, type: number, description: string, max: number, level: number): VarBind[] => [
    int(`${S.prtMarkerSuppliesColorantIndex}.2.${i}`, colorant),
    int(`${S.prtMarkerSuppliesClass}.2.${i}`, type === 4 ? 4 : 3),
    int(`${S.prtMarkerSuppliesType}.2.${i}`, type),
    text(`${S.prtMarkerSuppliesDescription}.2.${i}`, description),
    int(`${S.prtMarkerSuppliesSupplyUnit}.2.${i}`, 7),
    int(`${S.prtMarkerSuppliesMaxCapacity}.2.${i}`, max),
    int(`${S.prtMarkerSuppliesLevel}.2.${i}`, level),
  ];
  return [
    text(SYSTEM_GROUP.sysDescr, 'Acme ColorJet 9000'),
    oidValue(SYSTEM_GROUP.sysObjectID, '1.3.6.1.4.1.99999.1'),
    ticks(SYSTEM_GROUP.sysUpTime, 123456),
    text(SYSTEM_GROUP.sysName, 'cj9000-2nd-floor'),
    text(SYSTEM_GROUP.sysLocation, '2nd floor'),
    text(SYSTEM_GROUP.sysContact, ''),
    int(`${IF_TABLE.ifType}.1`, 24),
    bytes(`${IF_TABLE.ifPhysAddress}.1`, []),
    int(`${IF_TABLE.ifType}.2`, 71),
    bytes(`${IF_TABLE.ifPhysAddress}.2`, [0x02, 0x11, 0x22, 0x33, 0x44, 0x55]),
    int(`${IF_TABLE.ifType}.3`, 6),
    bytes(`${IF_TABLE.ifPhysAddress}.3`, [0x3c, 0x2a, 0xf4, 0xbf, 0xf5, 0x1b]),
    oidValue(`${HR_DEVICE_TABLE.hrDeviceType}.1`, '1.3.6.1.2.1.25.3.1.4'),
    int(`${HR_DEVICE_TABLE.hrDeviceStatus}.1`, 2),
    oidValue(`${HR_DEVICE_TABLE.hrDeviceType}.2`, '1.3.6.1.2.1.25.3.1.5'),
    int(`${HR_DEVICE_TABLE.hrDeviceStatus}.2`, 3),
    int(`${HR_PRINTER_TABLE.hrPrinterStatus}.2`, 3),
    bytes(`${HR_PRINTER_TABLE.hrPrinterDetectedErrorState}.2`, [0x20, 0x00]),
    text(`${PRT_GENERAL_TABLE.prtGeneralSerialNumber}.2`, 'CNB1234567'),
    int(`${M.prtMarkerCounterUnit}.2.1`, 7),
    counter(`${M.prtMarkerLifeCount}.2.1`, 10_000),
    counter(`${M.prtMarkerPowerOnCount}.2.1`, 40),
    int(`${M.prtMarkerCounterUnit}.2.2`, 7),
    counter(`${M.prtMarkerLifeCount}.2.2`, 2_500),
    counter(`${M.prtMarkerPowerOnCount}.2.2`, 2),
    ...supply(1, 1, 3, 'Toner 1', 10_000, 6_000),
    ...supply(2, 2, 3, 'Toner 2', 10_000, 0),
    ...supply(3, 0, 4, 'Waste Toner Box', 100, 30),
    text(`${PRT_MARKER_COLORANT_TABLE.prtMarkerColorantValue}.2.1`, 'black'),
    text(`${PRT_MARKER_COLORANT_TABLE.prtMarkerColorantValue}.2.2`, 'cyan'),
    int(`${I.prtInputType}.2.1`, 5),
    int(`${I.prtInputMaxCapacity}.2.1`, 100),
    int(`${I.prtInputCurrentLevel}.2.1`, 0),
    text(`${I.prtInputName}.2.1`, 'Bypass Tray'),
    int(`${I.prtInputType}.2.2`, 3),
    int(`${I.prtInputMaxCapacity}.2.2`, 500),
    int(`${I.prtInputCurrentLevel}.2.2`, 400),
    text(`${I.prtInputMediaName}.2.2`, 'A4'),
    text(`${I.prtInputDescription}.2.2`, 'Cassette 1'),
    int(`${A.prtAlertSeverityLevel}.2.7`, 3),
    int(`${A.prtAlertTrainingLevel}.2.7`, 3),
    int(`${A.prtAlertGroup}.2.7`, 11),
    int(`${A.prtAlertGroupIndex}.2.7`, 2),
    int(`${A.prtAlertCode}.2.7`, 1101),
    text(`${A.prtAlertDescription}.2.7`, 'Replace cyan cartridge'),
    int(`${A.prtAlertSeverityLevel}.2.8`, 4),
    int(`${A.prtAlertGroup}.2.8`, 99),
    int(`${A.prtAlertGroupIndex}.2.8`, -1),
    int(`${A.prtAlertCode}.2.8`, 4242),
  ];
}

describe('interpretStandard on a full read', () => {
  const result = interpretStandard(new MibSnapshot(colourPrinter()));

  it('reads identity: system group, the wired MAC over Wi-Fi, and the Printer-MIB serial', () => {
    expect(result.identity).toEqual({
      sysName: 'cj9000-2nd-floor',
      sysDescr: 'Acme ColorJet 9000',
      sysObjectID: '1.3.6.1.4.1.99999.1',
      location: '2nd floor',
      contact: null,
      uptimeSeconds: 1234,
      mac: '3c:2a:f4:bf:f5:1b',
      serial: 'CNB1234567',
    });
    expect(result.isPrinter).toBe(true);
  });

  it('takes colours from the colorant table and reports the waste box filled', () => {
    expect(result.supplies.map((s) => [s.index, s.color, s.class, s.percent, s.quality])).toEqual([
      ['2.1', 'black', 'consumed', 60, 'exact'],
      ['2.2', 'cyan', 'consumed', 0, 'exact'],
      ['2.3', null, 'receptacle', 70, 'exact'],
    ]);
  });

  it('reads trays with names from prtInputName or prtInputDescription', () => {
    expect(result.trays.map((t) => [t.index, t.name, t.type, t.media, t.percent, t.quality])).toEqual([
      ['2.1', 'Bypass Tray', 'sheetFeedManual', null, 0, 'coarse'],
      ['2.2', 'Cassette 1', 'sheetFeedAutoRemovableTray', 'A4', 80, 'exact'],
    ]);
  });

  it('sums the counters of markers counting in the same unit', () => {
    expect(result.counters).toEqual([
      { name: 'total', unit: 'impressions', value: 12_500 },
      { name: 'sincePowerOn', unit: 'impressions', value: 42 },
    ]);
  });

  it('decodes alerts, locating them at the supply they name; unknown codes stay visible', () => {
    expect(result.alerts).toEqual([
      { severity: 'critical', group: 'markerSupplies', code: 'markerTonerEmpty', description: 'Replace cyan cartridge', location: 'Toner 2' },
      { severity: 'warning', group: null, code: 'code4242', description: 'Alert code 4242', location: null },
    ]);
  });

  it('derives the status from the printer row, its error bits and the alerts', () => {
    expect(result.status).toEqual({ state: 'error', message: 'Toner empty: Cyan; Alert code 4242', conditions: ['lowToner'] });
  });
});

describe('interpretStandard after a routine poll', () => {
  it('reflects the values the routine plan re-read, and alerts that went away', () => {
    const snapshot = new MibSnapshot(colourPrinter());
    const plan = routineReadPlan(snapshot);
    expect(plan.get).toEqual(
      expect.arrayContaining([`${S.prtMarkerSuppliesLevel}.2.2`, `${I.prtInputCurrentLevel}.2.2`, `${HR_PRINTER_TABLE.hrPrinterDetectedErrorState}.2`]),
    );
    // The cyan cartridge was replaced, tray 1 was used, the warning cleared: what a poll returns.
    snapshot.set([
      int(`${S.prtMarkerSuppliesLevel}.2.2`, 10_000),
      int(`${I.prtInputCurrentLevel}.2.2`, 100),
      bytes(`${HR_PRINTER_TABLE.hrPrinterDetectedErrorState}.2`, [0x00]),
      int(`${HR_DEVICE_TABLE.hrDeviceStatus}.2`, 2),
      int(`${HR_PRINTER_TABLE.hrPrinterStatus}.2`, 4),
      counter(`${M.prtMarkerLifeCount}.2.1`, 10_010),
    ]);
    snapshot.removeSubtree('1.3.6.1.2.1.43.18.1.1');
    const after = interpretStandard(snapshot);
    expect(after.status).toEqual({ state: 'ok', message: 'Printing', conditions: [] });
    expect(after.supplies[1]).toMatchObject({ color: 'cyan', percent: 100 });
    expect(after.trays[1]).toMatchObject({ name: 'Cassette 1', percent: 20 });
    expect(after.counters[0]).toEqual({ name: 'total', unit: 'impressions', value: 12_510 });
    expect(after.alerts).toEqual([]);
  });
});

describe('interpretStandard on devices that are not printers', () => {
  it('gives an empty reading for an empty snapshot', () => {
    const empty = interpretStandard(new MibSnapshot());
    expect(empty.isPrinter).toBe(false);
    expect(empty.status).toMatchObject({ state: 'unknown' });
    expect([empty.supplies, empty.trays, empty.counters, empty.alerts]).toEqual([[], [], [], []]);
  });

  it('reports the counter of another unit separately instead of adding it', () => {
    const snapshot = new MibSnapshot([
      int(`${M.prtMarkerCounterUnit}.1.1`, 7),
      counter(`${M.prtMarkerLifeCount}.1.1`, 100),
      int(`${M.prtMarkerCounterUnit}.1.2`, 17),
      counter(`${M.prtMarkerLifeCount}.1.2`, 55),
    ]);
    expect(interpretStandard(snapshot).counters).toEqual([
      { name: 'total', unit: 'impressions', value: 100 },
      { name: 'total.meters', unit: 'meters', value: 55 },
    ]);
  });
});
