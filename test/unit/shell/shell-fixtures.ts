import type { Caller } from '../../../src-shared/auth/access';
import { emptyIdentity } from '../../../src-shared/domain/device-reading';
import { appContract, type AppEvents, type AppImpl } from '../../../src-shared/contract/app.contract';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { AppError } from '../../../src-shared/rpc/app-error';
import { createEventHub, type EventHub } from '../../../src-shared/rpc/event-hub';
import { createRouter } from '../../../src-shared/rpc/router';
import type { ShellAuth, ShellCore } from '../../../src-main/shell/shell-app';

/**
 * An AppImpl whose every method fails with 'unsupported' except those given: enough for a real
 * router in shell tests without a core.
 */
export function stubAppImpl(overrides: { [S in keyof AppImpl]?: Partial<AppImpl[S]> } = {}): AppImpl {
  const impl: Record<string, Record<string, unknown>> = {};
  for (const [service, methods] of Object.entries(appContract)) {
    const given: Record<string, unknown> = (overrides as Record<string, Record<string, unknown> | undefined>)[service] ?? {};
    impl[service] = Object.fromEntries(
      Object.keys(methods).map((name) => [
        name,
        given[name] ??
          (() => {
            throw new AppError('unsupported', `${service}.${name} is not stubbed`);
          }),
      ]),
    );
  }
  return impl as unknown as AppImpl;
}

export function anEventHub(): EventHub<AppEvents> {
  return createEventHub<AppEvents>((error) => {
    throw error;
  });
}

export const LOCAL_ADMIN: Caller = { userId: 1, userName: 'admin', displayName: 'Administrator', administrator: true, permissions: {} };

/** The core's AuthService as far as the shell uses it: the setting, the administrator's password, no sessions. */
export class FakeShellAuth implements ShellAuth {
  required = false;
  /** The built-in administrator's password (null: none yet, a new database). */
  adminPassword: string | null = null;
  readonly ended: string[] = [];

  localAdministrator(): Caller {
    return LOCAL_ADMIN;
  }
  desktopSignInRequired(): boolean {
    return this.required;
  }
  administratorNeedsPassword(): boolean {
    return this.adminPassword === null;
  }
  setOneTimeAdministratorPassword(): Promise<string> {
    this.adminPassword = `one-time-${Math.random().toString(36).slice(2, 10)}`;
    return Promise.resolve(this.adminPassword);
  }
  resolveSession(): null {
    return null;
  }
  endSessionByToken(token: string): void {
    this.ended.push(token);
  }
  onSessionsEnded(): () => void {
    return () => undefined;
  }
}

/**
 * A core for shell tests: a real router over stubbed services (devices.list and system.info
 * answer; accounts.updateSettings changes the fake's "require sign-in"), events, and a
 * record of start/dispose.
 */
export function aShellCore(options: { auth?: FakeShellAuth; dispose?: () => Promise<void>; overrides?: Parameters<typeof stubAppImpl>[0] } = {}) {
  const calls: string[] = [];
  const auth = options.auth ?? new FakeShellAuth();
  const api = stubAppImpl({
    devices: { list: () => ({ devices: [] }) },
    system: { info: () => ({ version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: 0, demoSearch: null }) },
    accounts: {
      updateSettings: ({ desktopRequireSignIn }, context) => {
        calls.push(`accounts.updateSettings by ${context.caller?.userName ?? 'nobody'} on ${context.host}`);
        if (desktopRequireSignIn !== undefined) auth.required = desktopRequireSignIn;
        return { minPasswordLength: 8, lockoutAttempts: 5, lockoutMinutes: 15, idleMinutes: 30, desktopRequireSignIn: auth.required };
      },
    },
    ...options.overrides,
  });
  const core: ShellCore = {
    api,
    events: anEventHub(),
    router: createRouter(appContract, api),
    auth,
    start: () => void calls.push('start'),
    dispose: () => {
      calls.push('dispose');
      return (options.dispose ?? (() => Promise.resolve()))();
    },
  };
  return { core, calls, auth };
}

let nextId = 1;

/** A device list row; `state` as the list reports it (read successfully, no error). */
export function aDevice(fields: Partial<DeviceSummary> = {}): DeviceSummary {
  const id = fields.id ?? nextId++;
  return {
    id,
    name: `printer-${id}`,
    address: `127.51.0.${id}`,
    port: 161,
    source: 'added',
    identity: emptyIdentity(),
    state: 'ok',
    message: 'Ready',
    conditions: [],
    supplies: [],
    totalPages: null,
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_060_000,
    lastAttempt: 1_700_000_060_000,
    lastError: null,
    profileId: null,
    missedPolls: 0,
    missingSince: null,
    identityConflict: null,
    ...fields,
  };
}
