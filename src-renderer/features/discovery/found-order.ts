import type { DiscoveryOutcome, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';

/**
 * The order of the found list: what needs a look first (new, moved or changed, lost, failed),
 * the skipped, then the unchanged — a search of a known fleet otherwise opens on hundreds of
 * unchanged rows with the 8 new ones at the bottom. Within an outcome, the order they came in.
 */
export const FOUND_ORDER: readonly DiscoveryOutcome[] = ['new', 'updated', 'lost', 'failed', 'skipped', 'unchanged'];

const RANK = new Map(FOUND_ORDER.map((outcome, i) => [outcome, i]));

/** The results to list: those of `outcome` only (null: every one), in FOUND_ORDER. Never changes `found`. */
export function orderFound(found: readonly DiscoveryResult[], outcome: DiscoveryOutcome | null): DiscoveryResult[] {
  const chosen = outcome === null ? [...found] : found.filter((r) => r.outcome === outcome);
  if (outcome !== null) return chosen;
  // Array.prototype.sort is stable: within an outcome the arrival order stays.
  return chosen.sort((a, b) => (RANK.get(a.outcome) ?? 0) - (RANK.get(b.outcome) ?? 0));
}
