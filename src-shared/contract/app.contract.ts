import { z } from 'zod';
import { view, type MethodAccess } from '../auth/access';
import { deviceStateSchema } from '../domain/device.schemas';
import type { ContractApi, ContractImpl } from '../rpc/contract-builder';
import { accountsContract } from './accounts.contract';
import { auditContract } from './audit.contract';
import { authContract } from './auth.contract';
import { credentialsContract } from './credentials.contract';
import { devicesContract } from './devices.contract';
import { discoveryContract, discoveryProgressSchema, discoveryResultSchema } from './discovery.contract';
import { groupsContract } from './groups.contract';
import { mailContract } from './mail.contract';
import { pluginsContract } from './plugins.contract';
import { alertEventSchema, monitoringContract } from './monitoring.contract';
import { settingsContract } from './settings.contract';
import { systemContract } from './system.contract';
import { taskProgressSchema, tasksContract } from './tasks.contract';

/** The whole contract between the core and every client; wire names are "service.method". */
export const appContract = {
  accounts: accountsContract,
  audit: auditContract,
  auth: authContract,
  credentials: credentialsContract,
  devices: devicesContract,
  discovery: discoveryContract,
  groups: groupsContract,
  mail: mailContract,
  monitoring: monitoringContract,
  plugins: pluginsContract,
  settings: settingsContract,
  system: systemContract,
  tasks: tasksContract,
};
export type AppContract = typeof appContract;
export type AppApi = ContractApi<AppContract>;
export type AppImpl = ContractImpl<AppContract>;

/** Pushed events, one schema each. */
export const appEvents = {
  /** Devices were added, read, changed or removed: clients refetch what they show. */
  'devices.changed': z.object({ ids: z.array(z.number().int()), removed: z.array(z.number().int()) }),
  /** A device's state changed (ok → error …): the tray and notifications follow it. */
  'device.status': z.object({ id: z.number().int(), name: z.string(), state: deviceStateSchema, previous: deviceStateSchema.nullable(), message: z.string() }),
  /** Groups or saved filters changed. */
  'groups.changed': z.object({}),
  /** A poll round is under way or finished. */
  'poll.progress': z.object({ done: z.number().int(), total: z.number().int(), finished: z.boolean() }),
  /** A search is under way or finished (throttled: a few per second). */
  'discovery.progress': discoveryProgressSchema,
  /** A search found, updated, skipped or lost a device (as it happens). */
  'discovery.found': z.object({ runId: z.number().int().positive(), result: discoveryResultSchema }),
  /** Electron only: the user clicked a device's desktop notification; the renderer opens that device. */
  'shell.openDevice': z.object({ id: z.number().int().positive() }),
  /** Tasks were created, changed, deleted, or their next run or last execution changed: clients refetch them. */
  'tasks.changed': z.object({ ids: z.array(z.number().int()) }),
  /** An execution was queued, started, progressed (throttled) or finished. */
  'task.progress': taskProgressSchema,
  /** Outbox entries were added, attempted, sent, failed or removed (ids; empty = refetch all). */
  'mail.changed': z.object({ ids: z.array(z.number().int()) }),
  /** A monitoring condition logged an alert (raised, cleared or changed; after its hold-down): desktop notification and the alert log. */
  'alert.raised': alertEventSchema,
  /** Monitoring settings or conditions changed (from whichever console): clients refetch them. */
  'monitoring.changed': z.object({}),
  /** Users, user groups, tokens or account settings changed: account pages refetch, and each console its own user. */
  'accounts.changed': z.object({}),
  /** Entries were added to the system log (throttled): an open system log refetches. */
  'audit.appended': z.object({}),
  /** A plug-in was enabled or disabled: menus and the plug-in list refetch. */
  'plugins.changed': z.object({}),
  /** A plug-in's data changed (its topic, e.g. "books"; ids when it has them): its open views refetch. Sent only to users who may view `function`. */
  'plugin.data': z.object({ plugin: z.string(), topic: z.string(), function: z.string(), ids: z.array(z.number().int()) }),
};
/** Who receives each pushed event: a client gets only what it may view. */
export const appEventAccess: { readonly [K in keyof typeof appEvents]: MethodAccess } = {
  'devices.changed': view('deviceList'),
  'device.status': view('deviceList'),
  'groups.changed': view('deviceList'),
  'poll.progress': view('deviceList'),
  'discovery.progress': view('deviceSearch'),
  'discovery.found': view('deviceSearch'),
  'shell.openDevice': view('deviceList'),
  'tasks.changed': view('tasks'),
  'task.progress': view('tasks'),
  'mail.changed': view('monitoring'),
  'alert.raised': view('monitoring'),
  'monitoring.changed': view('monitoring'),
  'accounts.changed': { kind: 'signed-in' },
  'audit.appended': view('systemLog'),
  'plugins.changed': { kind: 'signed-in' },
  'plugin.data': { kind: 'signed-in' },
};

/** Who may receive one pushed event: the event's access, narrowed by a plug-in event's own function. */
export function eventAccess(name: AppEventName, payload: unknown): MethodAccess {
  if (name === 'plugin.data') {
    const fn = (payload as { function?: unknown } | null)?.function;
    return typeof fn === 'string' && fn !== '' ? view(fn) : { kind: 'function', function: '', level: 'change' };
  }
  return appEventAccess[name];
}

export type AppEvents = { [K in keyof typeof appEvents]: z.infer<(typeof appEvents)[K]> };
export type AppEventName = keyof AppEvents;
