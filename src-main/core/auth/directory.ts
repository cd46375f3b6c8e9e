/**
 * Directory sign-in (LDAP simple bind against Active Directory or OpenLDAP): the port the auth
 * service signs directory users in through. The adapter (ldapts) lives in ldap-directory.ts.
 */

/** What a successful directory sign-in tells about the user. */
export interface DirectoryUser {
  /** The name the user typed, as the directory spells it. */
  userName: string;
  displayName: string;
  /** The user's groups as the directory names them (DNs from memberOf, or group names). */
  groups: string[];
}

export type DirectoryResult =
  | { ok: true; user: DirectoryUser }
  /** `reason` is for the audit log and the administrator's "test connection", never for the person signing in. */
  | { ok: false; reason: 'unknown-user' | 'wrong-password' | 'unreachable' | 'misconfigured'; message: string };

export interface DirectoryAuthenticator {
  /** Binds as the user (after a search with the service account when configured); never throws. */
  authenticate(userName: string, password: string): Promise<DirectoryResult>;
}
