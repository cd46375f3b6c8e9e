import { namesByCode } from './code-table';

/**
 * Enumerations defined in Printer-MIB v2 (RFC 3805) itself (the IANA-maintained ones are in
 * iana-printer.codes.ts). Values that RFC 3805 reserves for "not a number" in level and
 * capacity columns are in RFC3805_LEVEL.
 */

/** Special values of prtMarkerSuppliesLevel / MaxCapacity and prtInputCurrentLevel / MaxCapacity. */
export const RFC3805_LEVEL = {
  /** "other": the sub-unit places no restriction on this value. */
  other: -1,
  /** "unknown". */
  unknown: -2,
  /** "some remaining" (consumed supplies, inputs) or "not full" (receptacles); levels only. */
  someRemaining: -3,
} as const;

/** PrtMarkerSuppliesClassTC. */
export const PRT_MARKER_SUPPLIES_CLASS = {
  other: 1,
  supplyThatIsConsumed: 3,
  receptacleThatIsFilled: 4,
} as const;
export type PrtMarkerSuppliesClassName = keyof typeof PRT_MARKER_SUPPLIES_CLASS;
export const PRT_MARKER_SUPPLIES_CLASS_NAMES = namesByCode(PRT_MARKER_SUPPLIES_CLASS);

/** PrtMarkerSuppliesSupplyUnitTC. */
export const PRT_MARKER_SUPPLIES_SUPPLY_UNIT = {
  other: 1,
  unknown: 2,
  tenThousandthsOfInches: 3,
  micrometers: 4,
  impressions: 7,
  sheets: 8,
  hours: 11,
  thousandthsOfOunces: 12,
  tenthsOfGrams: 13,
  hundrethsOfFluidOunces: 14,
  tenthsOfMilliliters: 15,
  feet: 16,
  meters: 17,
  items: 18,
  percent: 19,
} as const;
export type PrtMarkerSuppliesSupplyUnitName = keyof typeof PRT_MARKER_SUPPLIES_SUPPLY_UNIT;
export const PRT_MARKER_SUPPLIES_SUPPLY_UNIT_NAMES = namesByCode(PRT_MARKER_SUPPLIES_SUPPLY_UNIT);

/** PrtMarkerCounterUnitTC: what prtMarkerLifeCount / PowerOnCount count. */
export const PRT_MARKER_COUNTER_UNIT = {
  tenThousandthsOfInches: 3,
  micrometers: 4,
  characters: 5,
  lines: 6,
  impressions: 7,
  sheets: 8,
  dotRow: 9,
  hours: 11,
  feet: 16,
  meters: 17,
} as const;
export type PrtMarkerCounterUnitName = keyof typeof PRT_MARKER_COUNTER_UNIT;
export const PRT_MARKER_COUNTER_UNIT_NAMES = namesByCode(PRT_MARKER_COUNTER_UNIT);

/** PrtCapacityUnitTC (prtInputCapacityUnit, prtOutputCapacityUnit). */
export const PRT_CAPACITY_UNIT = {
  other: 1,
  unknown: 2,
  tenThousandthsOfInches: 3,
  micrometers: 4,
  sheets: 8,
  feet: 16,
  meters: 17,
  items: 18,
  percent: 19,
} as const;
export type PrtCapacityUnitName = keyof typeof PRT_CAPACITY_UNIT;
export const PRT_CAPACITY_UNIT_NAMES = namesByCode(PRT_CAPACITY_UNIT);

/** PrtAlertSeverityLevelTC. */
export const PRT_ALERT_SEVERITY_LEVEL = {
  other: 1,
  critical: 3,
  warning: 4,
  warningBinaryChangeEvent: 5,
} as const;
export type PrtAlertSeverityLevelName = keyof typeof PRT_ALERT_SEVERITY_LEVEL;
export const PRT_ALERT_SEVERITY_LEVEL_NAMES = namesByCode(PRT_ALERT_SEVERITY_LEVEL);

/**
 * PrtSubUnitStatusTC (prtInputStatus, prtOutputStatus, prtMarkerStatus …), 0–126: the low
 * three bits are an availability code, the higher bits are flags.
 */
export const PRT_SUB_UNIT_STATUS = {
  /** Mask of the availability code. */
  availabilityMask: 7,
  nonCriticalAlerts: 8,
  criticalAlerts: 16,
  offline: 32,
  transitioning: 64,
} as const;

/** Availability codes (status & availabilityMask) of PrtSubUnitStatusTC. */
export const PRT_SUB_UNIT_AVAILABILITY = {
  availableAndIdle: 0,
  unavailableAndOnRequest: 1,
  availableAndStandby: 2,
  unavailableBecauseBroken: 3,
  availableAndActive: 4,
  unknown: 5,
  availableAndBusy: 6,
} as const;
export type PrtSubUnitAvailabilityName = keyof typeof PRT_SUB_UNIT_AVAILABILITY;
export const PRT_SUB_UNIT_AVAILABILITY_NAMES = namesByCode(PRT_SUB_UNIT_AVAILABILITY);

/** The parts of a PrtSubUnitStatusTC value; null when the value is missing or out of range. Never throws. */
export function decodeSubUnitStatus(
  value: number | null,
): { availability: PrtSubUnitAvailabilityName | null; nonCriticalAlerts: boolean; criticalAlerts: boolean; offline: boolean; transitioning: boolean } | null {
  if (value === null || value < 0 || value > 127) return null;
  return {
    availability: PRT_SUB_UNIT_AVAILABILITY_NAMES.get(value & PRT_SUB_UNIT_STATUS.availabilityMask) ?? null,
    nonCriticalAlerts: (value & PRT_SUB_UNIT_STATUS.nonCriticalAlerts) !== 0,
    criticalAlerts: (value & PRT_SUB_UNIT_STATUS.criticalAlerts) !== 0,
    offline: (value & PRT_SUB_UNIT_STATUS.offline) !== 0,
    transitioning: (value & PRT_SUB_UNIT_STATUS.transitioning) !== 0,
  };
}
