import type { SupplyReading } from '../domain/device-reading';
import { codeName } from '../mib/code-table';
import {
  PRT_MARKER_SUPPLIES_TYPE_NAMES,
  PRT_MARKER_SUPPLIES_TYPES,
  RECEPTACLE_SUPPLY_TYPES,
} from '../mib/iana-printer.codes';
import {
  PRT_MARKER_SUPPLIES_CLASS,
  PRT_MARKER_SUPPLIES_SUPPLY_UNIT,
  PRT_MARKER_SUPPLIES_SUPPLY_UNIT_NAMES,
  RFC3805_LEVEL,
} from '../mib/printer-mib.codes';
import { colourFromColorantValue, colourFromDescription } from './colour-extractor';
import { coarse, exact, SOME_REMAINING, UNKNOWN_LEVEL, type LevelPercent } from './level-percent';
import type { SupplyQuirks } from './supply-quirks';

/**
 * The one place where prtMarkerSuppliesTable rows become SupplyReadings. The rules are in
 * README.md beside this file; in short: percent is the share remaining for consumed supplies
 * and the share FILLED for receptacles (RFC 3805 reports a receptacle's remaining space, we
 * flip it), quality says whether it was computed from level and capacity (exact), from a
 * sentinel or a vendor code (coarse), or could not be known (unknown).
 */

/** One row of prtMarkerSuppliesTable with its text already decoded; null where the device gave nothing. */
export interface SupplyRow {
  /** Row index below the column, "hrDeviceIndex.prtMarkerSuppliesIndex". */
  index: string;
  classCode: number | null;
  typeCode: number | null;
  description: string | null;
  unitCode: number | null;
  max: number | null;
  level: number | null;
  /** prtMarkerColorantValue of the row's colorant, when it has one. */
  colorant: string | null;
  /** The device has a description it could not send (too large for any reply): the generated one says so. */
  descriptionTooLarge?: boolean;
}

type SupplyClass = SupplyReading['class'];

/** Appended to a generated text when the device's own text was too large to read. */
export const TOO_LARGE_NOTE = '(description too large to read)';

/** Class as reported, else inferred from the type or, lacking both, a description naming waste. */
function supplyClass(row: SupplyRow): SupplyClass {
  switch (row.classCode) {
    case PRT_MARKER_SUPPLIES_CLASS.supplyThatIsConsumed:
      return 'consumed';
    case PRT_MARKER_SUPPLIES_CLASS.receptacleThatIsFilled:
      return 'receptacle';
    case PRT_MARKER_SUPPLIES_CLASS.other:
      return 'other';
    default:
      break;
  }
  if (row.typeCode !== null && RECEPTACLE_SUPPLY_TYPES.has(row.typeCode)) return 'receptacle';
  if (row.typeCode !== null && row.typeCode !== PRT_MARKER_SUPPLIES_TYPES.other && row.typeCode !== PRT_MARKER_SUPPLIES_TYPES.unknown) {
    return 'consumed';
  }
  if (row.typeCode === null && row.description !== null && row.description.toLowerCase().includes('waste')) return 'receptacle';
  return null;
}

/** A percentage of "what the level column measures" (remaining supply or remaining space) from a vendor table. */
function fromQuirkTable(table: Record<string, number | null> | undefined, level: number): LevelPercent | undefined {
  if (!table) return undefined;
  const mapped = table[String(level)];
  if (mapped === undefined) return undefined;
  return mapped === null ? UNKNOWN_LEVEL : coarse(mapped);
}

/** Remaining share (supply or space) of one row, before receptacles are flipped. */
function remainingShare(row: SupplyRow, quirks: SupplyQuirks | undefined): LevelPercent {
  const { level, max } = row;
  if (level === null) return UNKNOWN_LEVEL;
  if (level < 0) {
    const vendor = fromQuirkTable(quirks?.negativeLevels, level);
    if (vendor) return vendor;
    return level === RFC3805_LEVEL.someRemaining ? SOME_REMAINING : UNKNOWN_LEVEL;
  }
  if (quirks?.levelIsPercent === true) return exact(level);
  if (max !== null && max > 0) {
    // A capacity of 1 is a present/absent sensor, not a scale.
    if (max === 1) return coarse(level >= 1 ? 100 : 0);
    return exact((level / max) * 100);
  }
  // No usable capacity (-1, -2, 0). Brother-style status codes first, then a declared percent unit.
  const vendor = fromQuirkTable(quirks?.levelCodes, level);
  if (vendor) return vendor;
  if (row.unitCode === PRT_MARKER_SUPPLIES_SUPPLY_UNIT.percent) return exact(level);
  // A bare number without a scale (status code, pages left …) is not shown as a percentage.
  return UNKNOWN_LEVEL;
}

function flip(share: LevelPercent): LevelPercent {
  return share.percent === null ? share : { percent: 100 - share.percent, quality: share.quality };
}

/** The SupplyReading of one row; applies `quirks` (vendor level codes and units). Never throws. */
export function normaliseSupply(row: SupplyRow, quirks?: SupplyQuirks): SupplyReading {
  const cls = supplyClass(row);
  const share = remainingShare(row, quirks);
  const { percent, quality } = cls === 'receptacle' ? flip(share) : share;
  const description = row.description ?? `Supply ${row.index.slice(row.index.lastIndexOf('.') + 1)}${row.descriptionTooLarge === true ? ` ${TOO_LARGE_NOTE}` : ''}`;
  return {
    index: row.index,
    type: codeName(PRT_MARKER_SUPPLIES_TYPE_NAMES, row.typeCode),
    class: cls,
    color: colourFromColorantValue(row.colorant) ?? colourFromDescription(row.description),
    description,
    level: row.level,
    max: row.max,
    unit: codeName(PRT_MARKER_SUPPLIES_SUPPLY_UNIT_NAMES, row.unitCode),
    percent,
    quality,
  };
}
