import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { agentJobSchema, jobReportSchema, type AgentJob, type JobReport } from '../../src-shared/plugins/drivers/agent-protocol';

/**
 * What the agent keeps in its state folder, so that a restart or a console that is away loses
 * nothing: its enrolment (the console's address and pinned certificate, its key), the jobs it
 * received and has not finished, the reports it has not delivered, the ids of jobs done (a job
 * sent again after a lost report is not run twice) and the Printdeck queues it installed.
 * Every file is written to a temporary name and renamed (a power cut leaves the old or the new
 * file, never half of one); the folder and the files are for the service's user only (0700/0600;
 * on Windows an ACL for SYSTEM and Administrators only, set with icacls).
 *
 *   config.json  jobs/<id>.json  reports/<id>.json  done.json  queues.json
 */

export const agentConfigSchema = z.object({
  consoleUrl: z.string(),
  /** SHA-256 fingerprint of the console's certificate ("AB:CD:…"), pinned at enrolment; null: the system's CAs (or caFile). */
  fingerprint: z.string().nullable(),
  /** The pinned certificate (PEM), fetched and checked against the fingerprint at enrolment. */
  certificate: z.string().nullable(),
  /** A CA certificate file (PEM) to trust instead of the system's, when not pinned. */
  caFile: z.string().nullable(),
  clientId: z.number().int(),
  key: z.string(),
  name: z.string(),
  /** A CUPS server to manage instead of the local one ("host:port"). */
  cupsServer: z.string().nullable(),
  enrolledAt: z.string(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

const MAX_DONE = 2_000;

/** Well-known SIDs (the names "SYSTEM" and "Administrators" are translated on non-English Windows; the SIDs are not). */
const SYSTEM_SID = '*S-1-5-18';
const ADMINISTRATORS_SID = '*S-1-5-32-544';

/**
 * The icacls.exe calls that make the state folder readable by SYSTEM and Administrators only:
 * on Windows a folder under %ProgramData% inherits rights that let every local user read it
 * (and create files in it), and a mode such as 0700 changes nothing there. First the owner
 * becomes Administrators (a user who created the folder first would otherwise own it and could
 * change its rights back), then the inherited entries are removed and full control granted to
 * the two only, inherited by what is inside (Windows applies it to the files already there).
 */
export function stateFolderAclCommands(dir: string): { program: string; args: string[] }[] {
  return [
    { program: 'icacls.exe', args: [dir, '/setowner', ADMINISTRATORS_SID, '/T', '/C', '/Q'] },
    { program: 'icacls.exe', args: [dir, '/inheritance:r', '/grant:r', `${SYSTEM_SID}:(OI)(CI)F`, `${ADMINISTRATORS_SID}:(OI)(CI)F`, '/Q'] },
  ];
}

const execFileAsync = promisify(execFile);

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export class AgentState {
  constructor(
    readonly dir: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  /** Creates the folders (0700) and, on Windows, resets the folder's rights to SYSTEM and Administrators (it fails when they cannot be set: the agent key would be readable). */
  async init(): Promise<void> {
    for (const sub of ['', 'jobs', 'reports', 'work']) await mkdir(join(this.dir, sub), { recursive: true, mode: 0o700 });
    if (this.platform !== 'win32') return;
    for (const command of stateFolderAclCommands(this.dir)) {
      try {
        await execFileAsync(command.program, command.args, { timeout: 60_000, windowsHide: true });
      } catch (error) {
        throw new Error(`cannot restrict ${this.dir} to SYSTEM and Administrators (${command.program} ${command.args.slice(1).join(' ')}: ${error instanceof Error ? error.message : String(error)}); run the agent as Administrator`, { cause: error });
      }
    }
  }

  async config(): Promise<AgentConfig | null> {
    const text = await this.read('config.json');
    if (text === null) return null;
    const parsed = agentConfigSchema.safeParse(jsonOrNull(text));
    if (!parsed.success) throw new Error(`${join(this.dir, 'config.json')} is not an agent configuration (${parsed.error.issues[0]?.message ?? 'unreadable'}): enrol again`);
    return parsed.data;
  }

  saveConfig(config: AgentConfig): Promise<void> {
    return this.write('config.json', config);
  }

  /** Keeps received jobs that are neither pending nor done already; returns those new. */
  async receive(jobs: readonly AgentJob[]): Promise<AgentJob[]> {
    const done = new Set(await this.done());
    const pending = new Set((await this.pending()).map((j) => j.id));
    const unsent = new Set((await this.unsent()).map((r) => r.jobId));
    const fresh = jobs.filter((j) => !done.has(j.id) && !pending.has(j.id) && !unsent.has(j.id));
    for (const job of fresh) await this.write(`jobs/${job.id}.json`, job);
    return fresh;
  }

  async pending(): Promise<AgentJob[]> {
    return (await this.readAll('jobs', agentJobSchema)).sort((a, b) => a.id - b.id);
  }

  /** A job finished: its report is kept to send, the job leaves the pending ones, its id joins the done ones. */
  async finish(report: JobReport): Promise<void> {
    await this.write(`reports/${report.jobId}.json`, report);
    const done = [...(await this.done()).filter((id) => id !== report.jobId), report.jobId].slice(-MAX_DONE);
    await this.write('done.json', done);
    await rm(join(this.dir, 'jobs', `${report.jobId}.json`), { force: true });
  }

  async unsent(): Promise<JobReport[]> {
    return (await this.readAll('reports', jobReportSchema)).sort((a, b) => a.jobId - b.jobId);
  }

  async delivered(jobIds: readonly number[]): Promise<void> {
    for (const id of jobIds) await rm(join(this.dir, 'reports', `${id}.json`), { force: true });
  }

  async queues(): Promise<string[]> {
    const text = await this.read('queues.json');
    return text === null ? [] : z.array(z.string()).parse(JSON.parse(text));
  }

  saveQueues(queues: readonly string[]): Promise<void> {
    return this.write('queues.json', [...new Set(queues)].sort());
  }

  /** A scratch folder for a job's downloads (removed by the caller). */
  workDir(jobId: number): string {
    return join(this.dir, 'work', String(jobId));
  }

  private async done(): Promise<number[]> {
    const text = await this.read('done.json');
    return text === null ? [] : z.array(z.number().int()).parse(JSON.parse(text));
  }

  private async read(file: string): Promise<string | null> {
    try {
      return await readFile(join(this.dir, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private async readAll<S extends z.ZodType>(sub: string, schema: S): Promise<z.output<S>[]> {
    const names = (await readdir(join(this.dir, sub))).filter((n) => n.endsWith('.json'));
    const out: z.output<S>[] = [];
    for (const name of names) {
      const text = await this.read(join(sub, name));
      const parsed = text === null ? null : schema.safeParse(jsonOrNull(text));
      // A file that no longer parses (written by another version) is set aside, not retried forever.
      if (parsed && parsed.success) out.push(parsed.data);
      else if (text !== null) await rename(join(this.dir, sub, name), join(this.dir, sub, `${name}.unreadable`));
    }
    return out;
  }

  private async write(file: string, value: unknown): Promise<void> {
    const path = join(this.dir, file);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path);
  }
}
