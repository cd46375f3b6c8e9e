import type { TaskDeviceResult } from '../../src-shared/contract/tasks.contract';
import type { ItemOutcome } from '../../src-shared/settings/item-outcome';
import type { ResolvedTarget } from './device-job';
import { SETTING_OPTIONS } from './settings-options';
import { formatTable } from './text-table';

/**
 * What `printdeck settings get|set` and `printdeck reboot` print per target: built from the
 * execution's per-device results (tasks.getExecution), as text or as the --json objects the
 * README describes. Pure.
 */

/** One target's result; `items` is left out of reboot's JSON. */
export interface TargetResult {
  /** As typed. */
  target: string;
  ok: boolean;
  /** Why not ok; null when ok. */
  error: string | null;
  profile: string | null;
  /** The device's result message (a summary of its items, reboot notes); null when the task did not reach it. */
  message: string | null;
  items: ItemOutcome[];
}

export type ResultKind = 'get' | 'set' | 'reboot';

const NOT_REACHED_BY_RUN = 'the run ended before this device was worked on (cancelled?)';

/**
 * One result per target, in the order typed. get: ok when the device was read; set: ok when
 * every item is delivered or already set; reboot: ok when the reboot was verified. For `set`,
 * a target that was never worked on gets every asked item as not reached.
 */
export function targetResults(kind: ResultKind, targets: readonly ResolvedTarget[], devices: readonly TaskDeviceResult[], asked: readonly string[] = []): TargetResult[] {
  const byId = new Map(devices.flatMap((d) => (d.deviceId === null ? [] : [[d.deviceId, d] as const])));
  return targets.map((t) => {
    const result = t.deviceId === null ? undefined : byId.get(t.deviceId);
    if (!result) {
      const error = t.error ?? NOT_REACHED_BY_RUN;
      const items = kind === 'set' ? asked.map((item): ItemOutcome => ({ item, outcome: 'not-reached', message: error, value: null })) : [];
      return { target: t.label, ok: false, error, profile: t.profile, message: null, items };
    }
    const items = result.items ?? [];
    const ok = kind === 'set' ? items.length > 0 && items.every((i) => i.outcome === 'delivered' || i.outcome === 'already-set') : result.ok;
    return { target: t.label, ok, error: ok ? null : result.message, profile: t.profile, message: result.message, items };
  });
}

/** The --json array: get {target, ok, error, profile, items}; set adds message; reboot {target, ok, error, profile, message}. */
export function resultsJson(kind: ResultKind, results: readonly TargetResult[]): string {
  const shaped = results.map((r) => {
    const items = r.items.map(({ item, outcome, value, message }) => ({ item, outcome, value, message }));
    if (kind === 'get') return { target: r.target, ok: r.ok, error: r.error, profile: r.profile, items };
    if (kind === 'set') return { target: r.target, ok: r.ok, error: r.error, profile: r.profile, message: r.message, items };
    return { target: r.target, ok: r.ok, error: r.error, profile: r.profile, message: r.message };
  });
  return JSON.stringify(shaped, null, 2);
}

/** Text: a heading line per target, then (get, set) a table of its items. */
export function resultsText(kind: ResultKind, results: readonly TargetResult[]): string {
  const blocks = results.map((r) => {
    const profile = r.profile === null ? '' : `  (profile ${r.profile})`;
    const head = `${r.target}${profile}  ${r.message ?? `not ${kind === 'get' ? 'read' : kind === 'set' ? 'written' : 'rebooted'}: ${r.error ?? ''}`}`;
    if (kind === 'reboot' || r.items.length === 0) return head;
    const table =
      kind === 'get'
        ? formatTable(['ITEM', 'VALUE', 'NOTE'], r.items.map((i) => [i.item, valueText(i.value), i.outcome === 'read' ? '' : `${i.outcome}: ${i.message}`]))
        : formatTable(['OPTION', 'ITEM', 'OUTCOME', 'VALUE', 'NOTE'], r.items.map((i) => [optionFor(i.item), i.item, i.outcome, valueText(i.value), i.message]));
    return [head, ...table.split('\n').map((line) => `  ${line}`)].join('\n');
  });
  return [...blocks, summaryLine(kind, results)].join('\n\n');
}

function summaryLine(kind: ResultKind, results: readonly TargetResult[]): string {
  const good = results.filter((r) => r.ok).length;
  const of = `${good} of ${results.length} device${results.length === 1 ? '' : 's'}`;
  if (kind === 'get') return `${of} read.`;
  if (kind === 'reboot') return `${of} rebooted and answering again.`;
  const items = results.flatMap((r) => r.items);
  const placed = items.filter((i) => i.outcome === 'delivered' || i.outcome === 'already-set').length;
  return `${of} with every item delivered or already set (${placed} of ${items.length} items).`;
}

function optionFor(item: string): string {
  const option = SETTING_OPTIONS.find((o) => o.item === item)?.option;
  return option === undefined ? '' : `--${option}`;
}

/** on/off for switches, "-" for no value, text as it is (an empty text as ""). */
export function valueText(value: ItemOutcome['value']): string {
  if (value === null) return '-';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === '') return '""';
  return String(value);
}

/** Whether every target's result counts as done (exit 0). */
export function allOk(results: readonly TargetResult[]): boolean {
  return results.every((r) => r.ok);
}
