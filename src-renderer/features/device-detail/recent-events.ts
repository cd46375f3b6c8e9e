import type { AlertEvent } from '../../../src-shared/contract/monitoring.contract';
import type { DeviceHistoryData } from '../../../src-shared/domain/device.schemas';

/** One line of a device's recent history: a status change it reported, or an alert monitoring logged for it. */
export type RecentEvent =
  | { kind: 'status'; at: number; entry: DeviceHistoryData['status'][number] }
  | { kind: 'alert'; at: number; alert: AlertEvent };

/** Status changes and alerts of one device, newest first, at most `limit` (ties: the alert first, it explains the change). */
export function recentEvents(status: DeviceHistoryData['status'], alerts: readonly AlertEvent[], limit: number): RecentEvent[] {
  const events: RecentEvent[] = [
    ...status.map((entry): RecentEvent => ({ kind: 'status', at: entry.at, entry })),
    ...alerts.map((alert): RecentEvent => ({ kind: 'alert', at: alert.at, alert })),
  ];
  return events.sort((a, b) => b.at - a.at || (a.kind === b.kind ? 0 : a.kind === 'alert' ? -1 : 1)).slice(0, limit);
}
