import { change } from '../../../../src-shared/auth/access';
import type { JobQueue, JobReport } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { DRIVERS_TASK_KINDS, queuePushParamsSchema, type QueuePushParams } from '../../../../src-shared/plugins/drivers/queue-push';
import type { ItemOutcome } from '../../../../src-shared/settings/item-outcome';
import type { PluginHost, TaskContext, TaskExecutor } from '../../../plugin-api/plugin-host';
import type { AgentJobsRepository } from '../store/agent-jobs.repository';
import type { ClientsRepository } from '../store/clients.repository';
import type { AgentHub } from './agent-hub';
import { jobQueues } from './job-spec';

export interface PushDeps {
  host: PluginHost;
  clients: ClientsRepository;
  jobs: AgentJobsRepository;
  hub: AgentHub;
  functionId: string;
}

/** A report's steps as the execution's per-step results. */
export function stepItems(report: JobReport): ItemOutcome[] {
  return report.steps.map((s) => ({ item: `${s.queueName}: ${s.step}`, outcome: s.ok ? 'delivered' : 'refused', message: s.message, value: null }));
}

type Action = 'install' | 'remove';

async function push(deps: PushDeps, ctx: TaskContext & { params: QueuePushParams }, action: Action): Promise<void> {
  const { params } = ctx;
  const clientIds = deps.clients.resolve(params.clientIds, params.clientGroupIds);
  if (clientIds.length === 0) throw new Error('no client PCs: the chosen PCs and groups are empty or were removed');
  const specs = jobQueues(deps.host, params.associationIds, params.deviceIds);
  const found = new Set(specs.map((s) => (s.ok ? s.queue.associationId : s.associationId)));
  const missing = params.associationIds.filter((id) => !found.has(id));
  if (missing.length > 0) ctx.log(`associations ${missing.join(', ')} no longer exist (deleted?)`);
  for (const s of specs) if (!s.ok) ctx.log(`association "${s.name}" left out: ${s.why}`);
  const queues = specs.flatMap((s) => (s.ok ? [s.queue] : []));
  if (queues.length === 0) throw new Error('no association to install: the chosen associations (or those of the chosen devices) do not exist');

  const queued = new Map<number, { label: string; jobId: number }>();
  const now = deps.host.now();
  for (const clientId of clientIds) {
    const client = deps.clients.get(clientId);
    if (!client) continue;
    // A set is for one OS; removing a queue needs no driver, so removal goes to every PC.
    const mine: JobQueue[] = action === 'remove' ? queues : queues.filter((q) => q.set.os === client.os);
    if (mine.length === 0) {
      const offered = [...new Set(queues.map((q) => `${q.name} (${q.set.os})`))].join(', ');
      ctx.reportDevice(null, { label: client.name, ok: false, message: `no association for ${client.os} among ${offered}: nothing queued` });
      continue;
    }
    const jobId = deps.jobs.queue(clientId, ctx.executionId, action, mine, now);
    queued.set(clientId, { label: client.name, jobId });
    ctx.log(`${client.name}: job ${jobId} queued (${mine.map((q) => q.queueName).join(', ')})`);
  }
  deps.hub.jobsQueued(queued.keys());
  deps.host.emitData('clients', deps.functionId, [...queued.keys()]);

  const total = queued.size;
  const deadline = deps.host.now() + params.waitMinutes * 60_000;
  const open = (): number => [...queued.values()].filter((q) => deps.jobs.isOpen(q.jobId)).length;
  let remaining = open();
  ctx.progress(total - remaining, total);
  while (remaining > 0 && !ctx.signal.aborted && deps.host.now() < deadline) {
    await deps.hub.nextReport(Math.min(5_000, Math.max(1, deadline - deps.host.now())), ctx.signal);
    remaining = open();
    ctx.progress(total - remaining, total);
  }
  for (const { label, jobId } of queued.values()) {
    const job = deps.jobs.get(jobId);
    if (!job) continue;
    if (job.report !== null) {
      ctx.reportDevice(null, { label, ok: job.report.ok, message: job.report.ok ? `${action === 'install' ? 'installed' : 'removed'} ${job.queueNames.join(', ')}` : `failed: ${job.summary ?? 'see the steps'}`, items: stepItems(job.report) });
    } else {
      const enrolled = deps.clients.get(job.clientId)?.enrolled === true;
      const message =
        job.state === 'collected'
          ? `collected by the agent, no report yet: the job stays open and its report will be kept (job ${jobId})`
          : enrolled
            ? `queued, waiting for the agent: it has not collected the job yet (the PC may be off); the job stays queued (job ${jobId})`
            : `queued, waiting for the agent: no agent has enrolled for this PC yet (install it: quick install or the SSH task); the job stays queued (job ${jobId})`;
      ctx.reportDevice(null, { label, ok: false, message });
    }
  }
}

function executor(deps: PushDeps, type: string, action: Action): TaskExecutor<typeof queuePushParamsSchema> {
  return {
    type,
    access: change(deps.functionId),
    paramsSchema: queuePushParamsSchema,
    usesTargets: false,
    run: (ctx) => push(deps, ctx, action),
  };
}

/** Install print queue: the associations' queues on the chosen client PCs, through their agents. */
export const installQueueExecutor = (deps: PushDeps): TaskExecutor<typeof queuePushParamsSchema> => executor(deps, DRIVERS_TASK_KINDS.installQueue, 'install');
/** Remove print queue: the associations' queues from the chosen client PCs. */
export const removeQueueExecutor = (deps: PushDeps): TaskExecutor<typeof queuePushParamsSchema> => executor(deps, DRIVERS_TASK_KINDS.removeQueue, 'remove');
