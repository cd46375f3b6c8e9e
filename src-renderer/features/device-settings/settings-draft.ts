import { SETTING_GROUPS, SETTING_ITEMS, settingItem, settingProblems, type SettingGroup, type SettingId, type SettingItem, type SettingValue } from '../../../src-shared/settings/settings-catalogue';

/**
 * The items part of the device settings wizard, as the person edits it: which items are ticked
 * and the value of each (kept when an item is unticked, so ticking it again loses nothing).
 * Pure; the catalogue (src-shared) is the authority on types and rules.
 */

export interface ItemsDraft {
  /** Ticked items, in catalogue order. */
  chosen: readonly SettingId[];
  /** Values as edited; a pool item without a pool picked has none. */
  values: Partial<Record<SettingId, SettingValue>>;
}

/** Why a value cannot be delivered, in words the UI translates (the catalogue's message when no word fits). */
export type ItemProblem =
  | { key: 'tooLong'; max: number; given: number }
  | { key: 'control' | 'hostname' | 'domain' | 'ipv4' | 'pool' | 'choice' | 'switch' | 'gatewayNeeded' }
  | { key: 'poolWithAutomatic'; automatic: string }
  | { key: 'text'; text: string };

export type ItemProblems = Partial<Record<SettingId, ItemProblem>>;

/** A catalogue item with its id typed. */
export type CatalogueItem = SettingItem & { id: SettingId };

/** The catalogue's items of one group, in the whitepaper's order. */
export function itemsOfGroup(group: SettingGroup): CatalogueItem[] {
  return SETTING_ITEMS.filter((item) => item.group === group);
}

export const ITEM_GROUPS: readonly SettingGroup[] = SETTING_GROUPS;

/** The value a newly ticked item starts with: empty text, on, the first choice, no address, no pool. */
export function initialValue(item: SettingItem): SettingValue | undefined {
  switch (item.type.kind) {
    case 'text':
    case 'ipv4':
      return '';
    case 'switch':
      return true;
    case 'choice':
      return item.type.options[0];
    case 'pool':
      return undefined;
  }
}

export function emptyItemsDraft(): ItemsDraft {
  return { chosen: [], values: {} };
}

const ORDER = new Map<SettingId, number>(SETTING_ITEMS.map((item, index) => [item.id, index]));
const inCatalogueOrder = (ids: Iterable<SettingId>): SettingId[] => [...new Set(ids)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));

/** Ticks or unticks an item; a ticked item without a value gets its initial one. */
export function toggleItem(draft: ItemsDraft, id: SettingId, on: boolean): ItemsDraft {
  const chosen = on ? inCatalogueOrder([...draft.chosen, id]) : draft.chosen.filter((c) => c !== id);
  const values = { ...draft.values };
  if (on && values[id] === undefined) {
    const start = initialValue(settingItem(id));
    if (start !== undefined) values[id] = start;
  }
  return { chosen, values };
}

/** Sets an item's value and ticks it (typing a value means delivering it). */
export function setItemValue(draft: ItemsDraft, id: SettingId, value: SettingValue | undefined): ItemsDraft {
  const values: Partial<Record<SettingId, SettingValue>> = {};
  for (const [key, kept] of Object.entries(draft.values) as [SettingId, SettingValue][]) if (key !== id) values[key] = kept;
  if (value !== undefined) values[id] = value;
  return { chosen: inCatalogueOrder([...draft.chosen, id]), values };
}

/** A draft with these values ticked (acquired values copied to a delivery); unknown items and identity items left unticked. */
export function itemsDraftOf(values: Partial<Record<SettingId, SettingValue>>, options: { tick?: (id: SettingId) => boolean } = {}): ItemsDraft {
  const kept: Partial<Record<SettingId, SettingValue>> = {};
  for (const item of SETTING_ITEMS) {
    const value = values[item.id];
    // A pool item's value is a pool id; an acquired address is no pool.
    if (value === undefined || item.type.kind === 'pool') continue;
    kept[item.id] = value;
  }
  const tick = options.tick ?? (() => true);
  return { chosen: inCatalogueOrder((Object.keys(kept) as SettingId[]).filter(tick)), values: kept };
}

/**
 * Items that identify one device or hand out an address: copying them from one device to many
 * makes duplicates, so "use these values" leaves them unticked (the person may still tick them).
 */
export const PER_DEVICE_ITEMS: ReadonlySet<SettingId> = new Set<SettingId>(['deviceName', 'ipAddress', 'dnsHostName']);

/** The ticked items with their values (a ticked pool item without a pool is left out: its problem says so). */
export function chosenValues(draft: ItemsDraft): Partial<Record<SettingId, SettingValue>> {
  const out: Partial<Record<SettingId, SettingValue>> = {};
  for (const id of draft.chosen) {
    const value = draft.values[id];
    if (value !== undefined) out[id] = value;
  }
  return out;
}

/** The problem of one item's value for its type, in UI words. */
function problemOf(item: SettingItem, value: SettingValue, message: string): ItemProblem {
  const type = item.type;
  switch (type.kind) {
    case 'text': {
      if (typeof value !== 'string') return { key: 'text', text: message };
      const given = [...value].length;
      if (given > type.maxLength) return { key: 'tooLong', max: type.maxLength, given };
      if (/\p{Cc}/u.test(value)) return { key: 'control' };
      if (type.pattern === 'hostname') return { key: 'hostname' };
      if (type.pattern === 'domain') return { key: 'domain' };
      return { key: 'text', text: message };
    }
    case 'ipv4':
      return { key: 'ipv4' };
    case 'pool':
      return { key: 'pool' };
    case 'choice':
      return { key: 'choice' };
    case 'switch':
      return { key: 'switch' };
  }
}

/**
 * Every problem of the ticked items, under the item it concerns: the catalogue's settingProblems
 * (types, lengths, characters, and the rules between items), plus a ticked pool item without a pool.
 */
export function itemProblems(draft: ItemsDraft): ItemProblems {
  const values = chosenValues(draft);
  const problems: ItemProblems = {};
  for (const id of draft.chosen) if (values[id] === undefined) problems[id] = { key: 'pool' };
  for (const problem of settingProblems(values)) {
    if (problems[problem.item]) continue;
    const value = values[problem.item];
    if (problem.item === 'ipAddress' && value !== undefined && /while/.test(problem.message)) {
      const automatic = (['dhcp', 'bootp', 'rarp'] as const).filter((id) => values[id] === true).map((id) => id.toUpperCase());
      problems.ipAddress = { key: 'poolWithAutomatic', automatic: automatic.join(', ') };
    } else if (problem.item === 'gatewayAddress' && value === undefined) {
      problems.gatewayAddress = { key: 'gatewayNeeded' };
    } else if (value !== undefined) {
      problems[problem.item] = problemOf(settingItem(problem.item), value, problem.message);
    } else {
      problems[problem.item] = { key: 'text', text: problem.message };
    }
  }
  return problems;
}

/** How many ticked items each group has (for the group tabs). */
export function chosenPerGroup(draft: ItemsDraft): Record<SettingGroup, number> {
  const counts: Record<SettingGroup, number> = { deviceInformation: 0, tcpip: 0, delivery: 0 };
  for (const id of draft.chosen) counts[settingItem(id).group] += 1;
  return counts;
}
