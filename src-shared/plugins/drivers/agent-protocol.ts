import { z } from 'zod';
import { queueDefaultsSchema, QUEUE_PROTOCOLS } from './association';
import { DRIVER_KINDS, DRIVER_OSES } from './driver-set';
import { noControl } from './text-checks';

/**
 * What the console and its agents say to each other over HTTPS, at the drivers plug-in's public
 * route /plugins/drivers/agent/… (the agent's key authenticates it; the console's certificate is
 * pinned by the agent). JSON bodies, checked with these schemas on both sides.
 *
 *   POST enrol   {token, name, os, …facts}          → {clientId, key}   (the key is shown once)
 *   POST poll    {facts, wait}  (Bearer key)        → {jobs}            (long poll: up to `wait` seconds)
 *   POST report  {report}       (Bearer key)        → {accepted}
 *   GET  set-file?job=J&association=A&path=P  (Bearer key) → the file's bytes (404: missing)
 *
 * Jobs carry no store password: the agent fetches a set's files from the console (set-file,
 * for a job it holds), which reads them from the store; the agent checks every file against
 * the manifest's SHA-256 as before.
 */

export const AGENT_PROTOCOL = 'printdeck-agent/1';
/** The longest a poll is held open by the console (seconds). */
export const MAX_POLL_WAIT_SECONDS = 60;

/** What an agent tells of its computer at enrolment and with every poll. */
export const agentFactsSchema = z.object({
  os: z.enum(DRIVER_OSES),
  osVersion: z.string().max(200),
  agentVersion: z.string().max(50),
  /** Windows protected print mode (read from the policy in the registry); null elsewhere. */
  protectedPrint: z.boolean().nullable(),
  /** Printdeck queues installed on it now (queue names). */
  queues: z.array(z.string().max(127)).max(1_000),
});
export type AgentFacts = z.infer<typeof agentFactsSchema>;

export const enrolRequestSchema = z.object({
  protocol: z.literal(AGENT_PROTOCOL),
  token: z.string().min(1).max(200),
  /** The computer's host name (the client PC's name). */
  name: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .refine((n) => noControl(n), 'a name may not contain control characters'),
  facts: agentFactsSchema,
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;
export const enrolReplySchema = z.object({ clientId: z.number().int().positive(), key: z.string().min(32) });
export type EnrolReply = z.infer<typeof enrolReplySchema>;

/** The store that holds a set, named for reports: the agent reads its files through the console (set-file), never from the store. */
export const jobStoreSchema = z.object({ id: z.number().int().positive(), name: z.string() });
export type JobStore = z.infer<typeof jobStoreSchema>;

/** The agent's request for one file of a set of a job it holds: the query of GET set-file. */
export const setFileQuerySchema = z.object({
  job: z.coerce.number().int().positive(),
  association: z.coerce.number().int().positive(),
  /** A path inside the set: "manifest.json" or one the manifest lists. */
  path: z.string().min(1).max(1_000),
});
export type SetFileQuery = z.infer<typeof setFileQuerySchema>;

/** One queue of a job, with everything the agent needs to install it without asking again. */
export const jobQueueSchema = z.object({
  associationId: z.number().int().positive(),
  /** The association's name (for reports). */
  name: z.string(),
  queueName: z.string(),
  /** ipp://host:631/ipp/print, socket://host:9100, lpd://host:515/queue. */
  uri: z.string(),
  protocol: z.enum(QUEUE_PROTOCOLS),
  host: z.string(),
  port: z.number().int(),
  /** LPD queue on the device / IPP resource. */
  resource: z.string(),
  defaults: queueDefaultsSchema,
  location: z.string(),
  set: z.object({
    name: z.string(),
    os: z.enum(DRIVER_OSES),
    kind: z.enum(DRIVER_KINDS),
    driverName: z.string(),
    /** The INF or PPD inside the set; null for driverless. */
    entryFile: z.string().nullable(),
    /** The set's folder below the store's directory; null for driverless. */
    folder: z.string().nullable(),
    /** SHA-256 of manifest.json as uploaded: the agent refuses a manifest that differs. */
    manifestSha256: z.string().nullable(),
    store: jobStoreSchema.nullable(),
  }),
});
export type JobQueue = z.infer<typeof jobQueueSchema>;

export const agentJobSchema = z.object({
  id: z.number().int().positive(),
  action: z.enum(['install', 'remove']),
  queues: z.array(jobQueueSchema).min(1),
  createdAt: z.number(),
});
export type AgentJob = z.infer<typeof agentJobSchema>;

export const pollRequestSchema = z.object({ facts: agentFactsSchema, wait: z.number().int().min(0).max(MAX_POLL_WAIT_SECONDS) });
export const pollReplySchema = z.object({ jobs: z.array(agentJobSchema) });

/** One step of a job on the client: "download", "verify", "driver", "port", "queue", "defaults", "remove". */
export const jobStepSchema = z.object({
  queueName: z.string(),
  step: z.string().max(40),
  ok: z.boolean(),
  message: z.string().max(4_000),
});
export type JobStep = z.infer<typeof jobStepSchema>;

export const jobReportSchema = z.object({
  jobId: z.number().int().positive(),
  ok: z.boolean(),
  steps: z.array(jobStepSchema).max(1_000),
  /** Printdeck queues installed after the job. */
  queues: z.array(z.string().max(127)).max(1_000),
  finishedAt: z.number(),
});
export type JobReport = z.infer<typeof jobReportSchema>;
export const reportRequestSchema = z.object({ reports: z.array(jobReportSchema).min(1).max(100) });
export const reportReplySchema = z.object({ accepted: z.array(z.number().int()) });

/** An error answer of the agent routes. */
export const agentErrorSchema = z.object({ error: z.string() });
