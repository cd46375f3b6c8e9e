import { emptyIdentity } from '../../src-shared/domain/device-reading';
/**
 * Test data builders for DeviceReading and its parts. Every builder returns a valid, complete
 * object; pass only the fields a test is about. Defaults describe one healthy colour laser
 * printer, so two aReading() calls describe the SAME device (same serial and MAC) — give a
 * different `identity.serial`/`identity.mac` for another one.
 */
import type {
  AlertReading,
  CounterReading,
  DeviceIdentity,
  DeviceReading,
  DeviceStatus,
  ReadError,
  SupplyReading,
  TrayReading,
} from '../../src-shared/domain/device-reading';

/** Overrides for aReading: identity and status may be given in part. */
export type ReadingOverrides = Partial<Omit<DeviceReading, 'identity' | 'status'>> & {
  identity?: Partial<DeviceIdentity>;
  status?: Partial<DeviceStatus>;
};

/** The default printer's identity with `overrides` applied. */
export function anIdentity(overrides: Partial<DeviceIdentity> = {}): DeviceIdentity {
  return {
    vendor: 'HP',
    model: 'Color LaserJet M452nw',
    serial: 'CNB1234567',
    mac: '3c:2a:f4:00:00:01',
    firmware: '2403293_006035',
    sysName: 'NPI0F0001',
    sysDescr: 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23700011',
    sysObjectID: '1.3.6.1.4.1.11.2.3.9.1',
    location: 'Floor 2',
    contact: 'it@example.com',
    uptimeSeconds: 86_400,
    ...overrides,
  };
}

/** A 'Ready' status with `overrides` applied. */
export function aStatus(overrides: Partial<DeviceStatus> = {}): DeviceStatus {
  return { state: 'ok', message: 'Ready', conditions: [], ...overrides };
}

/** A black toner at 80 % (index 1.1) with `overrides` applied. */
export function aSupply(overrides: Partial<SupplyReading> = {}): SupplyReading {
  return {
    index: '1.1',
    type: 'toner',
    class: 'consumed',
    color: 'black',
    description: 'Black Cartridge HP CF410A',
    level: 80,
    max: 100,
    unit: 'percent',
    percent: 80,
    quality: 'exact',
    ...overrides,
  };
}

/** A supply of a given colour at `percent`, with index 1.<n>; handy for four-colour devices. */
export function aToner(n: number, color: string, percent: number): SupplyReading {
  return aSupply({ index: `1.${n}`, color, description: `${color} Cartridge`, level: percent, percent });
}

/** A full A4 paper tray (index 1.2) with `overrides` applied. */
export function aTray(overrides: Partial<TrayReading> = {}): TrayReading {
  return {
    index: '1.2',
    name: 'Tray 2',
    type: 'sheetFeedAutoRemovableTray',
    media: 'A4',
    level: 250,
    max: 250,
    percent: 100,
    quality: 'exact',
    ...overrides,
  };
}

/** The 'total' impressions counter with `overrides` applied. */
export function aCounter(overrides: Partial<CounterReading> = {}): CounterReading {
  return { name: 'total', unit: 'impressions', value: 12_345, ...overrides };
}

/** A 'toner almost empty' warning with `overrides` applied. */
export function anAlert(overrides: Partial<AlertReading> = {}): AlertReading {
  return {
    severity: 'warning',
    group: 'markerSupplies',
    code: 'markerTonerAlmostEmpty',
    description: 'Cyan toner low',
    location: 'Cyan Cartridge',
    ...overrides,
  };
}

/** A successful reading of the default printer: four toners, two trays, three counters, no alerts. */
export function aReading(overrides: ReadingOverrides = {}): DeviceReading {
  const { identity, status, ...rest } = overrides;
  return {
    target: '10.0.0.5',
    ok: true,
    error: null,
    identity: anIdentity(identity),
    status: aStatus(status),
    supplies: [aToner(1, 'black', 80), aToner(2, 'cyan', 60), aToner(3, 'magenta', 40), aToner(4, 'yellow', 20)],
    trays: [aTray({ index: '1.1', name: 'Tray 1', type: 'sheetFeedManual', level: 0, max: 50, percent: 0 }), aTray()],
    counters: [aCounter(), aCounter({ name: 'color', value: 4_000 }), aCounter({ name: 'mono', value: 8_345 })],
    alerts: [],
    ...rest,
  };
}

/** A reading that failed: no identity, status unknown, the given error (an SNMP timeout by default). */
export function aFailedReading(error: Partial<ReadError> = {}, target = '10.0.0.5'): DeviceReading {
  const nothing: DeviceIdentity = emptyIdentity();
  return {
    target,
    ok: false,
    error: { code: 'snmp-timeout', message: 'no answer within 2 s (2 retries)', ...error },
    identity: nothing,
    status: { state: 'unknown', message: 'Not reachable', conditions: [] },
    supplies: [],
    trays: [],
    counters: [],
    alerts: [],
  };
}
