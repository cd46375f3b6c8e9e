/**
 * How a monitoring round is spread over its interval: the interval is cut into slices of at
 * least MIN_SLICE_MS (at most MAX_SLICES), and each device is polled in the slice its id
 * hashes to, so it is read at a stable offset every interval and the load is even.
 */

/** Shorter slices would mostly add per-slice overhead (a device list for the state comparison). */
export const MIN_SLICE_MS = 5_000;
export const MAX_SLICES = 60;

/** Slices for an interval: 1 (one burst) below 10 s, 12 at one minute, 60 at ten minutes. */
export function sliceCount(intervalMs: number): number {
  return Math.max(1, Math.min(MAX_SLICES, Math.floor(intervalMs / MIN_SLICE_MS)));
}

/** The slice of a device: a multiplicative hash, so consecutive ids spread evenly and never move. */
export function sliceOf(id: number, count: number): number {
  return (Math.imul(id, 0x9e3779b1) >>> 0) % count;
}

/** Device ids grouped by slice (`count` lists, in id order within each). */
export function planSlices(ids: readonly number[], count: number): number[][] {
  const slices = Array.from({ length: count }, (): number[] => []);
  for (const id of ids) slices[sliceOf(id, count)]?.push(id);
  return slices;
}
