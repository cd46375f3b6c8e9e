import type { FunctionId } from '../../../src-shared/auth/access';
import type { AppEvents } from '../../../src-shared/contract/app.contract';
import type { pluginsContract } from '../../../src-shared/contract/plugins.contract';
import type { TaskTargets } from '../../../src-shared/contract/tasks.contract';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { PLUGIN_API_VERSION, pluginDisabledMessage, pluginManifestSchema, type PluginInfo, type PluginManifest } from '../../../src-shared/plugins/plugin-manifest';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { CallContext, ContractImpl, ContractSpec, ServiceImpl } from '../../../src-shared/rpc/contract-builder';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { MountableRouter } from '../../../src-shared/rpc/router';
import type { MainPlugin, PluginDevice, PluginHost, PluginHttpRoute } from '../../plugin-api/plugin-host';
import type { AuditLog } from '../audit/audit-log';
import type { FunctionRegistry } from '../auth/function-registry';
import type { Clock } from '../monitor/clock';
import type { SecretStore } from '../secrets/secret-store';
import type { CredentialsVault } from '../settings/credentials-vault';
import type { DevicesRepository } from '../store/devices.repository';
import type { GroupsRepository } from '../store/groups.repository';
import type { PluginsRepository } from '../store/plugins.repository';
import type { TaskExecutor, TaskExecutorRegistry } from '../tasks/task-executor';
import { resolveTargets } from '../tasks/target-resolver';

type PluginsImpl = ServiceImpl<typeof pluginsContract>;

export interface PluginManagerDeps {
  repository: PluginsRepository;
  functions: FunctionRegistry;
  tasks: TaskExecutorRegistry;
  secrets: SecretStore;
  devices: DevicesRepository;
  groups: GroupsRepository;
  profiles: readonly DeviceProfile[];
  vault: CredentialsVault;
  audit: AuditLog;
  events: EventHub<AppEvents>;
  clock: Clock;
  log: (line: string) => void;
  /** Starts a one-off execution (TasksService.run; bound late: the tasks service is built after the plug-ins registered their kinds). */
  runTask: (request: { type: string; name: string; params: unknown; targets: TaskTargets }, context: CallContext) => Promise<{ executionId: number; taskId: number }>;
}

/** A plug-in's HTTP route that a request path names (PluginManager.httpRoute). */
export interface PluginRouteMatch {
  route: PluginHttpRoute;
  plugin: { id: string; name: string; enabled: boolean };
  /** The path below the route ("" or "/…"). */
  subpath: string;
}

/** Where plug-ins' HTTP routes live: "/plugins/<id>/<path>". */
export const PLUGIN_HTTP_PREFIX = '/plugins/';
const ROUTE_PATH = /^[a-z0-9][a-z0-9-]{0,40}$/;

type Staged = { functions: { id: FunctionId; viewOnly: boolean }[]; services: { contract: ContractSpec; impl: unknown }[]; kinds: TaskExecutor[]; routes: PluginHttpRoute[] };

interface Loaded {
  manifest: PluginManifest;
  state: 'loaded' | 'failed';
  error: string | null;
  functions: string[];
  taskKinds: string[];
  services: string[];
  schemaVersion: number;
}

/**
 * Loads the plug-ins at start-up and keeps their state (issue 11). Each plug-in registers into
 * a staging host; only when its `register` returned are its functions, services and task kinds
 * added, so a plug-in that throws leaves nothing behind and is listed as failed. Enabling and
 * disabling takes effect at once: calls and task runs ask the state each time; data stays.
 */
export class PluginManager implements PluginsImpl {
  private readonly loaded: Loaded[] = [];
  private readonly routes = new Map<string, { route: PluginHttpRoute; pluginId: string }>();
  private disabled: Set<string>;

  constructor(private readonly deps: PluginManagerDeps) {
    this.disabled = deps.repository.disabled();
    deps.functions.setPluginFilter((plugin) => this.isEnabled(plugin));
  }

  /** Registers each plug-in, its services on `router`; a failure is logged and the plug-in skipped. */
  load(plugins: readonly MainPlugin[], router: MountableRouter): void {
    for (const plugin of plugins) this.loadOne(plugin, router);
  }

  isEnabled(id: string): boolean {
    return this.loaded.some((p) => p.manifest.id === id && p.state === 'loaded') && !this.disabled.has(id);
  }

  /** The plug-in route a request path names ("/plugins/<id>/<path>[/…]"), enabled or not; null for other paths. */
  httpRoute(pathname: string): PluginRouteMatch | null {
    if (!pathname.startsWith(PLUGIN_HTTP_PREFIX)) return null;
    const [pluginId = '', path = '', ...rest] = pathname.slice(PLUGIN_HTTP_PREFIX.length).split('/');
    const found = this.routes.get(`${pluginId}/${path}`);
    const plugin = this.loaded.find((p) => p.manifest.id === pluginId);
    if (!found || !plugin) return null;
    return { route: found.route, plugin: { id: pluginId, name: plugin.manifest.name, enabled: this.isEnabled(pluginId) }, subpath: rest.length > 0 ? `/${rest.join('/')}` : '' };
  }

  list: PluginsImpl['list'] = () => ({ plugins: this.loaded.map((p) => this.info(p)) });

  setEnabled: PluginsImpl['setEnabled'] = ({ id, enabled }, context) => {
    const plugin = this.loaded.find((p) => p.manifest.id === id);
    if (!plugin) throw new AppError('not-found', `no plug-in "${id}" (known: ${this.loaded.map((p) => p.manifest.id).join(', ') || 'none'})`);
    if (plugin.state === 'failed') throw new AppError('conflict', `the ${plugin.manifest.name} plug-in failed to load (${plugin.error ?? 'unknown'}); it cannot be enabled until that is fixed`);
    this.deps.repository.setEnabled(id, enabled, context.caller?.userName ?? null, this.deps.clock.now());
    this.disabled = this.deps.repository.disabled();
    this.deps.log(`plug-in ${id} ${enabled ? 'enabled' : 'disabled'} by ${context.caller?.userName ?? 'the console'}`);
    this.deps.events.emit('plugins.changed', {});
    // The permission matrix gains or loses the plug-in's rows.
    this.deps.events.emit('accounts.changed', {});
    return this.info(plugin);
  };

  private info(p: Loaded): PluginInfo {
    const { id, name, version, apiVersion, description } = p.manifest;
    const state = p.state === 'failed' ? 'failed' : this.disabled.has(id) ? 'disabled' : 'enabled';
    return { id, name, version, apiVersion, description, state, error: p.error, functions: p.functions, taskKinds: p.taskKinds, services: p.services, schemaVersion: p.schemaVersion };
  }

  private loadOne(plugin: MainPlugin, router: MountableRouter): void {
    const parsed = pluginManifestSchema.safeParse(plugin.manifest);
    const raw = plugin.manifest as Partial<PluginManifest> | undefined;
    const fallback: PluginManifest = { id: typeof raw?.id === 'string' ? raw.id : '(unnamed)', name: typeof raw?.name === 'string' ? raw.name : '(unnamed plug-in)', version: typeof raw?.version === 'string' ? raw.version : '?', apiVersion: typeof raw?.apiVersion === 'number' ? raw.apiVersion : 0, description: '' };
    const entry: Loaded = { manifest: parsed.success ? parsed.data : fallback, state: 'failed', error: null, functions: [], taskKinds: [], services: [], schemaVersion: 0 };
    this.loaded.push(entry);
    const fail = (why: string): void => {
      entry.error = why;
      this.deps.log(`plug-in ${entry.manifest.id} not loaded: ${why}`);
    };
    if (!parsed.success) return fail(`its manifest is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'manifest'}: ${i.message}`).join('; ')}`);
    const manifest = parsed.data;
    if (this.loaded.filter((p) => p.manifest.id === manifest.id).length > 1) return fail(`another plug-in has the id "${manifest.id}"`);
    if (manifest.apiVersion !== PLUGIN_API_VERSION) return fail(`it needs plug-in API version ${manifest.apiVersion}; this console offers version ${PLUGIN_API_VERSION}`);

    const staged: Staged = { functions: [], services: [], kinds: [], routes: [] };
    const host = this.hostFor(manifest, staged, entry);
    try {
      plugin.register(host);
      // Everything was checked while staging; the services mount in one step (which throws before adding any), then the rest cannot fail.
      const unavailable = (): AppError | null => (this.isEnabled(manifest.id) ? null : new AppError('unsupported', pluginDisabledMessage(manifest.name)));
      const contract = Object.assign({}, ...staged.services.map((s) => s.contract)) as ContractSpec;
      const impl = Object.assign({}, ...staged.services.map((s) => s.impl)) as ContractImpl<ContractSpec>;
      if (staged.services.length > 0) router.mount(manifest.id, contract, impl, { unavailable });
      for (const fn of staged.functions) this.deps.functions.register(manifest.id, fn.id, { viewOnly: fn.viewOnly });
      for (const route of staged.routes) this.routes.set(`${manifest.id}/${route.path}`, { route, pluginId: manifest.id });
      for (const kind of staged.kinds) this.deps.tasks.register({ ...kind, run: kind.run.bind(kind), unavailable: () => (this.isEnabled(manifest.id) ? null : pluginDisabledMessage(manifest.name)) });
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
    entry.state = 'loaded';
    entry.functions = staged.functions.map((f) => f.id);
    entry.services = staged.services.flatMap((s) => Object.keys(s.contract).map((name) => `${manifest.id}.${name}`));
    entry.taskKinds = staged.kinds.map((k) => k.type);
  }

  private hostFor(manifest: PluginManifest, staged: Staged, entry: Loaded): PluginHost {
    const { deps } = this;
    const id = manifest.id;
    return {
      manifest,
      isEnabled: () => this.isEnabled(id),
      addFunction: (name, options = {}) => {
        const fn = `${id}.${name}`;
        if (deps.functions.has(fn) || staged.functions.some((f) => f.id === fn)) throw new RangeError(`plug-in ${id}: function "${fn}" is added twice`);
        staged.functions.push({ id: fn, viewOnly: options.viewOnly ?? false });
        return fn;
      },
      addService: (contract, impl) => {
        const taken = Object.keys(contract).filter((name) => staged.services.some((s) => name in s.contract));
        if (taken.length > 0) throw new RangeError(`plug-in ${id}: service "${id}.${taken.join(`", "${id}.`)}" is added twice`);
        staged.services.push({ contract, impl });
      },
      addTaskKind: (executor) => {
        if (!executor.type.startsWith(`${id}.`)) throw new RangeError(`plug-in ${id}: task kind "${executor.type}" must be named "${id}.…"`);
        if (deps.tasks.get(executor.type) !== null || staged.kinds.some((k) => k.type === executor.type)) throw new RangeError(`plug-in ${id}: task kind "${executor.type}" is added twice`);
        staged.kinds.push(executor);
      },
      addHttpRoute: (route) => {
        if (!ROUTE_PATH.test(route.path)) throw new RangeError(`plug-in ${id}: HTTP route "${route.path}" must be one segment of lower-case letters, digits and dashes`);
        if (staged.routes.some((r) => r.path === route.path)) throw new RangeError(`plug-in ${id}: HTTP route "${PLUGIN_HTTP_PREFIX}${id}/${route.path}" is added twice`);
        staged.routes.push(route);
      },
      migrate: (migrations) => {
        entry.schemaVersion = deps.repository.migrate(id, migrations);
        return entry.schemaVersion;
      },
      db: deps.repository.database,
      secrets: deps.secrets,
      devices: (ids) => this.devicesFor(id, ids),
      resolveTargets: (targets) => resolveTargets(targets, { devices: deps.devices, groups: deps.groups }).deviceIds,
      runTask: (request, context) => deps.runTask(request, context),
      auditDeviceWrite: ({ action, task, deviceId, address, ok, detail }) =>
        deps.audit.record({
          action,
          context: { caller: null, host: 'in-process', address: null },
          userName: task.requestedBy ?? 'system',
          targets: [`device ${deviceId}`, `address ${address}`],
          outcome: ok ? 'ok' : 'failed',
          message: `task ${task.taskId}, execution ${task.executionId}`,
          detail,
        }),
      audit: ({ action, caller = null, userName, address = null, outcome, targets = [], message }) => {
        if (!action.startsWith(`${id}.`)) throw new RangeError(`plug-in ${id}: audit action "${action}" must start with "${id}."`);
        deps.audit.record({ action, context: { caller, host: address === null ? 'in-process' : 'web', address }, userName: userName ?? 'anonymous', targets, outcome, message: message ?? null });
      },
      emitData: (topic, functionId, ids = []) => deps.events.emit('plugin.data', { plugin: id, topic, function: functionId, ids: [...ids] }),
      now: () => deps.clock.now(),
      log: (line) => deps.log(`${id}: ${line}`),
    };
  }

  private devicesFor(plugin: string, ids: readonly number[]): { devices: PluginDevice[]; missing: number[] } {
    const { deps } = this;
    const wanted = new Set(ids);
    const targets = new Map(deps.devices.listPollTargets().filter((t) => wanted.has(t.id)).map((t) => [t.id, t]));
    const summaries = new Map(deps.devices.listDevicesByIds([...targets.keys()]).map((d) => [d.id, d]));
    const profiles = new Map(deps.profiles.map((p) => [p.id, p]));
    const credentials = deps.vault.forDevices([...targets.keys()]);
    const devices: PluginDevice[] = [];
    const missing: number[] = [];
    for (const id of ids) {
      const target = targets.get(id);
      const summary = summaries.get(id);
      if (!target || !summary) {
        missing.push(id);
        continue;
      }
      const profile = target.profileId === null ? null : (profiles.get(target.profileId) ?? null);
      const admin = credentials.get(id)?.admin ?? null;
      devices.push({
        id,
        label: summary.name ?? summary.identity.sysName ?? `${target.address}:${target.port}`,
        address: target.address,
        port: target.port,
        vendor: summary.identity.vendor,
        model: summary.identity.model,
        location: summary.identity.location,
        profileId: target.profileId,
        profileData: profile?.plugins?.[plugin] ?? null,
        login: admin ? { user: admin.id, password: admin.password } : null,
      });
    }
    return { devices, missing };
  }
}
