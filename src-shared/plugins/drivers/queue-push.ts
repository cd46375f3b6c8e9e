import { z } from 'zod';

/**
 * The push task kinds (issue 12 item 7): install or remove print queues on client PCs through
 * their agents. A task names client PCs and client groups (not devices: usesTargets is false),
 * and associations, or devices meaning "the associations of these devices". The executor
 * queues one job per client; a job stays queued until the client's agent reports it, so a PC
 * that is off tonight installs the queue when it next starts.
 */
export const DRIVERS_TASK_KINDS = { installQueue: 'drivers.installQueue', removeQueue: 'drivers.removeQueue' } as const;

const id = z.number().int().positive();
/** How long an execution waits for agents to report, at most (their jobs stay queued after it). */
export const MAX_WAIT_MINUTES = 24 * 60;

export const queuePushParamsSchema = z
  .object({
    clientIds: z.array(id).max(100_000).default([]),
    clientGroupIds: z.array(id).max(1_000).default([]),
    associationIds: z.array(id).max(1_000).default([]),
    /** The associations of these devices (all of them, each client getting those for its OS). */
    deviceIds: z.array(id).max(100_000).default([]),
    /** Minutes the execution waits for reports before it ends saying who has not collected the job yet. */
    waitMinutes: z.number().min(0).max(MAX_WAIT_MINUTES, `wait at most ${MAX_WAIT_MINUTES} minutes`).default(10),
  })
  .refine((p) => p.clientIds.length + p.clientGroupIds.length > 0, { message: 'choose client PCs or client groups', path: ['clientIds'] })
  .refine((p) => p.associationIds.length + p.deviceIds.length > 0, { message: 'choose associations, or devices whose associations to use', path: ['associationIds'] });
export type QueuePushParams = z.output<typeof queuePushParamsSchema>;
export type QueuePushParamsInput = z.input<typeof queuePushParamsSchema>;

/** The states of a job queued for a client's agent. */
export const JOB_STATES = ['queued', 'collected', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const queueJobSchema = z.object({
  id,
  clientId: id,
  action: z.enum(['install', 'remove']),
  queueNames: z.array(z.string()),
  state: z.enum(JOB_STATES),
  executionId: z.number().int().nullable(),
  createdAt: z.number(),
  collectedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** The report's steps in words, once reported. */
  summary: z.string().nullable(),
});
export type QueueJob = z.infer<typeof queueJobSchema>;
