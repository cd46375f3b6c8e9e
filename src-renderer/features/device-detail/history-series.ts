import type { DeviceHistoryData } from '../../../src-shared/domain/device.schemas';

export interface Point {
  at: number;
  value: number;
}

/**
 * The points of one supply's percentage over [from, to]. The store keeps a level when it
 * changes, so the last known value is carried to `to` (the line reaches "now"), and a value
 * from before the window starts the line at `from`. Unknown levels (null) leave gaps out.
 */
export function supplyPoints(history: DeviceHistoryData, index: string, from: number, to: number): Point[] {
  return carry(
    history.supplies.filter((s) => s.index === index && s.percent !== null).map((s) => ({ at: s.at, value: s.percent ?? 0 })),
    from,
    to,
  );
}

/** The points of one counter ("total" pages) over [from, to], carried like supplyPoints. */
export function counterPoints(history: DeviceHistoryData, name: string, from: number, to: number): Point[] {
  return carry(
    history.counters.filter((c) => c.name === name).map((c) => ({ at: c.at, value: c.value })),
    from,
    to,
  );
}

function carry(points: Point[], from: number, to: number): Point[] {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const before = sorted.filter((p) => p.at < from).at(-1);
  const inside = sorted.filter((p) => p.at >= from && p.at <= to);
  const result = before ? [{ at: from, value: before.value }, ...inside] : inside;
  const last = result.at(-1);
  if (last && last.at < to) result.push({ at: to, value: last.value });
  return result;
}
