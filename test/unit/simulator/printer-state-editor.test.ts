import { describe, expect, it } from 'vitest';
import { MibCompiler } from '../../../src-main/simulator/mib-store';
import { applyErrorState, clearAlertRows, encodeErrorState, nextAlertIndex, PRINTER_OIDS, writeAlertRow } from '../../../src-main/simulator/printer-state-editor';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

const printer = (): VarBind[] => [
  { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: { type: 'ObjectIdentifier', value: '1.3.6.1.2.1.25.3.1.5' } },
  { oid: '1.3.6.1.2.1.25.3.2.1.5.1', value: { type: 'Integer', value: 2 } },
  { oid: '1.3.6.1.2.1.25.3.5.1.1.1', value: { type: 'Integer', value: 3 } },
  { oid: '1.3.6.1.2.1.25.3.5.1.2.1', value: { type: 'OctetString', value: new Uint8Array([0, 0]) } },
  { oid: '1.3.6.1.2.1.43.5.1.1.18.1', value: { type: 'Counter32', value: 0 } },
  { oid: '1.3.6.1.2.1.43.5.1.1.19.1', value: { type: 'Counter32', value: 4 } },
];

describe('hrPrinterDetectedErrorState', () => {
  it('puts bit 0 in the most significant bit of the first byte (RFC 2790 / 3805 bit order)', () => {
    expect(Array.from(encodeErrorState(['lowPaper']))).toEqual([0x80, 0]);
    expect(Array.from(encodeErrorState(['jammed']))).toEqual([0x04, 0]);
    expect(Array.from(encodeErrorState(['doorOpen', 'noPaper']))).toEqual([0x48, 0]);
    expect(Array.from(encodeErrorState(['inputTrayMissing', 'overduePreventMaint']))).toEqual([0, 0x82]);
  });

  it('sets down/other for conditions that stop printing, warning/idle for the others, running/idle for none', () => {
    const store = new MibCompiler().compile(printer());
    const statuses = (): unknown[] => [store.get(`${PRINTER_OIDS.hrDeviceStatus}.1`)?.value, store.get(`${PRINTER_OIDS.hrPrinterStatus}.1`)?.value];
    applyErrorState(store, ['jammed']);
    expect(statuses()).toEqual([5, 1]);
    expect(store.get(`${PRINTER_OIDS.hrPrinterDetectedErrorState}.1`)).toEqual({ type: 'OctetString', value: new Uint8Array([0x04, 0]) });
    applyErrorState(store, ['lowToner']);
    expect(statuses()).toEqual([3, 3]);
    applyErrorState(store, []);
    expect(statuses()).toEqual([2, 3]);
  });
});

describe('prtAlertTable', () => {
  it('writes columns 2–9 under <device>.<n> and counts the alert', () => {
    const store = new MibCompiler().compile(printer());
    writeAlertRow(store, 7, { severity: 'critical', group: 13, groupIndex: 1, location: 0, code: 8, description: 'Paper jam' }, 12345);
    const row = store.oidsUnder(PRINTER_OIDS.prtAlertEntry).map((oid) => oid.slice(PRINTER_OIDS.prtAlertEntry.length + 1));
    expect(row).toEqual(['2.1.7', '3.1.7', '4.1.7', '5.1.7', '6.1.7', '7.1.7', '8.1.7', '9.1.7']);
    expect(store.get(`${PRINTER_OIDS.prtAlertEntry}.2.1.7`)).toEqual({ type: 'Integer', value: 3 });
    expect(store.get(`${PRINTER_OIDS.prtAlertEntry}.7.1.7`)).toEqual({ type: 'Integer', value: 8 });
    expect(store.get(`${PRINTER_OIDS.prtAlertEntry}.9.1.7`)).toEqual({ type: 'TimeTicks', value: 12345 });
    expect(store.get(`${PRINTER_OIDS.prtAlertCriticalEvents}.1`)).toEqual({ type: 'Counter32', value: 1 });
    expect(store.get(`${PRINTER_OIDS.prtAlertAllEvents}.1`)).toEqual({ type: 'Counter32', value: 5 });
    expect(nextAlertIndex(store)).toBe(8);
    clearAlertRows(store);
    expect(store.oidsUnder(PRINTER_OIDS.prtAlertEntry)).toEqual([]);
  });
});
