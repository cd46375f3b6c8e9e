import { join } from 'node:path';
import { appContract, type AppEvents, type AppImpl } from '../../src-shared/contract/app.contract';
import { createEventHub, type EventHub } from '../../src-shared/rpc/event-hub';
import { createRouter, type Router } from '../../src-shared/rpc/router';
import { AuditLog } from './audit/audit-log';
import { AccountsService } from './auth/accounts.service';
import { AuthService } from './auth/auth.service';
import type { DirectoryAuthenticator } from './auth/directory';
import { DirectorySettingsService } from './auth/directory-settings';
import { FunctionRegistry } from './auth/function-registry';
import type { ScryptCost } from './auth/password-hash';
import { DevicesService } from './devices/devices.service';
import type { DiscoveryResolvers } from './discovery/discovery-resolvers';
import { DiscoveryService } from './discovery/discovery.service';
import { networkResolvers } from './discovery/network-resolvers';
import { createSnmpScanner } from './discovery/snmp-scan/snmp-scanner';
import { GroupsService } from './groups/groups.service';
import { DeviceReader } from './inventory/device-reader';
import { InventoryService, type SnmpSettings } from './inventory/inventory.service';
import { createMailModule } from './mail/mail-module';
import { createConsoleActivity, type CoreMetrics } from './metrics/console-activity';
import type { Outbox } from './mail/outbox';
import { systemClock, type Clock } from './monitor/clock';
import { createMonitoringModule, type MonitoringModule, type TrapHostOptions } from './monitor/monitoring-module';
import type { PollLoop } from './monitor/poll-loop';
import { loadProfiles } from './profiles/profile-loader';
import { createFileKeySecretStore, createMemorySecretStore, keyFileFor } from './secrets/file-key-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { createSnmpClient } from './snmp/create-snmp-client';
import { BUILT_IN_PLUGINS } from '../plugins/built-in';
import type { MainPlugin } from '../plugin-api/plugin-host';
import { PluginManager } from './plugins/plugin-manager';
import { AccountsRepository } from './store/accounts.repository';
import { PluginsRepository } from './store/plugins.repository';
import { CredentialsRepository } from './store/credentials.repository';
import { SettingsRepository } from './store/settings.repository';
import { acquireSettingsExecutor } from './settings/acquire-settings.executor';
import { networkAddressProbe, type AddressProbe } from './settings/address-probe';
import { CredentialsVault } from './settings/credentials-vault';
import { deliverSettingsExecutor, type SettingsExecutorDeps } from './settings/deliver-settings.executor';
import { DeviceWriter } from './settings/device-writer';
import { IpPools } from './settings/ip-pools';
import { rebootExecutor } from './settings/reboot.executor';
import { SettingsService } from './settings/settings.service';
import { writeAccessTester } from './settings/write-access-test';
import { AuditRepository } from './store/audit.repository';
import { openDatabase } from './store/database';
import { DevicesRepository } from './store/devices.repository';
import { DeviceListQueries } from './store/device-list.queries';
import { DiscoveryRunsRepository } from './store/discovery-runs.repository';
import { FleetMetricsQueries } from './store/fleet-metrics.queries';
import { GroupsRepository } from './store/groups.repository';
import { SystemService } from './system/system.service';
import { TaskExecutionsRepository } from './store/task-executions.repository';
import { TasksRepository } from './store/tasks.repository';
import { discoveryExecutor } from './tasks/discovery.executor';
import { refreshExecutor } from './tasks/refresh.executor';
import { TaskExecutorRegistry } from './tasks/task-executor';
import { TasksService } from './tasks/tasks.service';
import { runToEnd } from './tasks/run-to-end';

export interface CoreDeps {
  /** SQLite file (created when missing; its folder must exist), or ':memory:'. */
  databaseFile: string;
  /** The resources folder (holds profiles/). */
  resourcesDir: string;
  /** How every device is read; v2c "public" with the client's timeouts by default. */
  snmp?: SnmpSettings;
  /** Monitoring period; 10 minutes by default, at least 1 s. */
  pollIntervalMs?: number;
  clock?: Clock;
  /** Where the core reports what no caller sees (failed rounds, listener errors). */
  log?: (line: string) => void;
  version: string;
  /** The host runs a simulated demo fleet (system.info says so). */
  demo?: boolean;
  /** Where the demo fleet answers (addresses and port), offered to the search wizard. */
  demoSearch?: { spec: string; port: number };
  /** How searches resolve names and listen for SLP/mDNS; the network by default. */
  resolvers?: DiscoveryResolvers;
  /** Receive SNMP traps (bind address, and a port overriding the saved setting); absent: this host does not listen. */
  traps?: TrapHostOptions;
  /** Seals stored passwords; by default a key file beside the database ("<databaseFile>.key", 0600), in memory for ':memory:'. The Electron shell may pass one based on safeStorage. */
  secretStore?: SecretStore;
  /** Directory sign-in; by default the LDAP directory of the saved settings (accounts.updateDirectory), built at each sign-in. */
  directory?: () => DirectoryAuthenticator | null;
  /** scrypt cost of password hashes; unit tests lower it, everything else keeps the default. */
  passwordCost?: ScryptCost;
  /** How an IP pool checks that nothing answers on an address (default: SNMP and TCP probes). */
  addressProbe?: AddressProbe;
  /** How often settings tasks ask a rebooting or moved device whether it is back (default 1 s; tests lower it). */
  settingsPollEveryMs?: number;
  /** The plug-ins to load (the address book and driver plug-ins by default); one that fails to load is listed as failed and skipped. */
  plugins?: readonly MainPlugin[];
}

/** One Printdeck core: the contract's implementation, its events, and its lifecycle. */
export interface Core {
  api: AppImpl;
  events: EventHub<AppEvents>;
  /** The contract's router: checks every call's access against its caller and writes the audit log. Every host uses it. */
  router: Router;
  /** Who is calling: sign-in, sessions, API tokens, the built-in administrator (hosts resolve callers with it). */
  auth: AuthService;
  /** The system log (hosts record what happens outside the contract, such as refused connections). */
  audit: AuditLog;
  /** The rows of the permission matrix (plug-ins add theirs before start()). */
  functions: FunctionRegistry;
  inventory: InventoryService;
  /** Device searches: the CLI starts one and waits for its end. */
  discovery: DiscoveryService;
  /** The monitoring loop: hosts and tests can run a round now (runRound). */
  monitor: PollLoop;
  /** Monitoring as a whole: settings, alert evaluator, trap listener (tests await start() to know traps are bound). */
  monitoring: MonitoringModule;
  /** The mail outbox (the Mailer other modules send through); tests wait on idle(). */
  mailOutbox: Outbox;
  /** Saved tasks: hosts and tests register task types on tasks.registry before start(). */
  tasks: TasksService;
  /** The plug-ins loaded at start-up, their state and contributions. */
  plugins: PluginManager;
  /** What a metrics endpoint reads: the console's activity as it happens, the store's fleet queries, the poll interval. */
  metrics: CoreMetrics;
  /** Starts monitoring (the first round at once) and task schedules (missed runs first). Nothing runs before. Idempotent. */
  start(): void;
  /** Stops monitoring, waits for a round under way, closes SNMP and the database. Idempotent. */
  dispose(): Promise<void>;
}

export const DEFAULT_SNMP: SnmpSettings = { version: 'v2c', community: 'public' };

/**
 * The composition root every host uses: builds the store, SNMP client, inventory, services
 * and monitor by constructor injection. Rejects (with nothing left open) when the profiles
 * cannot be loaded (ProfileError), the database cannot be opened or migrated (StoreError),
 * or pollIntervalMs is out of range (RangeError).
 */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? (() => undefined);
  const snmpSettings = deps.snmp ?? DEFAULT_SNMP;
  const profiles = await loadProfiles(join(deps.resourcesDir, 'profiles'));
  const events = createEventHub<AppEvents>((error) => log(`event listener failed: ${describe(error)}`));
  const activity = createConsoleActivity((error) => log(`activity listener failed: ${describe(error)}`));

  const db = openDatabase(deps.databaseFile);
  const snmp = createSnmpClient();
  try {
    const now = (): number => clock.now();
    const secrets = deps.secretStore ?? (deps.databaseFile === ':memory:' ? createMemorySecretStore() : createFileKeySecretStore(keyFileFor(deps.databaseFile)));
    const accountsRepository = new AccountsRepository(db);
    const functions = new FunctionRegistry();
    const audit = new AuditLog({ audit: new AuditRepository(db), accounts: accountsRepository, events, clock, log });
    // Directory sign-in from the saved settings (LDAP, password sealed) unless the host brings its own.
    const directory = new DirectorySettingsService({ accounts: accountsRepository, secrets, clock });
    const auth = new AuthService({ accounts: accountsRepository, functions, audit, events, clock, directory: deps.directory ?? directory.authenticator, passwordCost: deps.passwordCost });
    auth.ensureAdministrator();
    const devices = new DevicesRepository(db, { now, secrets });
    const groups = new GroupsRepository(db);
    const reader = new DeviceReader({ snmp, profiles });
    const inventory = new InventoryService({ reader, devices, profiles, now, log });
    // The mail module is built below; alerts reach it only after start().
    const monitoring = createMonitoringModule({ db, devices, groups, inventory, events, clock, mailer: () => mail.outbox, snmp: snmpSettings, pollIntervalMs: deps.pollIntervalMs, traps: deps.traps, activity, log });
    const { reporter, loop: monitor } = monitoring;
    const discovery = new DiscoveryService({
      inventory,
      devices,
      runs: new DiscoveryRunsRepository(db),
      resolvers: deps.resolvers ?? networkResolvers(),
      createScanner: () => createSnmpScanner({ snmp }),
      events,
      now,
      log,
      // The wizard's search is a 'discovery' execution like a saved one (tasks is built below; this runs later).
      runAsJob: async (request, context) => {
        await tasks.run({ type: 'discovery', params: request, name: request.name ?? 'Device search', targets: { deviceIds: [], groupIds: [] }, mailTo: [] }, context);
      },
      activity,
    });
    const mail = createMailModule({ db, secrets, events, clock, log, version: deps.version, activity });
    const settingsRepository = new SettingsRepository(db);
    const writer = new DeviceWriter(snmp);
    const vault = new CredentialsVault({ repository: new CredentialsRepository(db), devices, secrets, tester: writeAccessTester(snmp, snmpSettings), now });
    const pools = new IpPools(settingsRepository, deps.addressProbe ?? networkAddressProbe(snmp, snmpSettings), now);
    const settingsDeps: SettingsExecutorDeps = { devices, profiles, vault, snmp, snmpSettings, writer, pools, inventory, events, audit, pollEveryMs: deps.settingsPollEveryMs };
    const registry = new TaskExecutorRegistry()
      .register(refreshExecutor({ devices, inventory, reporter, snmp: snmpSettings }))
      .register(discoveryExecutor({ discovery, events }))
      .register(deliverSettingsExecutor(settingsDeps))
      .register(acquireSettingsExecutor({ ...settingsDeps, settings: settingsRepository, now }))
      .register(rebootExecutor(settingsDeps));
    const plugins = new PluginManager({
      repository: new PluginsRepository(db),
      functions,
      tasks: registry,
      secrets,
      devices,
      groups,
      profiles,
      vault,
      audit,
      events,
      clock,
      log,
      // Bound late: the tasks service is built below.
      runTask: async (request, context) => tasks.run({ ...request, mailTo: [] }, context),
    });
    const tasks = new TasksService({
      tasks: new TasksRepository(db, secrets),
      executions: new TaskExecutionsRepository(db),
      devices,
      groups,
      registry,
      events,
      clock,
      mailer: mail.outbox,
      activity,
      log,
    });
    const api: AppImpl = {
      accounts: new AccountsService({ accounts: accountsRepository, auth, functions, events, clock, directory }),
      audit,
      auth,
      credentials: vault,
      devices: new DevicesService({
        devices,
        listRows: new DeviceListQueries(db),
        reporter,
        events,
        runRefresh: async (ids, context) => {
          const done = await runToEnd(tasks, events, { type: 'refresh', params: {}, name: 'Refresh devices', targets: { deviceIds: ids, groupIds: [] } }, context);
          return new Map(done.devices.flatMap((d) => (d.deviceId === null ? [] : [[d.deviceId, d.ok] as const])));
        },
      }),
      discovery,
      groups: new GroupsService({ groups, devices, events }),
      mail: mail.service,
      monitoring: monitoring.service,
      plugins,
      settings: new SettingsService({ devices, groups, profiles, vault, settings: settingsRepository, pools, snmpSettings }),
      tasks,
      system: new SystemService({ version: deps.version, demo: deps.demo ?? false, demoSearch: deps.demoSearch, devices, monitor }),
    };
    const router = createRouter(appContract, api, { onInternal: (error, method) => log(`${method} failed: ${describe(error)}`), onRecord: audit.recordCall });
    // Plug-ins register last: their services mount on the router, their task kinds join the registry before start().
    plugins.load(deps.plugins ?? BUILT_IN_PLUGINS, router);
    let disposed: Promise<void> | null = null;
    return {
      api,
      events,
      router,
      auth,
      audit,
      functions,
      inventory,
      discovery,
      monitor,
      monitoring,
      mailOutbox: mail.outbox,
      tasks,
      plugins,
      metrics: { activity, fleet: new FleetMetricsQueries(db), monitor, version: deps.version },
      start: () => {
        audit.start();
        mail.outbox.start();
        void monitoring.start();
        tasks.start();
      },
      // Reverse order of construction: the loop (and its round) first, then SNMP, then the store.
      dispose: () =>
        (disposed ??= (async () => {
          await tasks.dispose();
          await discovery.dispose();
          await monitoring.dispose();
          await mail.outbox.dispose();
          audit.dispose();
          await snmp.close();
          db.close();
        })()),
    };
  } catch (error) {
    await snmp.close();
    db.close();
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
