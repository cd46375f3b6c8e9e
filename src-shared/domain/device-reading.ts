/**
 * One reading of one device, as `printdeck poll --json` prints it and the store keeps it.
 * Plain JSON: unknown values are null, times are epoch ms.
 */

export const DEVICE_STATES = ['ok', 'warning', 'error', 'offline', 'unknown'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** hrPrinterDetectedErrorState bits (RFC 2790 + RFC 3805 additions), in bit order. */
export const PRINTER_CONDITIONS = [
  'lowPaper',
  'noPaper',
  'lowToner',
  'noToner',
  'doorOpen',
  'jammed',
  'offline',
  'serviceRequested',
  'inputTrayMissing',
  'outputTrayMissing',
  'markerSupplyMissing',
  'outputNearFull',
  'outputFull',
  'inputTrayEmpty',
  'overduePreventMaint',
] as const;
export type PrinterCondition = (typeof PRINTER_CONDITIONS)[number];

/** How far a supply or tray percentage can be trusted. */
export type LevelQuality = 'exact' | 'coarse' | 'unknown';

export interface DeviceIdentity {
  vendor: string | null;
  model: string | null;
  serial: string | null;
  /** Lower-case, colon separated ("3c:2a:f4:bf:f5:1b"). */
  mac: string | null;
  firmware: string | null;
  sysName: string | null;
  sysDescr: string | null;
  sysObjectID: string | null;
  location: string | null;
  contact: string | null;
  uptimeSeconds: number | null;
}

/** An identity with nothing known yet (a device never read, or a failed read). */
export function emptyIdentity(): DeviceIdentity {
  return {
    vendor: null,
    model: null,
    serial: null,
    mac: null,
    firmware: null,
    sysName: null,
    sysDescr: null,
    sysObjectID: null,
    location: null,
    contact: null,
    uptimeSeconds: null,
  };
}

export interface DeviceStatus {
  state: DeviceState;
  /** What a person reads in the list: "Paper jam", "Toner low: Cyan", "Ready". */
  message: string;
  conditions: PrinterCondition[];
}

export interface SupplyReading {
  /** Table row index as the device gives it, e.g. "1.3". */
  index: string;
  /** IANA PrtMarkerSuppliesTypeTC name ("toner", "wasteToner", "opc" …) or null. */
  type: string | null;
  /** "consumed" (level falls) or "receptacle" (fills up, e.g. waste toner), or null. */
  class: 'consumed' | 'receptacle' | 'other' | null;
  /** Colour name in lower case ("black", "cyan" …) or null. */
  color: string | null;
  description: string;
  level: number | null;
  max: number | null;
  /** IANA PrtMarkerSuppliesSupplyUnitTC name ("percent", "impressions", "tenThousandthsOfInches" …). */
  unit: string | null;
  /** For consumed supplies the share remaining; for receptacles the share filled. */
  percent: number | null;
  quality: LevelQuality;
}

export interface TrayReading {
  index: string;
  name: string;
  /** IANA PrtInputTypeTC name ("sheetFeedAutoRemovableTray" …) or null. */
  type: string | null;
  /** Media name as the device reports it ("A4", "Letter") or null. */
  media: string | null;
  level: number | null;
  max: number | null;
  percent: number | null;
  quality: LevelQuality;
}

/** Standard names: total, sincePowerOn, mono, color, print, copy, scan, fax, duplex, … */
export interface CounterReading {
  name: string;
  /** "impressions", "sheets", "pages", "inches" … */
  unit: string;
  value: number;
}

export interface AlertReading {
  /** "critical" | "warning" | "warningBinaryChangeEvent" | "other" … */
  severity: string;
  /** IANA PrtAlertGroupTC name ("input", "marker", "markerSupplies" …). */
  group: string | null;
  /** IANA PrtAlertCodeTC name ("jam", "inputMediaSupplyEmpty" …) or "code<N>". */
  code: string | null;
  description: string;
  /** Where: "Tray 2", "Cyan Toner" or the group index as text. */
  location: string | null;
}

export interface ReadError {
  /** Stable: snmp-timeout, snmp-auth-failed, device-unreachable, snmp-malformed, not-a-printer … */
  code: string;
  message: string;
}

/**
 * A value the device has but could not send: too large for any reply it can make (the agent
 * answered tooBig for that value alone). The reading shows it as absent (null, or a generated
 * text such as "Supply 2 (description too large to read)"); this says why.
 */
export interface UnreadableValue {
  /**
   * Where it would be in the reading: "identity.sysDescr", "supplies[1.2].description",
   * "alerts[1.5].description", "trays[1.1].name", "counters.total"; the OID itself for a value
   * the reading does not show (or a table column when its rows could not be walked at all).
   */
  field: string;
  oid: string;
  reason: 'too-large';
}

export interface DeviceReading {
  /** What the user asked for: "10.0.0.5", "printer1:1161". */
  target: string;
  ok: boolean;
  error: ReadError | null;
  identity: DeviceIdentity;
  status: DeviceStatus;
  supplies: SupplyReading[];
  trays: TrayReading[];
  counters: CounterReading[];
  alerts: AlertReading[];
  /** Values the device has but could not send; absent when every value could be read. */
  unreadable?: UnreadableValue[];
}
