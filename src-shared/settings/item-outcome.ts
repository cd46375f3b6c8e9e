import { z } from 'zod';

/**
 * What happened to one item on one device (issue 10): delivered (written and read back),
 * already set (nothing written), unsupported (no way to write it on this model, or the device
 * refused writes to it), refused (the device refused the value: its SNMP error says why),
 * not verified (the read-back differs), not reached (no answer), read (acquired).
 */
export const ITEM_OUTCOMES = ['delivered', 'already-set', 'unsupported', 'refused', 'not-verified', 'not-reached', 'read'] as const;
export type ItemOutcomeKind = (typeof ITEM_OUTCOMES)[number];

export const itemOutcomeSchema = z.object({
  item: z.string(),
  outcome: z.enum(ITEM_OUTCOMES),
  message: z.string(),
  /** The value read back (or acquired), when there is one. */
  value: z.union([z.string(), z.boolean(), z.number()]).nullable(),
});
export type ItemOutcome = z.infer<typeof itemOutcomeSchema>;

/** Outcomes that count as the item being in place on the device. */
export function itemSucceeded(outcome: ItemOutcomeKind): boolean {
  return outcome === 'delivered' || outcome === 'already-set' || outcome === 'read';
}
