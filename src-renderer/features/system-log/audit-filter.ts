import { AUDIT_OUTCOMES, type AuditFilter, type AuditOutcome } from '../../../src-shared/contract/audit.contract';
import { fromLocalInput } from '../forms/local-time';

/**
 * The system log's filter bar as typed: local date-times (datetime-local fields), a user, an
 * action or its beginning ("devices."), an outcome, words. Pure, so the rules are tested alone.
 */
export interface AuditFilterDraft {
  from: string;
  to: string;
  user: string;
  action: string;
  outcome: AuditOutcome | '';
  text: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterDraft = { from: '', to: '', user: '', action: '', outcome: '', text: '' };

export type AuditFilterProblem = 'from' | 'to' | 'order';

/** The filter the server takes, or which field is wrong (a date that is no date, or "to" before "from"). */
export function auditFilterOf(draft: AuditFilterDraft): { ok: true; filter: AuditFilter } | { ok: false; problem: AuditFilterProblem } {
  const filter: AuditFilter = {};
  if (draft.from.trim() !== '') {
    const from = fromLocalInput(draft.from);
    if (from === null) return { ok: false, problem: 'from' };
    filter.from = from;
  }
  if (draft.to.trim() !== '') {
    const to = fromLocalInput(draft.to);
    if (to === null) return { ok: false, problem: 'to' };
    // "To 14:30" means up to the end of that minute.
    filter.to = to + 59_999;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.to < filter.from) return { ok: false, problem: 'order' };
  const user = draft.user.trim();
  const action = draft.action.trim();
  const text = draft.text.trim();
  if (user !== '') filter.user = user;
  if (action !== '') filter.action = action;
  if (text !== '') filter.text = text;
  if (draft.outcome !== '' && (AUDIT_OUTCOMES as readonly string[]).includes(draft.outcome)) filter.outcome = draft.outcome;
  return { ok: true, filter };
}

/** Whether any field narrows the log. */
export function isFiltered(draft: AuditFilterDraft): boolean {
  return Object.values(draft).some((value) => value.trim() !== '');
}

/** "2025-03-01 08:30:05 UTC": the stored time as it is (the tooltip of the local time). */
export function utcText(at: number): string {
  return `${new Date(at).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}

/** The detail of an entry as indented JSON (null when there is none to show). */
export function detailText(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  if (typeof detail === 'object' && Object.keys(detail).length === 0) return null;
  return JSON.stringify(detail, null, 2);
}
