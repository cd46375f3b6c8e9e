import { internalContext } from '../../src-shared/auth/call-context';
import { appContract, type AppApi } from '../../src-shared/contract/app.contract';
import type { Credential } from '../../src-shared/contract/discovery.contract';
import type { ExecutionState, TaskProgress } from '../../src-shared/contract/tasks.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../core/create-core';
import type { SnmpSettings } from '../core/inventory/credential-settings';
import type { SnmpTarget } from '../core/snmp/snmp-client';
import { appVersion } from './app-version';
import { CliError, EXIT } from './cli-error';
import { asCliError } from './console-data';
import { prepareDataDir } from './data-dir';
import type { CommandIo } from './poll-command';
import { resourcesDir } from './resources-path';

/**
 * One command-line run of a device task (settings delivery, acquisition, reboot) through the
 * console's job model: a core on `--data DIR/printdeck.db` (or on an in-memory store that
 * vanishes with the process, so no write credential ever reaches the disk), the targets as
 * devices of that store, the write credential in its vault, a task with schedule "now", its
 * execution waited for with progress on stderr. Every call goes through the contract as the
 * built-in administrator on host "cli", so changes are in the system log. Ctrl+C cancels.
 */

export type ExecutionDetail = Awaited<ReturnType<AppApi['tasks']['getExecution']>>;

/** A target as typed and where it is. */
export interface JobTarget {
  label: string;
  host: string;
  port: number;
}

/** A target as a device of the store, or why it is none (it could not be read). */
export interface ResolvedTarget {
  label: string;
  deviceId: number | null;
  error: string | null;
  /** The device profile that reads (and writes) it; null when none matched. */
  profile: string | null;
}

const FINAL_STATES: readonly ExecutionState[] = ['succeeded', 'partly-failed', 'failed', 'cancelled'];
/** After a cancel, how long the execution may take to wind down. */
const CANCEL_GRACE_MS = 30_000;
const POLL_MS = 200;

export class DeviceJob {
  private interrupted = false;
  private executionId: number | null = null;
  /** Devices whose write credential was stored for this run only (--data without --save-credentials). */
  private temporaryCredentialFor: number[] = [];
  private readonly onSigint = (): void => {
    if (this.interrupted) {
      this.io.err('Stopped.');
      process.exit(EXIT.someFailed);
    }
    this.interrupted = true;
    this.io.err('Cancelling… (Ctrl+C again stops at once)');
    if (this.executionId !== null) void this.api.tasks.cancel({ executionId: this.executionId }).catch(() => undefined);
  };

  private constructor(
    readonly core: Core,
    readonly api: AppApi,
    /** True with --data: the store outlives the run. */
    readonly stored: boolean,
    private readonly io: CommandIo,
  ) {
    process.on('SIGINT', this.onSigint);
  }

  /**
   * Opens the core. `read`: how devices without a credential of their own are read in this run
   * (the command's SNMP read options). With `dataDir` the folder is created when missing, as
   * `poll --data` does; a store that cannot be opened is exit 65.
   */
  static async open(options: { dataDir: string | undefined; read: SnmpSettings; io: CommandIo }): Promise<DeviceJob> {
    let databaseFile = ':memory:';
    if (options.dataDir !== undefined) databaseFile = prepareDataDir(options.dataDir);
    const resources = resourcesDir();
    const core = await createCore({ databaseFile, resourcesDir: resources, version: appVersion(resources), snmp: options.read, log: (line) => options.io.err(line) }).catch((error: unknown) => {
      throw new CliError(`cannot open the console's data in ${options.dataDir ?? 'memory'}: ${describe(error)}`, EXIT.dataError);
    });
    const context = internalContext('cli', core.auth.localAdministrator());
    const api = createApiClient(appContract, createInProcessTransport(core.router, core.events, context));
    return new DeviceJob(core, api, options.dataDir !== undefined, options.io);
  }

  /**
   * Each target as a device: a stored device at that address and port is used as it is; any
   * other is added and read first. One that cannot be read gets its error and is not kept.
   */
  async resolve(targets: readonly JobTarget[]): Promise<ResolvedTarget[]> {
    const added = await Promise.all(targets.map((t) => this.call(this.api.devices.add({ address: addressText(t.host, t.port) }))));
    const created = [...new Set(added.filter((a) => a.created).map((a) => a.id))];
    const errors = new Map<number, string>();
    if (created.length > 0) {
      const { results } = await this.call(this.api.devices.refresh({ ids: created }));
      for (const r of results) if (!r.ok) errors.set(r.id, r.error?.message ?? 'the device could not be read');
      // A target that does not answer is not left behind in the console's list.
      if (errors.size > 0) await this.call(this.api.devices.remove({ ids: [...errors.keys()] }));
    }
    this.checkInterrupted();
    // Reading a new target can show it is a stored device that moved (same serial and MAC):
    // the store then keeps that device's row at the new address, so look the target up again.
    const { devices } = await this.call(this.api.devices.list({}));
    const byId = new Map(devices.map((d) => [d.id, d]));
    const byAddress = new Map(devices.map((d) => [addressText(d.address.toLowerCase(), d.port), d]));
    return targets.map((t, i) => {
      const id = added[i]?.id;
      if (id === undefined) return { label: t.label, deviceId: null, error: 'not added', profile: null };
      const error = errors.get(id);
      if (error !== undefined) return { label: t.label, deviceId: null, error, profile: null };
      const device = byId.get(id) ?? byAddress.get(addressText(t.host.toLowerCase(), t.port));
      if (!device) return { label: t.label, deviceId: null, error: 'the device is no longer in the store (removed meanwhile?)', profile: null };
      return { label: t.label, deviceId: device.id, error: null, profile: device.profileId };
    });
  }

  /**
   * Puts the write credential given on the command line in the vault for these devices. In
   * memory it is simply stored. With --data it replaces the stored one only with `save`;
   * otherwise it is stored for this run and cleared again by close() — which would lose a
   * credential a device already has of its own, so that case is refused (exit 2).
   */
  async useWriteCredential(deviceIds: readonly number[], credential: Credential, save: boolean): Promise<void> {
    const ids = [...new Set(deviceIds)];
    if (ids.length === 0) return;
    if (this.stored && !save) {
      const { devices } = await this.call(this.api.credentials.get({ deviceIds: ids }));
      const own = devices.filter((d) => d.snmpWrite.source?.kind === 'device');
      if (own.length > 0) {
        const { devices: rows } = await this.call(this.api.devices.list({ ids: own.map((d) => d.deviceId) }));
        const names = rows.map((d) => `${d.address}:${d.port}`).join(', ');
        throw new CliError(`${names}: a write credential of ${own.length === 1 ? 'its' : 'their'} own is stored in the vault of --data; leave out the --write-* options to use it, or add --save-credentials to replace it`);
      }
      this.temporaryCredentialFor = ids;
    }
    await this.call(this.api.credentials.setForDevices({ deviceIds: ids, snmpWrite: credential }));
  }

  /** Says on stderr which targets have no write credential in the vault (their own or a group default): the run will not reach them. */
  async noteMissingCredentials(targets: readonly ResolvedTarget[]): Promise<void> {
    const ids = [...new Set(targets.flatMap((t) => (t.deviceId === null ? [] : [t.deviceId])))];
    if (ids.length === 0) return;
    const { devices } = await this.call(this.api.credentials.get({ deviceIds: ids }));
    const set = new Set(devices.filter((d) => d.snmpWrite.set).map((d) => d.deviceId));
    const missing = targets.filter((t) => t.deviceId !== null && !set.has(t.deviceId)).map((t) => t.label);
    if (missing.length > 0) this.io.err(`No write credential in the vault for ${missing.join(', ')}: give --write-community or --write-v3-user (with --save-credentials to keep it).`);
  }

  /**
   * Creates the task (schedule "now") over the devices, waits for its execution (progress on
   * stderr unless `quiet`) and returns it with its per-device results. `limitMs` bounds the
   * wait: then the execution is cancelled. Ctrl+C cancels it too; the results so far are
   * returned and `interrupted` says so.
   */
  async run(request: { type: string; name: string; params: unknown; deviceIds: readonly number[]; quiet: boolean; what: string; limitMs: number }): Promise<ExecutionDetail> {
    this.checkInterrupted();
    const task = await this.call(
      this.api.tasks.create({ name: request.name, type: request.type, targets: { deviceIds: [...new Set(request.deviceIds)], groupIds: [] }, params: request.params, schedule: { kind: 'now' } }),
    );
    const executionId = task.lastExecution?.id ?? (await this.api.tasks.listExecutions({ taskId: task.id, limit: 1 })).executions[0]?.id;
    if (executionId === undefined) throw new Error(`task ${task.id} has no execution`);
    this.executionId = executionId;
    if (this.interrupted) await this.api.tasks.cancel({ executionId });
    const count = new Set(request.deviceIds).size;
    if (!request.quiet) this.io.err(`${request.what}: ${count} device${count === 1 ? '' : 's'}, task ${task.id}, execution ${executionId}`);
    let lastLine = 0;
    const stopProgress = this.core.events.subscribe((name, payload) => {
      if (request.quiet || name !== 'task.progress') return;
      const progress = payload as TaskProgress;
      if (progress.executionId !== executionId) return;
      const final = FINAL_STATES.includes(progress.state);
      // One line a second is enough for a terminal; the last one always shows.
      if (!final && Date.now() - lastLine < 1000) return;
      lastLine = Date.now();
      this.io.err(`${request.what}: ${progress.state}, ${progress.done}/${progress.total} devices done`);
    });
    try {
      await this.waitForEnd(task.id, executionId, request.limitMs);
    } finally {
      stopProgress();
    }
    return this.api.tasks.getExecution({ executionId });
  }

  /** Ctrl+C was pressed during the run. */
  get wasInterrupted(): boolean {
    return this.interrupted;
  }

  /** Clears a credential stored for this run only, stops listening for Ctrl+C, closes the core. */
  async close(): Promise<void> {
    try {
      if (this.temporaryCredentialFor.length > 0) {
        await this.api.credentials.setForDevices({ deviceIds: this.temporaryCredentialFor, snmpWrite: null }).catch((error: unknown) => {
          this.io.err(`the write credential given for this run could not be removed from the vault again: ${describe(error)}`);
        });
      }
    } finally {
      process.off('SIGINT', this.onSigint);
      await this.core.dispose();
    }
  }

  private async waitForEnd(taskId: number, executionId: number, limitMs: number): Promise<void> {
    const started = Date.now();
    let deadline = started + limitMs;
    let cancelled = false;
    // Bounded: by limitMs, then by the grace a cancelled execution has to end.
    for (let round = 0; round < Math.ceil((limitMs + CANCEL_GRACE_MS) / POLL_MS) + 1; round++) {
      const [latest] = (await this.api.tasks.listExecutions({ taskId, limit: 1 })).executions;
      if (latest && latest.id === executionId && FINAL_STATES.includes(latest.state)) return;
      if (!cancelled && (this.interrupted || Date.now() > deadline)) {
        if (!this.interrupted) this.io.err(`the run did not end within ${Math.round(limitMs / 1000)} s: cancelling it`);
        cancelled = true;
        deadline = Date.now() + CANCEL_GRACE_MS;
        await this.api.tasks.cancel({ executionId }).catch(() => undefined);
      } else if (cancelled && Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`execution ${executionId} did not end after it was cancelled`);
  }

  private checkInterrupted(): void {
    // Before the task exists nothing was done to the devices: stop with exit 1.
    if (this.interrupted) throw new CliError('cancelled (Ctrl+C) before the devices were worked on', EXIT.someFailed);
  }

  /** A contract call; a refused argument is exit 2, what the data does not allow exit 65. */
  private async call<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      throw asCliError(error);
    }
  }
}

/** The read options without the port (each target has its own): how this run reads devices that have no credential of their own. */
export function readSettingsOf(template: Omit<SnmpTarget, 'host'>): SnmpSettings {
  const { port: _port, ...settings } = template;
  return settings;
}

/** The longest a device profile may let a device take to come back after a reboot (its schema's limit): what a run's budget allows when no --within is given. */
export const LONGEST_REBOOT_S = 1800;

/** Devices a settings task works on at once (the executors' default). */
const DEVICES_AT_ONCE = 32;

/**
 * How long a run may take before it is cancelled: per wave of devices worked on at once, a
 * minute or a dozen full SNMP timeouts (whichever is longer), plus `extraSeconds` each (a
 * reboot's wait); a minute on top.
 */
export function runBudgetMs(devices: number, template: { timeoutMs?: number; retries?: number }, extraSeconds = 0): number {
  const perRequest = (template.timeoutMs ?? 2000) * ((template.retries ?? 1) + 1);
  const perDevice = Math.max(60_000, 12 * perRequest) + extraSeconds * 1000;
  return 60_000 + Math.ceil(devices / DEVICES_AT_ONCE) * perDevice;
}

/** "host:port", with brackets around an IPv6 address. */
export function addressText(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** A task name for the list: what was done and to which targets (at most 120 characters). */
export function taskName(what: string, labels: readonly string[]): string {
  const name = `${what} (command line): ${labels.join(', ')}`;
  return name.length <= 120 ? name : `${name.slice(0, 119)}…`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
