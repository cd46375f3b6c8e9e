import { z } from 'zod';
import type { PluginDatabase, SecretStore } from '../../../plugin-api/plugin-host';
import type { EnrolmentToken } from '../../../../src-shared/plugins/drivers/client-pc';
import { agentJobSchema, jobReportSchema, type AgentJob, type JobReport } from '../../../../src-shared/plugins/drivers/agent-protocol';
import type { JobState, QueueJob } from '../../../../src-shared/plugins/drivers/queue-push';
import { sha256Of } from '../store-files/hashing';

interface TokenRow {
  id: number;
  label: string;
  expires_at: number;
  uses: number;
  used: number;
  created_at: number;
  created_by: string | null;
  client_id: number | null;
}

interface JobRow {
  id: number;
  client_id: number;
  execution_id: number | null;
  action: 'install' | 'remove';
  queue_names: string;
  spec: string;
  state: JobState;
  created_at: number;
  collected_at: number | null;
  finished_at: number | null;
  report: string | null;
}

const toToken = (r: TokenRow): EnrolmentToken => ({ id: r.id, label: r.label, expiresAt: r.expires_at, uses: r.uses, used: r.used, createdAt: r.created_at, createdBy: r.created_by, clientId: r.client_id });

/** A job's report in one line: "Floor3: download ok, queue ok; Floor4: queue failed (…)". */
export function reportSummary(report: JobReport): string {
  const failed = report.steps.filter((s) => !s.ok);
  if (failed.length === 0) return `${report.steps.length} step${report.steps.length === 1 ? '' : 's'} succeeded`;
  return failed.map((s) => `${s.queueName} ${s.step}: ${s.message}`).join('; ');
}

/** Enrolment tokens (hashed) and the jobs queued for agents (the spec sealed: it carries the store's password). */
export class AgentJobsRepository {
  constructor(
    private readonly db: PluginDatabase,
    private readonly secrets: SecretStore,
  ) {}

  /** `clientId`: a token for that client PC only (it may enrol it again while it has an agent; no other name). */
  createToken(secret: string, label: string, expiresAt: number, uses: number, now: number, by: string | null, clientId: number | null = null): EnrolmentToken {
    const id = Number(
      this.db
        .prepare('INSERT INTO drivers_enrolment_tokens (label, secret_hash, expires_at, uses, created_at, created_by, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(label, sha256Of(secret), expiresAt, uses, now, by, clientId).lastInsertRowid,
    );
    return toToken(this.db.prepare<[number], TokenRow>('SELECT * FROM drivers_enrolment_tokens WHERE id = ?').get(id) as TokenRow);
  }

  tokens(now: number): EnrolmentToken[] {
    return this.db.prepare<[number], TokenRow>('SELECT * FROM drivers_enrolment_tokens WHERE expires_at > ? AND used < uses ORDER BY created_at DESC').all(now).map(toToken);
  }

  revokeToken(id: number): void {
    this.db.prepare('DELETE FROM drivers_enrolment_tokens WHERE id = ?').run(id);
  }

  /** Uses a token once: null when unknown, expired or used up (the caller says which it cannot tell apart: deliberately). */
  consumeToken(secret: string, now: number): EnrolmentToken | null {
    const row = this.db.prepare<[string], TokenRow>('SELECT * FROM drivers_enrolment_tokens WHERE secret_hash = ?').get(sha256Of(secret));
    if (!row || row.expires_at <= now || row.used >= row.uses) return null;
    this.db.prepare('UPDATE drivers_enrolment_tokens SET used = used + 1 WHERE id = ?').run(row.id);
    return toToken({ ...row, used: row.used + 1 });
  }

  // Jobs

  queue(clientId: number, executionId: number | null, action: AgentJob['action'], queues: AgentJob['queues'], now: number): number {
    const names = JSON.stringify(queues.map((q) => q.queueName));
    const result = this.db
      .prepare("INSERT INTO drivers_jobs (client_id, execution_id, action, queue_names, spec, state, created_at) VALUES (?, ?, ?, ?, ?, 'queued', ?)")
      .run(clientId, executionId, action, names, this.secrets.seal(JSON.stringify(queues)), now);
    return Number(result.lastInsertRowid);
  }

  /**
   * Jobs of a client not reported yet (a job collected but never reported is sent again: the
   * agent runs each job once by its id). A stored job that no longer reads as a job (written by
   * an older version, or its seal unreadable) is closed as failed with the reason, so the others
   * still go out: one bad row must not stop every poll.
   */
  open(clientId: number, now: number): AgentJob[] {
    const jobs: AgentJob[] = [];
    for (const r of this.db.prepare<[number], JobRow>("SELECT * FROM drivers_jobs WHERE client_id = ? AND state IN ('queued', 'collected') ORDER BY id").all(clientId)) {
      let why: string;
      try {
        const parsed = agentJobSchema.safeParse({ id: r.id, action: r.action, queues: JSON.parse(this.secrets.open(r.spec)), createdAt: r.created_at });
        if (parsed.success) {
          jobs.push(parsed.data);
          continue;
        }
        const issue = parsed.error.issues[0];
        why = `${issue?.path.join('.') || 'job'}: ${issue?.message ?? 'invalid'}`;
      } catch (error) {
        why = error instanceof Error ? error.message : String(error);
      }
      this.failUnreadable(r, `the stored job cannot be read (${why}); it was not sent to the agent: push it again`, now);
    }
    return jobs;
  }

  private failUnreadable(r: JobRow, message: string, now: number): void {
    const queues = z.array(z.string()).safeParse(JSON.parse(r.queue_names));
    const names = queues.success ? queues.data : [];
    const report: JobReport = { jobId: r.id, ok: false, steps: (names.length > 0 ? names : ['?']).map((queueName) => ({ queueName, step: 'job', ok: false, message })), queues: [], finishedAt: now };
    this.db.prepare("UPDATE drivers_jobs SET state = 'failed', finished_at = ?, report = ? WHERE id = ? AND state IN ('queued', 'collected')").run(now, JSON.stringify(report), r.id);
  }

  /** The queues of a job as queued. */
  specOf(id: number): AgentJob['queues'] {
    const row = this.db.prepare<[number], { spec: string }>('SELECT spec FROM drivers_jobs WHERE id = ?').get(id);
    return row ? agentJobSchema.shape.queues.parse(JSON.parse(this.secrets.open(row.spec))) : [];
  }

  /** The queues of a job that is `clientId`'s and still open, from one read of its row; null otherwise. */
  openSpecOf(clientId: number, id: number): AgentJob['queues'] | null {
    const row = this.db.prepare<[number, number], { spec: string }>("SELECT spec FROM drivers_jobs WHERE id = ? AND client_id = ? AND state IN ('queued', 'collected')").get(id, clientId);
    return row ? agentJobSchema.shape.queues.parse(JSON.parse(this.secrets.open(row.spec))) : null;
  }

  markCollected(ids: readonly number[], now: number): void {
    const statement = this.db.prepare("UPDATE drivers_jobs SET state = 'collected', collected_at = COALESCE(collected_at, ?) WHERE id = ? AND state = 'queued'");
    for (const id of ids) statement.run(now, id);
  }

  /** Stores a client's report of its job; false when the job is not that client's or is closed already. */
  finish(clientId: number, report: JobReport, now: number): boolean {
    const result = this.db
      .prepare("UPDATE drivers_jobs SET state = ?, finished_at = ?, report = ? WHERE id = ? AND client_id = ? AND state IN ('queued', 'collected')")
      .run(report.ok ? 'done' : 'failed', now, JSON.stringify(report), report.jobId, clientId);
    return result.changes === 1;
  }

  isOpen(id: number): boolean {
    return this.db.prepare<[number], { id: number }>("SELECT id FROM drivers_jobs WHERE id = ? AND state IN ('queued', 'collected')").get(id) !== undefined;
  }

  cancelOpen(clientIds: readonly number[]): void {
    const statement = this.db.prepare("UPDATE drivers_jobs SET state = 'cancelled' WHERE client_id = ? AND state IN ('queued', 'collected')");
    for (const id of clientIds) statement.run(id);
  }

  /** A job as stored, with its report when there is one. */
  get(id: number): (QueueJob & { report: JobReport | null }) | null {
    const row = this.db.prepare<[number], JobRow>('SELECT * FROM drivers_jobs WHERE id = ?').get(id);
    return row ? this.toJob(row) : null;
  }

  list(clientId: number | undefined, limit: number): QueueJob[] {
    const rows =
      clientId === undefined
        ? this.db.prepare<[number], JobRow>('SELECT * FROM drivers_jobs ORDER BY id DESC LIMIT ?').all(limit)
        : this.db.prepare<[number, number], JobRow>('SELECT * FROM drivers_jobs WHERE client_id = ? ORDER BY id DESC LIMIT ?').all(clientId, limit);
    return rows.map((r) => {
      const { report: _report, ...job } = this.toJob(r);
      return job;
    });
  }

  private toJob(r: JobRow): QueueJob & { report: JobReport | null } {
    const report = r.report === null ? null : jobReportSchema.parse(JSON.parse(r.report));
    return {
      id: r.id,
      clientId: r.client_id,
      action: r.action,
      queueNames: JSON.parse(r.queue_names) as string[],
      state: r.state,
      executionId: r.execution_id,
      createdAt: r.created_at,
      collectedAt: r.collected_at,
      finishedAt: r.finished_at,
      summary: report === null ? null : reportSummary(report),
      report,
    };
  }
}
