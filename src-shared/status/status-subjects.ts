import type { SupplyReading, TrayReading } from '../domain/device-reading';
import { colourLabel } from '../supplies/colour-extractor';
import { isManualFeed } from '../supplies/tray-normaliser';

/**
 * Which toner, which tray: how status messages name the parts an issue concerns, from the
 * normalised supplies and trays.
 */

/** At or below this share a supply or tray counts as "low" when naming subjects. */
export const LOW_PERCENT = 20;

const COLORANT_TYPES: ReadonlySet<string> = new Set([
  'toner', 'ink', 'inkCartridge', 'inkRibbon', 'solidWax', 'ribbonWax', 'tonerCartridge', 'matteToner', 'matteInk',
]);

/** Words that mark an untyped supply as something other than toner/ink even when it names a colour. */
const NOT_COLORANT_WORDS = [
  'drum', 'opc', 'imaging', 'developer', 'photoconductor', 'belt', 'fuser', 'fusing', 'transfer', 'waste', 'roller',
  'trommel', 'tambour', 'entwickler', 'tamburo',
];

/** True for toner, ink and ribbons — by type, or for untyped rows by a colour and no drum/fuser/waste word. Never throws. */
export function isColorantSupply(supply: SupplyReading): boolean {
  if (supply.class === 'receptacle') return false;
  if (supply.type !== null && supply.type !== 'other' && supply.type !== 'unknown') return COLORANT_TYPES.has(supply.type);
  if (supply.color === null) return false;
  const text = supply.description.toLowerCase();
  return !NOT_COLORANT_WORDS.some((word) => text.includes(word));
}

/** "Cyan" for a cyan toner, else the supply's description ("Drum Unit"). Never throws. */
export function supplySubject(supply: SupplyReading): string {
  return isColorantSupply(supply) && supply.color !== null ? colourLabel(supply.color) : supply.description;
}

function byPercent(a: { percent: number | null }, b: { percent: number | null }): number {
  return (a.percent ?? 0) - (b.percent ?? 0);
}

/** Names of toners at 0 % ("empty") or at most LOW_PERCENT ("low"), emptiest first. Never throws. */
export function tonerSubjects(supplies: readonly SupplyReading[], which: 'empty' | 'low'): string[] {
  const limit = which === 'empty' ? 0 : LOW_PERCENT;
  return supplies
    .filter((s) => s.percent !== null && s.percent <= limit && isColorantSupply(s))
    .sort(byPercent)
    .map(supplySubject);
}

/** Names of consumed non-toner supplies (drums, fusers, kits) at most LOW_PERCENT, lowest first. Never throws. */
export function wearSubjects(supplies: readonly SupplyReading[]): string[] {
  return supplies
    .filter((s) => s.percent !== null && s.percent <= LOW_PERCENT && s.class !== 'receptacle' && !isColorantSupply(s))
    .sort(byPercent)
    .map((s) => s.description);
}

/** What the trays say about paper; manual feeds are kept apart (an empty bypass is normal). */
export interface PaperPicture {
  /** Non-manual trays at 0 %. */
  emptyTrays: string[];
  /** Non-manual trays at most LOW_PERCENT (empty ones included). */
  lowTrays: string[];
  /** Some non-manual tray has paper (a positive share, or RFC 3805's "at least one sheet"). */
  autoTrayHasPaper: boolean;
  /** The device has a manual / bypass feed. */
  hasManualFeed: boolean;
}

/** The PaperPicture of a device's trays. Never throws. */
export function paperPicture(trays: readonly TrayReading[]): PaperPicture {
  const picture: PaperPicture = { emptyTrays: [], lowTrays: [], autoTrayHasPaper: false, hasManualFeed: false };
  for (const tray of [...trays].sort(byPercent)) {
    if (isManualFeed(tray)) {
      picture.hasManualFeed = true;
      continue;
    }
    if (tray.percent === 0) picture.emptyTrays.push(tray.name);
    if (tray.percent !== null && tray.percent <= LOW_PERCENT) picture.lowTrays.push(tray.name);
    if ((tray.percent !== null && tray.percent > 0) || (tray.percent === null && tray.quality === 'coarse')) picture.autoTrayHasPaper = true;
  }
  return picture;
}

/**
 * Over-alarm guard for paper conditions. Many devices raise lowPaper / noPaper /
 * inputTrayEmpty (and paper alerts) because the manual or bypass feed is empty, which is its
 * normal state. Rule: a paper condition that no regular tray explains (none empty, or none
 * low for lowPaper) is dropped when the device has a manual feed and some regular tray has
 * paper. Without tray data, or with every regular tray empty, the condition stands. Never throws.
 */
export function isManualFeedNoise(picture: PaperPicture, which: 'empty' | 'low'): boolean {
  const explained = which === 'empty' ? picture.emptyTrays.length > 0 : picture.lowTrays.length > 0;
  return !explained && picture.hasManualFeed && picture.autoTrayHasPaper;
}
