import type { TFunction } from 'i18next';
import type { ItemOutcomeKind } from '../../../src-shared/settings/item-outcome';
import { ITEM_OUTCOMES } from '../../../src-shared/settings/item-outcome';
import { SETTING_IDS, settingItem, type SettingId, type SettingValue } from '../../../src-shared/settings/settings-catalogue';
import type { ItemProblem } from './settings-draft';

/**
 * Device settings in words, one vocabulary for every screen (wizard, support matrix, results,
 * acquired values): item names, choices, outcomes and values. Pure; never throws.
 */

export function isSettingId(id: string): id is SettingId {
  return (SETTING_IDS as readonly string[]).includes(id);
}

/** "Installation site"; an item the console does not know (a newer core) by its id. */
export function itemLabel(t: TFunction, id: string): string {
  return isSettingId(id) ? t(`settingItems.${id}`) : id;
}

/** A choice of a choice item in words ("Automatic", "IEEE 802.3"). */
export function choiceLabel(t: TFunction, id: SettingId, option: string): string {
  switch (id) {
    case 'frameType':
      if (option === 'auto' || option === 'ethernetII' || option === 'ieee8023' || option === 'ieee8023snap' || option === 'ieee8022') return t(`settingChoices.frameType.${option}`);
      return option;
    case 'gatewayMethod':
      if (option === 'auto' || option === 'manual') return t(`settingChoices.gatewayMethod.${option}`);
      return option;
    case 'lpdBanner':
      if (option === 'on' || option === 'off' || option === 'auto') return t(`settingChoices.lpdBanner.${option}`);
      return option;
    default:
      return option;
  }
}

/** A value as a person reads it: On/Off, a choice in words, text as it is ("" as "(empty)"). */
export function valueText(t: TFunction, id: string, value: SettingValue | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? t('deviceSettings.fields.on') : t('deviceSettings.fields.off');
  if (isSettingId(id) && typeof value === 'string' && settingItem(id).type.kind === 'choice') return choiceLabel(t, id, value);
  if (value === '') return t('deviceSettings.fields.empty');
  return String(value);
}

/** An item's problem under its field. */
export function itemProblemText(t: TFunction, problem: ItemProblem | undefined): string | null {
  if (problem === undefined) return null;
  switch (problem.key) {
    case 'tooLong':
      return t('deviceSettings.problems.tooLong', { max: problem.max, given: problem.given });
    case 'poolWithAutomatic':
      return t('deviceSettings.problems.poolWithAutomatic', { automatic: problem.automatic });
    case 'text':
      return problem.text;
    default:
      return t(`deviceSettings.problems.${problem.key}`);
  }
}

export function isItemOutcome(value: string): value is ItemOutcomeKind {
  return (ITEM_OUTCOMES as readonly string[]).includes(value);
}

/** The one word for each outcome (results, support matrix, acquired values). */
export function outcomeLabel(t: TFunction, outcome: ItemOutcomeKind): string {
  return t(`itemOutcomes.${outcome}`);
}

/** What the outcome means, for a tooltip. */
export function outcomeHint(t: TFunction, outcome: ItemOutcomeKind): string {
  return t(`itemOutcomeHints.${outcome}`);
}

/** Badge colour of each outcome: green in place, grey skipped, red refused or lost, orange unsure. */
export const OUTCOME_COLORS: Readonly<Record<ItemOutcomeKind, string>> = {
  delivered: 'teal',
  'already-set': 'teal',
  read: 'teal',
  unsupported: 'gray',
  refused: 'red',
  'not-verified': 'orange',
  'not-reached': 'red',
};

/** Variant of each outcome's badge: filled where something changed on the device. */
export const OUTCOME_VARIANTS: Readonly<Record<ItemOutcomeKind, 'filled' | 'light'>> = {
  delivered: 'filled',
  'already-set': 'light',
  read: 'light',
  unsupported: 'light',
  refused: 'light',
  'not-verified': 'light',
  'not-reached': 'light',
};

/** "Installation site, Primary DNS server" — at most `max` names, then "+N". */
export function itemList(t: TFunction, ids: readonly string[], max = 3): string {
  const names = ids.slice(0, max).map((id) => itemLabel(t, id));
  const rest = ids.length - names.length;
  const list = names.join(t('deviceSettings.listSeparator'));
  return rest > 0 ? t('deviceSettings.more', { list, count: rest }) : list;
}

/** The core's fixed item messages in the UI's words; a device's own answer (its SNMP status) is kept, named. */
export function itemMessageText(t: TFunction, message: string): string {
  switch (message) {
    case 'delivered and read back':
      return t('itemOutcomeHints.delivered');
    case 'already set':
      return t('itemOutcomeHints.already-set');
    case 'read':
      return t('itemOutcomeHints.read');
    case 'this model has no way to write it (device profile)':
      return t('deviceSettings.messages.noWay');
    case 'the device has no such object':
      return t('deviceSettings.messages.noObject');
    case 'the device has no value for it':
      return t('deviceSettings.messages.noValue');
  }
  const notWritable = /^the device does not let it be written \((\w+)\)$/.exec(message);
  if (notWritable?.[1]) return t('deviceSettings.messages.notWritable', { status: notWritable[1] });
  const refused = /^the device refused the value \((\w+)\)$/.exec(message);
  if (refused?.[1]) return t('deviceSettings.messages.refused', { status: refused[1] });
  return message;
}

/**
 * A device's items in one line, in the outcome words: "Delivered 1 · Unsupported 1 (Primary DNS
 * server)", then what the core added after its own summary (a device found again, a reboot).
 */
export function deviceItemsSummary(t: TFunction, items: readonly { item: string; outcome: ItemOutcomeKind }[], message: string): string {
  const parts: string[] = [];
  for (const outcome of ITEM_OUTCOMES) {
    const ids = items.filter((i) => i.outcome === outcome).map((i) => i.item);
    if (ids.length === 0) continue;
    const shown = outcome === 'delivered' || outcome === 'already-set' || outcome === 'read';
    parts.push(shown ? `${outcomeLabel(t, outcome)} ${ids.length}` : `${outcomeLabel(t, outcome)} ${ids.length} (${itemList(t, ids, 3)})`);
  }
  const notes = message.split('; ').slice(1).join('; ');
  return [parts.join(' · '), notes].filter((part) => part !== '').join(' — ');
}
