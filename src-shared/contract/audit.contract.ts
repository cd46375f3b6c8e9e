import { z } from 'zod';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { CALL_HOSTS } from './auth.contract';

export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** One row of the system log. */
export const auditEntrySchema = z.object({
  id: z.number().int().positive(),
  /** UTC, epoch ms. */
  at: z.number(),
  userId: z.number().int().nullable(),
  /** The user as named at the time ("anonymous" before sign-in, "system" for the console's own work). */
  userName: z.string(),
  host: z.enum(CALL_HOSTS),
  /** The peer's address, when the host knew it. */
  address: z.string().nullable(),
  /** The contract method ("devices.remove") or sign-in event ("auth.signIn"). */
  action: z.string(),
  function: z.string().nullable(),
  /** What the action was applied to: "device 12", "user alice" … */
  targets: z.array(z.string()),
  outcome: z.enum(AUDIT_OUTCOMES),
  errorCode: z.string().nullable(),
  message: z.string().nullable(),
  /** What was asked for, secrets masked, long texts shortened. */
  detail: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditFilterSchema = z.object({
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().positive().optional(),
  user: z.string().trim().max(200).optional(),
  /** An action name or its prefix ("devices." for every device action). */
  action: z.string().trim().max(200).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  /** Words anywhere in the targets, message or detail. */
  text: z.string().trim().max(200).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** The system log: who did what, when, from where, and how it ended. Nothing here changes or deletes an entry. */
export const auditContract = {
  list: method(
    auditFilterSchema.extend({ beforeId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    z.object({ entries: z.array(auditEntrySchema), more: z.boolean() }),
    'Entries matching the filter, newest first; `more` says an older page exists (pass the last id as beforeId).',
    view('systemLog'),
  ),
  exportCsv: method(auditFilterSchema, z.object({ csv: z.string(), count: z.number().int() }), 'Entries matching the filter as CSV (UTC times; cells that a spreadsheet would run as formulas are neutralised), oldest first, up to 100,000.', view('systemLog')),
  getSettings: method(z.object({}), z.object({ retentionDays: z.number().int() }), 'How long entries are kept.', view('systemLog')),
  updateSettings: method(
    z.object({ retentionDays: z.number().int().min(7).max(3650) }),
    z.object({ retentionDays: z.number().int() }),
    'Sets how long entries are kept (older ones are deleted daily and at start); the change itself is logged.',
    change('systemLog'),
  ),
};
