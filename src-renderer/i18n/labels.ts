import type { TFunction } from 'i18next';
import type { DeviceState, LevelQuality, PrinterCondition } from '../../src-shared/domain/device-reading';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import type { ColumnId } from '../features/devices/device-columns';
import { formatNumber } from '../ui/display-format';
import { en } from './en';
import { visibleText } from '../../src-shared/domain/visible-text';
import { alertCodeWord, alertSeverityWord } from '../../src-shared/status/alert-code-words';
import { statusMessageWords } from '../../src-shared/status/status-message';
import { wordingLanguage } from '../../src-shared/wording/wording-language';

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

/** A device's status message in the UI language ("Paper jam; Toner low: Cyan" → "紙詰まり、トナー残少: シアン"); a device's own words stay as it gave them. */
export function statusMessageLabel(locale: string, message: string): string {
  return statusMessageWords(wordingLanguage(locale), message);
}

/** An alert's severity in words ("Critical", "重大"); a value outside the MIB's as reported. */
export function alertSeverityLabel(locale: string, severity: string): string {
  return alertSeverityWord(wordingLanguage(locale), severity);
}

/**
 * What an alert says in the UI language: its IANA code's words in Japanese (the device's own
 * description goes beside them), in English the device's description. `detail` is null when
 * the device's text adds nothing (it is the code's English, or there is no code we know).
 */
export function alertTextLabel(locale: string, alert: { code: string | null; description: string }): { text: string; detail: string | null } {
  const language = wordingLanguage(locale);
  const coded = language === 'en' ? null : alertCodeWord(language, alert.code);
  if (coded === null) return { text: statusMessageWords(language, alert.description), detail: null };
  return { text: coded, detail: alert.description === alertCodeWord('en', alert.code) ? null : alert.description };
}
