import type { AppEvents } from '../../src-shared/contract/app.contract';

/** What the header shows of a monitoring round: nothing, or how far it got. */
export type PollProgressView = { visible: false } | { visible: true; done: number; total: number; percent: number };

/**
 * The header's view of the last pushed 'poll.progress': hidden when the round finished or has
 * nothing to read; otherwise done / total (clamped, so a late or odd event never shows more than
 * 100 %). Never throws.
 */
export function pollProgressView(event: AppEvents['poll.progress'] | null): PollProgressView {
  if (!event || event.finished || event.total <= 0) return { visible: false };
  const done = Math.min(Math.max(event.done, 0), event.total);
  return { visible: true, done, total: event.total, percent: Math.round((done / event.total) * 100) };
}
