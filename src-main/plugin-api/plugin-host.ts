import type BetterSqlite3 from 'better-sqlite3';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller, FunctionId, MethodAccess } from '../../src-shared/auth/access';
import type { CallContext, ContractImpl, ContractSpec } from '../../src-shared/rpc/contract-builder';
import type { TaskTargets } from '../../src-shared/contract/tasks.contract';
import type { PluginManifest } from '../../src-shared/plugins/plugin-manifest';
import type { SecretStore } from '../core/secrets/secret-store';
import type { PluginMigration } from '../core/store/plugins.repository';
import type { TaskContext, TaskExecutor } from '../core/tasks/task-executor';

/**
 * The plug-in interface (ARCHITECTURE.md, "Plug-ins"; issue 11). A plug-in imports only this
 * folder and src-shared (lint enforces it): the address book and driver plug-ins in this repo
 * are built exactly as an outside one would be.
 */
export type { PluginMigration, SecretStore, TaskContext, TaskExecutor };
export type PluginDatabase = BetterSqlite3.Database;

/** A device as a plug-in sees it: where it is, what it is, its data for this plug-in from its profile, and the administrator login from the vault. */
export interface PluginDevice {
  id: number;
  /** Its name, else sysName, else address:port. */
  label: string;
  address: string;
  /** Its SNMP port (simulated fleets use other ports than 161). */
  port: number;
  vendor: string | null;
  model: string | null;
  /** Where it stands (sysLocation as last read), or null. */
  location: string | null;
  profileId: string | null;
  /** `plugins.<plugin id>` of the device's profile (unchecked: the plug-in parses it), or null. */
  profileData: Readonly<Record<string, unknown>> | null;
  /** The device administrator from the credentials vault (its own, else its group's), opened; null when none is stored. */
  login: { user: string; password: string } | null;
}

/** What the console resolved of an HTTP request before a plug-in's route handles it. */
export interface PluginHttpContext {
  /** The signed-in user or API token's user; null on a public route without one. */
  caller: Caller | null;
  /** The path below the route's own ("" for the route itself, "/x/y" below it). */
  subpath: string;
  url: URL;
  /** The console's security headers (CSP, no-sniff, frame denial …) to send with every answer. */
  headers: Readonly<Record<string, string>>;
}

/**
 * An HTTP path of a plug-in's own, served by the console at "/plugins/<id>/<path>" and below:
 * a page for people who are not console operators (the drivers' pull page), or an endpoint
 * for a program of the plug-in's (its agents). Only served while the plug-in is enabled.
 */
export interface PluginHttpRoute {
  /** One segment of lower-case letters, digits and dashes ("pull", "agent"). */
  path: string;
  /**
   * Who may open it: a function and level, checked by the console before `handle` (a session
   * cookie or an API token; a browser without a session is sent to sign in and back), or
   * PUBLIC: the plug-in authenticates the request itself (an agent's own key).
   */
  access: MethodAccess;
  /** Answers the request; a rejection is logged and answered 500. */
  handle(request: IncomingMessage, response: ServerResponse, context: PluginHttpContext): Promise<void>;
}

/** One entry of the system log written by a plug-in (`PluginHost.audit`). */
export interface PluginAuditEntry {
  action: string;
  caller?: Caller | null;
  userName?: string;
  address?: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  targets?: string[];
  message?: string;
}

/** What one plug-in gets at start-up to register its contributions and to work later. */
export interface PluginHost {
  readonly manifest: PluginManifest;
  /** Whether an administrator has it switched on now (its calls and tasks are refused while off; the host checks, plug-ins need not). */
  isEnabled(): boolean;
  /** Adds a row to the permission matrix; returns its id "<plugin id>.<name>". */
  addFunction(name: string, options?: { viewOnly?: boolean }): FunctionId;
  /** Adds a contract service at "<plugin id>.<name>.<method>", checked and audited like the core's. */
  addService<C extends ContractSpec>(contract: C, impl: ContractImpl<C>): void;
  /** Adds a task kind; its type must be "<plugin id>.<kind>". */
  addTaskKind(executor: TaskExecutor): void;
  /** Adds an HTTP path of the plug-in's own at "/plugins/<plugin id>/<route.path>". */
  addHttpRoute(route: PluginHttpRoute): void;
  /** Applies the plug-in's own migrations (numbered 1, 2, 3 … apart from the core's; tables named "<plugin id>_…"); returns the version reached. */
  migrate(migrations: readonly PluginMigration[]): number;
  /** The console's database (the plug-in touches only its own tables). */
  readonly db: PluginDatabase;
  /** Seals the plug-in's secrets at rest (passwords of destinations, directories, devices). */
  readonly secrets: SecretStore;
  /** The devices of `ids` that exist (missing: the others), with profile data and vault login. */
  devices(ids: readonly number[]): { devices: PluginDevice[]; missing: number[] };
  /** The devices a selection of devices and groups names now (group members resolved). */
  resolveTargets(targets: TaskTargets): number[];
  /** Starts a one-off execution of a task kind (the console's job model: progress, cancel, per-device results, history) for the caller. */
  runTask(request: { type: string; name: string; params: unknown; targets: TaskTargets }, context: CallContext): Promise<{ executionId: number; taskId: number }>;
  /** A write to a device in the system log, in the name of whoever the task runs for. */
  auditDeviceWrite(entry: { action: string; task: Pick<TaskContext, 'taskId' | 'executionId' | 'requestedBy'>; deviceId: number; address: string; ok: boolean; detail: unknown }): void;
  /**
   * An entry in the system log for what is not a contract call (those are logged by the host):
   * an agent's enrolment, a refused key. `action` starts with "<plugin id>."; `caller` when a
   * console user did it, else `userName` names who (default "anonymous"); `address` is the
   * remote address. Secrets do not belong in `message` or `targets`.
   */
  audit(entry: PluginAuditEntry): void;
  /** Tells open views that the plug-in's data changed (sent to users who may view `functionId`). */
  emitData(topic: string, functionId: FunctionId, ids?: readonly number[]): void;
  now(): number;
  log(line: string): void;
}

/** A plug-in: its manifest and what it registers at start-up (throwing there reports it as failed; the console starts without it). */
export interface MainPlugin {
  readonly manifest: PluginManifest;
  register(host: PluginHost): void;
}
