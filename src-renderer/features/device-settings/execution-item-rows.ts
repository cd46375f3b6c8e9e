import type { TaskDeviceResult } from '../../../src-shared/contract/tasks.contract';
import { ITEM_OUTCOMES, type ItemOutcomeKind } from '../../../src-shared/settings/item-outcome';

/** One item of one device in an execution's results. */
export interface ItemRow {
  deviceId: number | null;
  device: string;
  item: string;
  outcome: ItemOutcomeKind;
  message: string;
  value: string | number | boolean | null;
}

/** Every device's items as rows, and how many of each outcome (pure). */
export function itemRowsOf(devices: readonly TaskDeviceResult[]): { rows: ItemRow[]; counts: Record<ItemOutcomeKind, number> } {
  const rows: ItemRow[] = [];
  const counts = Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])) as Record<ItemOutcomeKind, number>;
  for (const device of devices) {
    for (const item of device.items ?? []) {
      rows.push({ deviceId: device.deviceId, device: device.label, item: item.item, outcome: item.outcome, message: item.message, value: item.value });
      counts[item.outcome] += 1;
    }
  }
  return { rows, counts };
}
