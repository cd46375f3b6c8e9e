import type { TrayReading } from '../domain/device-reading';
import { codeName } from '../mib/code-table';
import { PRT_INPUT_TYPE_NAMES } from '../mib/iana-printer.codes';
import { RFC3805_LEVEL } from '../mib/printer-mib.codes';
import { coarse, exact, SOME_REMAINING, UNKNOWN_LEVEL, type LevelPercent } from './level-percent';

/**
 * The one place where prtInputTable rows become TrayReadings. Levels follow README.md:
 * -3 ("at least one sheet") is coarse without a number, -1/-2 unknown, a capacity of 1 or a
 * manual feed reporting only "empty" or "full" is a paper sensor (coarse 0/100), otherwise
 * level / capacity is exact. A tray reporting 0 sheets is empty whatever its capacity says.
 */

/** One row of prtInputTable with its text decoded; null where the device gave nothing. */
export interface TrayRow {
  /** Row index below the column, "hrDeviceIndex.prtInputIndex". */
  index: string;
  typeCode: number | null;
  max: number | null;
  level: number | null;
  mediaName: string | null;
  name: string | null;
  description: string | null;
  /** The device has a name or description it could not send (too large for any reply). */
  nameTooLarge?: boolean;
}

// Names of single-sheet / bypass feeds in the languages trays are named in: whole words, plus
// word stems that start German compounds ("Mehrzweckzufuhr"). One test per tray and poll.
const MANUAL_FEED_NAME = /(^|[^a-z])(manual|manuel|by-pass|mp|mpt|multi-?purpose|envelope|enveloppe)([^a-z]|$)|bypass|mehrzweck|handeinzug/i;

/** True for manual / bypass / multi-purpose feeds, by PrtInputTypeTC or by name. Never throws. */
export function isManualFeed(tray: Pick<TrayReading, 'type' | 'name'>): boolean {
  if (tray.type === 'sheetFeedManual') return true;
  return MANUAL_FEED_NAME.test(tray.name);
}

function trayLevel(row: TrayRow, manual: boolean): LevelPercent {
  const { level, max } = row;
  if (level === null) return UNKNOWN_LEVEL;
  if (level === RFC3805_LEVEL.someRemaining) return SOME_REMAINING;
  if (level < 0) return UNKNOWN_LEVEL;
  if (max === null || max <= 0) return level === 0 ? exact(0) : SOME_REMAINING;
  if (max === 1) return coarse(level >= 1 ? 100 : 0);
  // Manual feeds mostly have a paper sensor and report only 0 or their capacity.
  if (manual && (level === 0 || level === max)) return coarse(level === 0 ? 0 : 100);
  return exact((level / max) * 100);
}

/** The TrayReading of one row: name from prtInputName, else prtInputDescription, else "Tray <n>". Never throws. */
export function normaliseTray(row: TrayRow): TrayReading {
  const name = row.name ?? row.description ?? `Tray ${row.index.slice(row.index.lastIndexOf('.') + 1)}${row.nameTooLarge === true ? ' (name too large to read)' : ''}`;
  const type = codeName(PRT_INPUT_TYPE_NAMES, row.typeCode);
  const { percent, quality } = trayLevel(row, isManualFeed({ type, name }));
  return { index: row.index, name, type, media: row.mediaName, level: row.level, max: row.max, percent, quality };
}
