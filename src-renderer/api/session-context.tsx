import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { SessionUser } from '../../src-shared/contract/auth.contract';
import type { CallHost } from '../../src-shared/rpc/contract-builder';
import { useRendererApi } from './api-context';
import { useLiveQuery } from './live-query';
import { permissionsOf, type Can } from './permissions';

/** Who is signed in on this console, and the two things one does with oneself. */
export interface Session {
  user: SessionUser;
  host: CallHost;
  /** The host asks for a sign-in (a browser always; the desktop when the setting says so). */
  signInRequired: boolean;
  /** Fetches the user again (after a password change; 'accounts.changed' does it by itself). */
  refresh(): void;
  /** Ends the session and shows the sign-in page. Rejects when the server cannot be reached. */
  signOut(): Promise<void>;
}

/** What auth.me answers. */
export interface Me {
  user: SessionUser | null;
  host: CallHost;
  signInRequired: boolean;
}

const SessionContext = createContext<Session | null>(null);

interface SessionProviderProps {
  /** auth.me as the connection gate got it (a user, never null). */
  initial: Me & { user: SessionUser };
  /** The user is gone (signed out elsewhere, disabled, expired). */
  onEnded(): void;
  signOut(): Promise<void>;
  children: ReactNode;
}

/** Keeps the signed-in user current: refetched on 'accounts.changed' (a group's rights changed) and after a reconnect. */
export function SessionProvider({ initial, onEnded, signOut, children }: SessionProviderProps) {
  const rendererApi = useRendererApi();
  const me = useLiveQuery<Me>(rendererApi, () => rendererApi.api.auth.me({}), ['accounts.changed']);
  const current = me.data ?? initial;
  const user = current.user;
  useEffect(() => {
    if (user === null) onEnded();
  }, [user, onEnded]);
  const refresh = me.reload;
  const value = useMemo<Session | null>(
    () => (user === null ? null : { user, host: current.host, signInRequired: current.signInRequired, refresh, signOut }),
    [user, current.host, current.signInRequired, refresh, signOut],
  );
  if (value === null) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in user; throws outside SessionProvider (a wiring bug). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/** What the signed-in user may do: can('deviceManagement', 'change'). */
export function usePermissions(): Can {
  const { user } = useSession();
  return useMemo(() => permissionsOf(user), [user]);
}

/** One right, for components that need just one. */
export function useCan(...[fn, level]: Parameters<Can>): boolean {
  return usePermissions()(fn, level);
}
