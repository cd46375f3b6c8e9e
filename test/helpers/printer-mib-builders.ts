import type { SupplyReading, TrayReading } from '../../src-shared/domain/device-reading';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import type { SupplyRow } from '../../src-shared/supplies/supply-normaliser';
import type { TrayRow } from '../../src-shared/supplies/tray-normaliser';

/** Test data builders for the standard-MIB decoders: rows, readings and varbinds. */

export const int = (oid: string, value: number): VarBind => ({ oid, value: { type: 'Integer', value } });
export const counter = (oid: string, value: number): VarBind => ({ oid, value: { type: 'Counter32', value } });
export const ticks = (oid: string, value: number): VarBind => ({ oid, value: { type: 'TimeTicks', value } });
export const oidValue = (oid: string, value: string): VarBind => ({ oid, value: { type: 'ObjectIdentifier', value } });
export const bytes = (oid: string, value: number[] | Uint8Array): VarBind => ({ oid, value: { type: 'OctetString', value: Uint8Array.from(value) } });
export const text = (oid: string, value: string): VarBind => ({ oid, value: { type: 'OctetString', value: new TextEncoder().encode(value) } });
export const missing = (oid: string): VarBind => ({ oid, value: { type: 'NoSuchInstance', value: null } satisfies SnmpValue });

export function aSupplyRow(overrides: Partial<SupplyRow> = {}): SupplyRow {
  return {
    index: '1.1',
    classCode: 3,
    typeCode: 3,
    description: 'Black Toner',
    unitCode: 7,
    max: 10_000,
    level: 5_000,
    colorant: null,
    ...overrides,
  };
}

export function aTrayRow(overrides: Partial<TrayRow> = {}): TrayRow {
  return { index: '1.2', typeCode: 3, max: 500, level: 250, mediaName: 'A4', name: 'Tray 2', description: null, ...overrides };
}

export function aSupply(overrides: Partial<SupplyReading> = {}): SupplyReading {
  return {
    index: '1.1',
    type: 'toner',
    class: 'consumed',
    color: 'black',
    description: 'Black Toner',
    level: 50,
    max: 100,
    unit: 'percent',
    percent: 50,
    quality: 'exact',
    ...overrides,
  };
}

export function aTray(overrides: Partial<TrayReading> = {}): TrayReading {
  return { index: '1.1', name: 'Tray 1', type: 'sheetFeedAutoRemovableTray', media: 'A4', level: 250, max: 500, percent: 50, quality: 'exact', ...overrides };
}
