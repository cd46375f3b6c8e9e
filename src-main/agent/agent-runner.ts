import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { AGENT_PROTOCOL, enrolReplySchema, pollReplySchema, reportReplySchema, type AgentFacts } from '../../src-shared/plugins/drivers/agent-protocol';
import type { AgentConfig, AgentState } from './agent-state';
import { ConsoleLink, ConsoleRefused, normaliseFingerprint, pinnedCertificate } from './console-link';
import { osVersion, type QueueInstaller } from './installers';
import { consoleSetFiles, runJob } from './job-runner';

/** The agent's version, told to the console with every poll. */
export const AGENT_VERSION = '0.1.0';
/** Seconds a poll waits at the console for a job. */
export const DEFAULT_POLL_WAIT = 50;
/** The longest pause between attempts while the console is away (the pause doubles from 1 s up to it). */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** How long the agent's facts (OS version, protected print mode, its queues) are reused between polls: reading them starts PowerShell on Windows. */
export const FACTS_REFRESH_MS = 10 * 60_000;

export async function agentFacts(installer: QueueInstaller, state: AgentState): Promise<AgentFacts> {
  const known = await state.queues();
  return {
    os: installer.os,
    osVersion: await osVersion(installer.os),
    agentVersion: AGENT_VERSION,
    protectedPrint: await installer.protectedPrint().catch(() => null),
    queues: await installer.existing(known).catch(() => known),
  };
}

/**
 * The facts told with every poll, read again only every `refreshMs` or after a job changed the
 * queues (`stale()`): a poll every minute would otherwise start three PowerShell processes on
 * Windows each time. A change made behind the agent's back shows within `refreshMs`.
 */
export class FactsCache {
  private cached: { facts: AgentFacts; at: number } | null = null;

  constructor(
    private readonly installer: QueueInstaller,
    private readonly state: AgentState,
    private readonly now: () => number = () => Date.now(),
    private readonly refreshMs = FACTS_REFRESH_MS,
  ) {}

  async get(): Promise<AgentFacts> {
    const at = this.now();
    if (this.cached && at - this.cached.at < this.refreshMs) return this.cached.facts;
    const facts = await agentFacts(this.installer, this.state);
    this.cached = { facts, at };
    return facts;
  }

  stale(): void {
    this.cached = null;
  }
}

/** Enrols with a one-time token; keeps the console's address, pin and the key it gives in the state folder. */
export async function enrol(
  input: { consoleUrl: string; token: string; fingerprint: string | null; caFile: string | null; name?: string; cupsServer: string | null },
  state: AgentState,
  installer: QueueInstaller,
): Promise<AgentConfig> {
  await state.init();
  const fingerprint = input.fingerprint === null ? null : normaliseFingerprint(input.fingerprint);
  const certificate = fingerprint === null ? null : await pinnedCertificate(input.consoleUrl, fingerprint);
  const link = new ConsoleLink({ consoleUrl: input.consoleUrl, fingerprint, certificate, caFile: input.caFile, key: null });
  const name = input.name ?? hostname();
  const reply = await link.post('enrol', { protocol: AGENT_PROTOCOL, token: input.token, name, facts: await agentFacts(installer, state) }, enrolReplySchema, 30_000);
  const config: AgentConfig = { consoleUrl: input.consoleUrl, fingerprint, certificate, caFile: input.caFile, clientId: reply.clientId, key: reply.key, name, cupsServer: input.cupsServer, enrolledAt: new Date().toISOString() };
  await state.saveConfig(config);
  return config;
}

export interface RunOptions {
  state: AgentState;
  config: AgentConfig;
  installer: QueueInstaller;
  log: (line: string) => void;
  signal: AbortSignal;
  pollWait?: number;
  maxBackoffMs?: number;
}

/** Runs the jobs kept in the state folder (received before a restart, or just now), one at a time. */
async function runPending(link: ConsoleLink, options: RunOptions, facts: FactsCache): Promise<void> {
  for (const job of await options.state.pending()) {
    facts.stale();
    options.log(`job ${job.id}: ${job.action} ${job.queues.map((q) => q.queueName).join(', ')}`);
    const report = await runJob(job, options.installer, options.state.workDir(job.id), await options.state.queues(), () => Date.now(), consoleSetFiles(link));
    await options.state.saveQueues(report.queues);
    await options.state.finish(report);
    for (const step of report.steps) options.log(`job ${job.id}: ${step.queueName} ${step.step} ${step.ok ? 'ok' : 'FAILED'}: ${step.message}`);
  }
}

/** Sends the reports not delivered yet, 100 at a time; each is forgotten once the console answered. */
async function sendReports(link: ConsoleLink, options: RunOptions): Promise<void> {
  for (let unsent = await options.state.unsent(); unsent.length > 0; unsent = await options.state.unsent()) {
    const batch = unsent.slice(0, 100);
    await link.post('report', { reports: batch }, reportReplySchema, 60_000);
    // Reports of jobs the console no longer has (cancelled, client removed) are not kept either: nobody would take them.
    await options.state.delivered(batch.map((r) => r.jobId));
  }
}

/**
 * The agent's loop: finish kept jobs, deliver kept reports, then long-poll the console for
 * jobs, keep them in the state folder before running them. When the console cannot be reached
 * the agent waits (1 s, 2 s, 4 s … at most maxBackoffMs, with jitter) and tries again, for as
 * long as it runs; nothing is lost meanwhile. Ends when `signal` aborts, or (rejecting) when the
 * console withdrew the agent's key.
 */
export async function runAgent(options: RunOptions): Promise<void> {
  const { config, state, log, signal } = options;
  const link = new ConsoleLink({ consoleUrl: config.consoleUrl, fingerprint: config.fingerprint, certificate: config.certificate, caFile: config.caFile, key: config.key });
  const wait = options.pollWait ?? DEFAULT_POLL_WAIT;
  const maxBackoff = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  const facts = new FactsCache(options.installer, state);
  let failures = 0;
  while (!signal.aborted) {
    try {
      await runPending(link, options, facts);
      await sendReports(link, options);
      const reply = await link.post('poll', { facts: await facts.get(), wait }, pollReplySchema, (wait + 30) * 1000, signal);
      const fresh = await state.receive(reply.jobs);
      if (fresh.length > 0) log(`received ${fresh.length} job${fresh.length === 1 ? '' : 's'}`);
      await runPending(link, options, facts);
      await sendReports(link, options);
      if (failures > 0) log('the console answers again');
      failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      if (error instanceof ConsoleRefused && error.status === 401) throw new Error(`the console refused this agent's key (${error.message}): enrol it again with a new token`, { cause: error });
      failures += 1;
      const pause = Math.round(Math.min(maxBackoff, 1000 * 2 ** Math.min(failures - 1, 20)) * (0.5 + Math.random() / 2));
      log(`cannot reach the console (${error instanceof Error ? error.message : String(error)}); trying again in ${Math.round(pause / 1000)} s`);
      await sleep(pause, undefined, { signal }).catch(() => undefined);
    }
  }
}
