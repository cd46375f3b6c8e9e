import type { IpPool } from '../../../src-shared/contract/settings.contract';

/**
 * The IP address pool dialog: name, ranges and exclusions as typed ("10.0.2.10-10.0.2.40,
 * 10.0.3.0/28"). The form checks what is missing or too long; the server parses the ranges and
 * its refusal names the bad one ("ranges: octet 300 …"), shown under that field. Pure.
 */

export interface PoolDraft {
  name: string;
  ranges: string;
  exclusions: string;
}

export type PoolField = 'name' | 'ranges' | 'exclusions' | 'general';

export type PoolProblem = { key: 'required' } | { key: 'tooLong'; limit: number };

export const POOL_NAME_MAX = 120;
export const POOL_TEXT_MAX = 10_000;

export function poolDraftOf(pool: IpPool | null): PoolDraft {
  return pool ? { name: pool.name, ranges: pool.ranges, exclusions: pool.exclusions } : { name: '', ranges: '', exclusions: '' };
}

/** The draft's problems before it is sent. Never throws. */
export function checkPool(draft: PoolDraft): Partial<Record<PoolField, PoolProblem>> {
  const problems: Partial<Record<PoolField, PoolProblem>> = {};
  const name = draft.name.trim();
  if (name === '') problems.name = { key: 'required' };
  else if (name.length > POOL_NAME_MAX) problems.name = { key: 'tooLong', limit: POOL_NAME_MAX };
  const ranges = draft.ranges.trim();
  if (ranges === '') problems.ranges = { key: 'required' };
  else if (ranges.length > POOL_TEXT_MAX) problems.ranges = { key: 'tooLong', limit: POOL_TEXT_MAX };
  if (draft.exclusions.trim().length > POOL_TEXT_MAX) problems.exclusions = { key: 'tooLong', limit: POOL_TEXT_MAX };
  return problems;
}

/** Which field a server refusal ("ranges: …", "exclusions: …", a taken name) concerns. */
export function poolFieldOfMessage(message: string, code: string | undefined): { field: PoolField; text: string } {
  const match = /^(ranges|exclusions|name): ([\s\S]+)$/.exec(message);
  if (match?.[1] && match[2]) return { field: match[1] as PoolField, text: match[2] };
  if (code === 'conflict') return { field: 'name', text: message };
  return { field: 'general', text: message };
}
