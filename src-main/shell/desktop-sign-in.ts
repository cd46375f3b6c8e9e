import { internalContext } from '../../src-shared/auth/call-context';
import type { AppEventName, AppEvents } from '../../src-shared/contract/app.contract';
import type { Router } from '../../src-shared/rpc/router';
import type { AuthService } from '../core/auth/auth.service';

/** What the desktop's sign-in policy needs of the core. */
export interface DesktopSignInCore {
  router: Router;
  auth: Pick<AuthService, 'desktopSignInRequired' | 'administratorNeedsPassword' | 'setOneTimeAdministratorPassword' | 'localAdministrator'>;
  events: { subscribe(listener: (name: AppEventName, payload: AppEvents[AppEventName]) => void): () => void };
}

/** Shows the built-in administrator's one-time password once (a native dialog). */
export type ShowOneTimePassword = (userName: string, password: string) => Promise<void> | void;

export interface DesktopSignInOptions {
  core: DesktopSignInCore;
  /** Portable mode: the first start (new data) turns "require sign-in" on. */
  portable: boolean;
  show: ShowOneTimePassword;
  log: (message: string) => void;
}

export interface DesktopSignIn {
  /** Stops watching the setting. */
  dispose(): void;
}

/**
 * The desktop's sign-in policy, applied before the window opens:
 *
 * 1. Portable mode, first start (the built-in administrator has no password yet, so these data
 *    are new): the account setting "desktop requires sign-in" is turned on, through the router
 *    as the system on the desktop host (so the system log records it). A help-desk PC shared by
 *    operators asks everyone who they are. Installed mode leaves it off: the local user is the
 *    administrator.
 * 2. Whenever sign-in is required and the built-in administrator has no password (the first
 *    portable start, or an administrator turned the setting on without giving it one), nobody
 *    could sign in: it gets a random one-time password, shown once in a native dialog; the
 *    first sign-in with it must choose a new one. The same check runs again on every
 *    `accounts.changed` (the setting turned on while Printdeck runs).
 *
 * Failures are logged, never thrown: the window then shows the sign-in screen and the
 * administrator can be given a password another way.
 */
export async function applyDesktopSignInPolicy(options: DesktopSignInOptions): Promise<DesktopSignIn> {
  const { core, log } = options;
  if (options.portable && core.auth.administratorNeedsPassword() && !core.auth.desktopSignInRequired()) {
    const reply = await core.router.handle('accounts.updateSettings', { desktopRequireSignIn: true }, internalContext('desktop'));
    if (reply.ok) log('portable mode, first start: the desktop now requires sign-in');
    else log(`portable mode, first start: could not turn on "require sign-in": ${reply.error.message}`);
  }

  let checking: Promise<void> | null = null;
  let disposed = false;
  const check = async (): Promise<void> => {
    if (disposed || !core.auth.desktopSignInRequired() || !core.auth.administratorNeedsPassword()) return;
    const password = await core.auth.setOneTimeAdministratorPassword();
    const { userName } = core.auth.localAdministrator();
    log(`sign-in is required and the administrator "${userName}" had no password: a one-time password was set and shown`);
    await options.show(userName, password);
  };
  const checkOnce = (): Promise<void> =>
    (checking ??= check()
      .catch((error: unknown) => log(`giving the administrator a one-time password failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        checking = null;
      }));

  await checkOnce();
  const unsubscribe = core.events.subscribe((name) => {
    if (name === 'accounts.changed') void checkOnce();
  });
  return {
    dispose() {
      disposed = true;
      unsubscribe();
    },
  };
}
