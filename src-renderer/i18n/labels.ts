import type { TFunction } from 'i18next';
import type { DeviceState, LevelQuality, PrinterCondition } from '../../src-shared/domain/device-reading';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import type { ColumnId } from '../features/devices/device-columns';
import { formatNumber } from '../ui/display-format';
import { en } from './en';
import { visibleText } from '../../src-shared/domain/visible-text';

// Translated names of domain values; values we have no text for are shown as the device gives them.

/** "OK", "Error" … */
export function stateLabel(t: TFunction, state: DeviceState): string {
  return t(`states.${state}`);
}

/** A column header. */
export function columnLabel(t: TFunction, column: ColumnId): string {
  return t(`columns.${column}`);
}

/** "Paper jam" for jammed … */
export function conditionLabel(t: TFunction, condition: PrinterCondition): string {
  return t(`conditions.${condition}`);
}

/** "Exact", "Approximate", "Unknown". */
export function qualityLabel(t: TFunction, quality: LevelQuality): string {
  return t(`quality.${quality}`);
}

/** What a data-quality mark means, for its tooltip. */
export function qualityHelp(t: TFunction, quality: LevelQuality): string {
  return t(`quality.${quality}Help`);
}

function isKeyOf<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** "Cyan", or the colour as reported ("photoCyan"), or the supply's own description (device text: its controls shown, see visibleText). */
export function supplyName(t: TFunction, supply: Pick<DeviceSummary['supplies'][number], 'color' | 'description'>): string {
  if (supply.color && isKeyOf(en.colors, supply.color)) return t(`colors.${supply.color}`);
  return visibleText(supply.color ?? supply.description);
}

/** "Cyan: 45 %" / "Cyan: 40 % (approximate)" / "Cyan: level unknown". */
export function describeSupply(t: TFunction, supply: DeviceSummary['supplies'][number], locale: string): string {
  const name = supplyName(t, supply);
  if (supply.percent === null || supply.quality === 'unknown') return t('supply.describe', { name, percent: t('supply.unknownLevel') });
  const percent = formatNumber(supply.percent, locale);
  return t('supply.describe', { name, percent: supply.quality === 'coarse' ? t('supply.approx', { percent }) : t('supply.exact', { percent }) });
}

/** "Total pages" for a known counter name, else the name as the device gives it (its controls shown). */
export function counterLabel(t: TFunction, name: string): string {
  return isKeyOf(en.counters, name) ? t(`counters.${name}`) : visibleText(name);
}
