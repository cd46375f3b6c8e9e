import { z } from 'zod';
import { noControl } from './text-checks';
import { DRIVER_OSES, type DriverOs } from './driver-set';

/**
 * Client PCs (issue 12 item 5): the computers print queues are installed on, registered from a
 * CSV file or by an agent enrolling, grouped statically or by a filter (smart groups). What an
 * agent tells of its computer (OS, agent version, Windows protected print mode, the Printdeck
 * queues installed) is shown beside each.
 */

/** Client PCs, their groups, enrolment tokens and agents. */
export const CLIENTS_FUNCTION = 'drivers.clients';

const id = z.number().int().positive();

export const clientNameSchema = z
  .string()
  .trim()
  .min(1, 'give the client PC a name (its host name), such as PC-0142')
  .max(253, 'a name of at most 253 characters')
  .refine((t) => noControl(t), 'a name may not contain control characters');

export const clientInputSchema = z.object({
  name: clientNameSchema,
  os: z.enum(DRIVER_OSES, { message: 'the OS is windows, macos or linux' }),
  /** Its address or DNS name (for an agent installed over SSH); empty when unknown. */
  address: z.string().trim().max(253).default('').refine((t) => noControl(t), 'an address may not contain control characters'),
  /** Where it stands (a building, a floor): smart groups filter by it. */
  site: z.string().trim().max(200).default('').refine((t) => noControl(t), 'a site may not contain control characters'),
});
export type ClientInput = z.input<typeof clientInputSchema>;
export type ClientSettings = z.output<typeof clientInputSchema>;

/** A Printdeck queue an agent reported installed. */
export const installedQueueSchema = z.object({
  queueName: z.string(),
  associationId: id.nullable(),
  /** When the agent installed it (console time of the report). */
  installedAt: z.number(),
});
export type InstalledQueue = z.infer<typeof installedQueueSchema>;

export const clientSchema = clientInputSchema.extend({
  id,
  /** Registered by: csv (an import), manual (the console), agent (enrolled without being listed first). */
  source: z.enum(['csv', 'manual', 'agent']),
  /** Whether an agent holds a key for it now. */
  enrolled: z.boolean(),
  agentVersion: z.string().nullable(),
  /** The OS as the agent describes it ("Debian GNU/Linux 12", "Windows 11 24H2"). */
  osVersion: z.string().nullable(),
  lastContact: z.number().nullable(),
  /** Windows protected print mode as the agent read it; null when unknown or not Windows. */
  protectedPrint: z.boolean().nullable(),
  queues: z.array(installedQueueSchema),
  /** Jobs queued for it that its agent has not reported yet. */
  pendingJobs: z.number().int(),
  createdAt: z.number(),
});
export type ClientPc = z.infer<typeof clientSchema>;

/**
 * A smart group's filter: each given text a case-insensitive partial match, all must hold.
 * src-shared/filters/device-filter.ts is built for devices (states, supplies, SNMP identity) and
 * does not fit computers, so client PCs have this small one of their own.
 */
export const clientFilterSchema = z.object({
  os: z.enum(DRIVER_OSES).nullable().default(null),
  name: z.string().trim().max(200).default(''),
  site: z.string().trim().max(200).default(''),
});
export type ClientFilter = z.output<typeof clientFilterSchema>;

export function matchesClientFilter(client: { name: string; os: DriverOs; site: string }, filter: ClientFilter): boolean {
  if (filter.os !== null && client.os !== filter.os) return false;
  if (filter.name !== '' && !client.name.toLowerCase().includes(filter.name.toLowerCase())) return false;
  if (filter.site !== '' && !client.site.toLowerCase().includes(filter.site.toLowerCase())) return false;
  return true;
}

export const clientGroupInputSchema = z
  .object({
    name: z.string().trim().min(1, 'give the group a name').max(100, 'a name of at most 100 characters').refine((t) => noControl(t), 'a name may not contain control characters'),
    /** static: its members are listed; smart: its members are the clients its filter matches now. */
    kind: z.enum(['static', 'smart']),
    memberIds: z.array(id).max(100_000).default([]),
    filter: clientFilterSchema.nullable().default(null),
  })
  .refine((g) => g.kind === 'static' || g.filter !== null, { message: 'a smart group needs a filter (OS, name or site)', path: ['filter'] })
  .refine((g) => g.kind === 'smart' || g.filter === null, { message: 'a static group has members, not a filter', path: ['filter'] });
export type ClientGroupInput = z.input<typeof clientGroupInputSchema>;

export const clientGroupSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['static', 'smart']),
  filter: clientFilterSchema.nullable(),
  /** Members now (a smart group's resolved). */
  memberIds: z.array(id),
});
export type ClientGroup = z.infer<typeof clientGroupSchema>;

/** An enrolment token as listed (its secret is shown once, when created). */
export const enrolmentTokenSchema = z.object({
  id,
  label: z.string(),
  expiresAt: z.number(),
  /** How many agents may enrol with it (one for a single PC, more for a quick install on many). */
  uses: z.number().int(),
  used: z.number().int(),
  createdAt: z.number(),
  createdBy: z.string().nullable(),
  /** Made for this client PC only: it enrols that PC (again, even while it has an agent) and no other name. */
  clientId: id.nullable(),
});
export type EnrolmentToken = z.infer<typeof enrolmentTokenSchema>;

/** Problems of a CSV import, each with its line, and what would have been imported. */
export const csvProblemSchema = z.object({ line: z.number().int(), message: z.string() });
export type CsvProblem = z.infer<typeof csvProblemSchema>;
