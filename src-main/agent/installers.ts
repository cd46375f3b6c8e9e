import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { platform, release } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { JobQueue, JobStep } from '../../src-shared/plugins/drivers/agent-protocol';
import type { DriverOs } from '../../src-shared/plugins/drivers/driver-set';
import { cupsInstallCommands, cupsProblem, cupsRemoveCommand, isPrintdeckQueue, makeAndModelOf, queuesOfLpstat, RAW_MODEL } from '../../src-shared/plugins/drivers/cups-commands';
import { NOT_OURS, WINDOWS_LIST_QUEUES, WPP_QUERY, windowsInstallSteps, windowsRemoveStep } from '../../src-shared/plugins/drivers/windows-commands';

const run = promisify(execFile);
const COMMAND_TIMEOUT_MS = 180_000;
/** How long cupsd may take to make an IPP Everywhere queue's PPD from the printer's attributes. */
const MODEL_WAIT_MS = 30_000;

/** How one computer installs queues: CUPS (Linux, macOS) or PowerShell PrintManagement (Windows). */
export interface QueueInstaller {
  readonly os: DriverOs;
  /** Whether the set's files are needed (not for driverless, nor under Windows protected print mode). */
  needsFiles(queue: JobQueue): Promise<boolean>;
  /** Creates the queue; `entryPath` is the set's PPD or INF as downloaded and verified. Each step's outcome. */
  install(queue: JobQueue, entryPath: string | null): Promise<JobStep[]>;
  remove(queueName: string): Promise<JobStep[]>;
  /** Which of `candidates` exist now as queues. */
  existing(candidates: readonly string[]): Promise<string[]>;
  protectedPrint(): Promise<boolean | null>;
}

/** A failed command's words: its stderr (lpadmin and PowerShell say what went wrong there), else its message. */
function failureOf(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() !== '' ? stderr.trim() : error instanceof Error ? error.message : String(error);
  return text.length > 1_500 ? `${text.slice(0, 1_500)}…` : text;
}

export class CupsInstaller implements QueueInstaller {
  constructor(
    readonly os: 'linux' | 'macos',
    /** "host:port" of the CUPS server to manage; null: CUPS_SERVER or the local one. */
    private readonly cupsServer: string | null,
  ) {}

  needsFiles(queue: JobQueue): Promise<boolean> {
    return Promise.resolve(queue.set.kind === 'ppd');
  }

  async install(queue: JobQueue, entryPath: string | null): Promise<JobStep[]> {
    const problem = cupsProblem(queue);
    if (problem !== null) return [{ queueName: queue.queueName, step: 'queue', ok: false, message: problem }];
    // lpadmin -p changes a queue of that name in place: one Printdeck did not make is left as it is.
    const owner = await this.ownership(queue.queueName).catch((error: unknown) => new Error(failureOf(error)));
    if (owner instanceof Error) return [{ queueName: queue.queueName, step: 'queue', ok: false, message: `cannot ask CUPS whether ${queue.queueName} exists: ${owner.message}` }];
    if (owner === 'theirs') return [{ queueName: queue.queueName, step: 'queue', ok: false, message: `${queue.queueName}: ${NOT_OURS}` }];
    const steps: JobStep[] = [];
    for (const command of cupsInstallCommands(queue, entryPath, this.cupsServer)) {
      try {
        await run(command.program, command.args, { timeout: COMMAND_TIMEOUT_MS });
        const model = command.step === 'queue' ? await this.modelOnceReady(queue.queueName, queue.set.kind === 'driverless') : null;
        if (command.step === 'queue' && queue.set.kind === 'driverless' && (model === null || model === RAW_MODEL)) {
          steps.push({ queueName: queue.queueName, step: 'queue', ok: false, message: `CUPS made ${queue.queueName} but could not read the printer's attributes at ${queue.uri} within ${MODEL_WAIT_MS / 1000} s: it is a raw queue without a driver. Is the printer reachable from this computer and IPP Everywhere ready?` });
          break;
        }
        steps.push({ queueName: queue.queueName, step: command.step, ok: true, message: command.step === 'queue' ? `created ${queue.queueName} → ${queue.uri} (${queue.set.kind === 'driverless' ? 'IPP Everywhere' : `PPD ${queue.set.entryFile ?? ''}`}: ${model ?? '?'})` : `defaults: ${command.args.filter((a) => a.includes('=')).join(', ')}` });
      } catch (error) {
        steps.push({ queueName: queue.queueName, step: command.step, ok: false, message: `lpadmin failed: ${failureOf(error)}` });
        break;
      }
    }
    return steps;
  }

  /** The queue's make and model; for a driverless queue, once cupsd has made its PPD (polled every 250 ms, at most MODEL_WAIT_MS). */
  private async modelOnceReady(queueName: string, driverless: boolean): Promise<string | null> {
    const until = Date.now() + MODEL_WAIT_MS;
    let model: string | null = null;
    for (let attempt = 0; attempt < MODEL_WAIT_MS / 250 + 1; attempt++) {
      const { stdout } = await run('lpoptions', [...(this.cupsServer === null ? [] : ['-h', this.cupsServer]), '-p', queueName], { timeout: COMMAND_TIMEOUT_MS });
      model = makeAndModelOf(stdout);
      if (!driverless || (model !== null && model !== RAW_MODEL) || Date.now() >= until) return model;
      await sleep(250);
    }
    return model;
  }

  /** Whether a queue of the name is there, and whether Printdeck made it (its description, lpadmin -D, starts with "Printdeck: "). */
  private async ownership(queueName: string): Promise<'absent' | 'ours' | 'theirs'> {
    if (!(await this.existing([queueName])).includes(queueName)) return 'absent';
    const { stdout } = await run('lpoptions', [...(this.cupsServer === null ? [] : ['-h', this.cupsServer]), '-p', queueName], { timeout: COMMAND_TIMEOUT_MS });
    return isPrintdeckQueue(stdout) ? 'ours' : 'theirs';
  }

  async remove(queueName: string): Promise<JobStep[]> {
    const owner = await this.ownership(queueName);
    if (owner === 'absent') return [{ queueName, step: 'remove', ok: true, message: `${queueName} is not installed: nothing to remove` }];
    if (owner === 'theirs') return [{ queueName, step: 'remove', ok: true, message: `${queueName}: ${NOT_OURS}` }];
    const command = cupsRemoveCommand(queueName, this.cupsServer);
    try {
      await run(command.program, command.args, { timeout: COMMAND_TIMEOUT_MS });
      return [{ queueName, step: 'remove', ok: true, message: `removed ${queueName}` }];
    } catch (error) {
      return [{ queueName, step: 'remove', ok: false, message: `lpadmin -x failed: ${failureOf(error)}` }];
    }
  }

  async existing(candidates: readonly string[]): Promise<string[]> {
    try {
      const { stdout } = await run('lpstat', [...(this.cupsServer === null ? [] : ['-h', this.cupsServer]), '-v'], { timeout: COMMAND_TIMEOUT_MS });
      const present = new Set(queuesOfLpstat(stdout));
      return candidates.filter((c) => present.has(c));
    } catch (error) {
      // lpstat exits non-zero when there are no queues at all.
      if (/no destinations/i.test(failureOf(error))) return [];
      throw error;
    }
  }

  protectedPrint(): Promise<null> {
    return Promise.resolve(null);
  }
}

export class WindowsInstaller implements QueueInstaller {
  readonly os = 'windows' as const;

  private async powershell(script: string): Promise<string> {
    const { stdout } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script], { timeout: COMMAND_TIMEOUT_MS, windowsHide: true });
    return stdout;
  }

  async needsFiles(queue: JobQueue): Promise<boolean> {
    return queue.set.kind === 'inf' && !(await this.protectedPrint());
  }

  async install(queue: JobQueue, entryPath: string | null): Promise<JobStep[]> {
    const steps: JobStep[] = [];
    const protectedPrint = (await this.protectedPrint()) === true;
    for (const step of windowsInstallSteps(queue, { protectedPrint, infPath: entryPath })) {
      try {
        await this.powershell(step.script);
        steps.push({ queueName: queue.queueName, step: step.step, ok: true, message: step.note ?? `${step.step} done` });
      } catch (error) {
        steps.push({ queueName: queue.queueName, step: step.step, ok: false, message: failureOf(error) });
        break;
      }
    }
    return steps;
  }

  async remove(queueName: string): Promise<JobStep[]> {
    const step = windowsRemoveStep(queueName);
    try {
      const outcome = (await this.powershell(step.script)).trim().split(/\r?\n/).at(-1)?.trim();
      if (outcome === 'absent') return [{ queueName, step: 'remove', ok: true, message: `${queueName} is not installed: nothing to remove` }];
      if (outcome === 'not-ours') return [{ queueName, step: 'remove', ok: true, message: `${queueName}: ${NOT_OURS}` }];
      return [{ queueName, step: 'remove', ok: true, message: `removed ${queueName}` }];
    } catch (error) {
      return [{ queueName, step: 'remove', ok: false, message: failureOf(error) }];
    }
  }

  async existing(candidates: readonly string[]): Promise<string[]> {
    const present = new Set((await this.powershell(WINDOWS_LIST_QUEUES)).split(/\r?\n/).map((l) => l.trim()));
    return candidates.filter((c) => present.has(c));
  }

  async protectedPrint(): Promise<boolean> {
    return (await this.powershell(WPP_QUERY)).trim() === '1';
  }
}

export function thisOs(): DriverOs {
  const p = platform();
  return p === 'win32' ? 'windows' : p === 'darwin' ? 'macos' : 'linux';
}

/** The OS as people name it: PRETTY_NAME of /etc/os-release, macOS's product version, Windows' build. */
export async function osVersion(os: DriverOs): Promise<string> {
  try {
    if (os === 'linux') return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(await readFile('/etc/os-release', 'utf8'))?.[1] ?? `Linux ${release()}`;
    if (os === 'macos') return `macOS ${(await run('sw_vers', ['-productVersion'])).stdout.trim()}`;
  } catch {
    // Falls through to the kernel's release.
  }
  return `${os === 'windows' ? 'Windows' : os} ${release()}`;
}

export function installerFor(os: DriverOs, cupsServer: string | null): QueueInstaller {
  return os === 'windows' ? new WindowsInstaller() : new CupsInstaller(os, cupsServer);
}
