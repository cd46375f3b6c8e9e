import { z } from 'zod';
import { ACCESS_LEVELS, PUBLIC, SIGNED_IN } from '../auth/access';
import { method } from '../rpc/contract-builder';

/** What a user may do, as the renderer needs it to show only what is allowed. */
export const permissionsSchema = z.record(z.string(), z.enum(ACCESS_LEVELS));

/** The signed-in user of a connection. */
export const sessionUserSchema = z.object({
  /** 0 for the console itself (in-process calls of hosts and tests). */
  id: z.number().int().nonnegative(),
  name: z.string(),
  displayName: z.string(),
  /** Member of the built-in Administrator group: every function at "change". */
  administrator: z.boolean(),
  /** The union of the user's groups; absent functions are "none". */
  permissions: permissionsSchema,
  /** Signed in with a one-time or reset password: the console asks for a new one first. */
  mustChangePassword: z.boolean(),
  source: z.enum(['local', 'directory']),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const CALL_HOSTS = ['desktop', 'web', 'cli', 'api-token', 'in-process'] as const;

const userName = z.string().trim().min(1).max(200);
const password = z.string().min(1).max(1024);

/** Who is signed in, signing in and out, and one's own password. */
export const authContract = {
  me: method(
    z.object({}),
    z.object({ user: sessionUserSchema.nullable(), host: z.enum(CALL_HOSTS), signInRequired: z.boolean() }),
    'The signed-in user of this connection (null: nobody) and the host; never fails.',
    PUBLIC,
  ),
  signIn: method(
    z.object({ userName, password }),
    z.object({ user: sessionUserSchema }),
    "Signs in on a host that keeps sessions itself (the desktop window); 'unauthorized' with one message whatever the reason (wrong name or password, locked, disabled); 'unsupported' in a browser, where the sign-in page does it.",
    PUBLIC,
  ),
  signOut: method(z.object({}), z.object({}), 'Ends the session of this connection; the console shows the sign-in screen.', SIGNED_IN),
  changePassword: method(
    z.object({ current: password, next: password }),
    z.object({}),
    "Changes the caller's own password; the user's other sessions end. 'unauthorized' when the current one is wrong, 'invalid-argument' when the new one is too short or equals the old one, 'unsupported' for a directory user.",
    SIGNED_IN,
  ),
};
