import { parseCommandArgs } from './command-args';
import type { AccountUser, UserGroup } from '../../src-shared/contract/accounts.contract';
import type { AppApi } from '../../src-shared/contract/app.contract';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { asCliError, openConsoleData, type ConsoleData } from './console-data';
import { defaultDataDir, defaultDataDirText } from './data-dir';
import { processPasswordInput, readNewPassword, type PasswordInput } from './password-input';
import type { CommandIo } from './poll-command';
import { formatTable, utcMinute } from './text-table';

export const USERS_HELP = `printdeck users list [--json] [--data DIR]
printdeck users add <name> --role ROLE [--display-name TEXT] [--temporary] [--password-stdin] [--data DIR]
printdeck users passwd <name> [--temporary] [--password-stdin] [--data DIR]
printdeck users disable <name> [--data DIR]
printdeck users enable <name> [--data DIR]

The console's user accounts, for setting up and for recovery: works on the data folder
directly (also while printdeck serve runs on it), as the built-in administrator, and every
change is written to the system log with host "cli".

  list      every user: groups, enabled, locked, last sign-in (--json: one object per user)
  add       a local user; ROLE is administrator, operator, viewer or the name of a user group
            (repeat --role for several)
  passwd    sets a user's password, unlocks the account and ends the user's sessions; the
            built-in administrator ("admin") can always be recovered this way
  disable   the user can no longer sign in; their sessions and API tokens stop at once
  enable    allows a disabled user again

Passwords are typed twice without echo when the standard input is a terminal; otherwise
--password-stdin reads one line from it (printf '%s\\n' "$PW" | printdeck users passwd admin --password-stdin).

Options:
  --data DIR           the console's data folder (default: ${defaultDataDirText()})
  --role ROLE          administrator | operator | viewer | <user group name>
  --display-name TEXT  the name the console shows
  --temporary          the user must choose a new password at the next sign-in
  --password-stdin     read the password as one line from the standard input
  --json               list as JSON

Exit codes: 0 done, 2 bad arguments (the message names it, e.g. a password that is too
short), 65 the data does not allow it (no such user, name taken, the built-in administrator
cannot be disabled, no console data in the folder).`;

const BUILT_IN_ROLE_NAMES = ['administrator', 'operator', 'viewer'] as const;

/** `printdeck users …`: accounts of the console's data folder; returns the exit code. */
export async function usersCommand(argv: string[], io: CommandIo, input: PasswordInput = processPasswordInput()): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      role: { type: 'string', multiple: true },
      'display-name': { type: 'string' },
      temporary: { type: 'boolean' },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(USERS_HELP);
    return EXIT.ok;
  }
  const [action, name, ...extra] = positionals;
  const allowed: Record<string, readonly string[]> = {
    list: ['data', 'json'],
    add: ['data', 'role', 'display-name', 'temporary', 'password-stdin'],
    passwd: ['data', 'temporary', 'password-stdin'],
    disable: ['data'],
    enable: ['data'],
  };
  if (action === undefined) throw new CliError('users needs an action: list, add, passwd, disable or enable');
  const options = allowed[action];
  if (!options) throw new CliError(`users: unknown action "${action}" (list, add, passwd, disable, enable)`);
  const misplaced = Object.keys(values).filter((key) => !options.includes(key));
  if (misplaced.length > 0) throw new CliError(`--${misplaced[0] ?? ''} does not go with users ${action}`);
  if (action === 'list') {
    if (name !== undefined) throw new CliError(`users list takes no user name ("${name}")`);
  } else {
    if (name === undefined) throw new CliError(`users ${action} needs a user name`);
    if (extra.length > 0) throw new CliError(`users ${action} takes one user name; "${extra.join(' ')}" is extra`);
  }
  if (action === 'add' && (values.role ?? []).length === 0) throw new CliError(`users add needs --role ${BUILT_IN_ROLE_NAMES.join('|')}|<user group name>`);

  const dataDir = values.data ?? defaultDataDir();
  // Setting a password or adding a user may be the very first thing done with a data folder.
  const data = await openConsoleData(dataDir, { create: action === 'add' || action === 'passwd' });
  try {
    switch (action) {
      case 'list':
        await listUsers(data.api, io, values.json === true);
        return EXIT.ok;
      case 'add':
        await addUser(data, io, input, { name: name ?? '', roles: values.role ?? [], displayName: values['display-name'] ?? '', temporary: values.temporary === true, fromStdin: values['password-stdin'] === true });
        return EXIT.ok;
      case 'passwd':
        await setPassword(data, io, input, { name: name ?? '', temporary: values.temporary === true, fromStdin: values['password-stdin'] === true });
        return EXIT.ok;
      default:
        await setEnabled(data.api, io, name ?? '', action === 'enable');
        return EXIT.ok;
    }
  } catch (error) {
    throw asCliError(error);
  } finally {
    await data.close();
  }
}

async function listUsers(api: AppApi, io: CommandIo, json: boolean): Promise<void> {
  const [{ users }, { groups }] = await Promise.all([api.accounts.listUsers({}), api.accounts.listGroups({})]);
  const groupNames = (user: AccountUser): string[] => user.groupIds.map((id) => groups.find((g) => g.id === id)?.name ?? `group ${id}`);
  if (json) {
    io.out(JSON.stringify(users.map((user) => ({ ...user, groups: groupNames(user) })), null, 2));
    return;
  }
  const rows = users.map((user) => [user.name, user.displayName, groupNames(user).join(', '), stateOf(user), user.lastSignInAt === null ? 'never' : utcMinute(user.lastSignInAt)]);
  io.out(formatTable(['NAME', 'DISPLAY NAME', 'GROUPS', 'STATE', 'LAST SIGN-IN'], rows));
}

function stateOf(user: AccountUser): string {
  const parts = [user.enabled ? 'enabled' : 'disabled'];
  if (user.builtin) parts.push('built-in');
  if (user.source === 'directory') parts.push('directory');
  if (user.lockedUntil !== null) parts.push(`locked until ${utcMinute(user.lockedUntil)}`);
  if (user.source === 'local' && !user.passwordSet) parts.push('no password');
  else if (user.mustChangePassword) parts.push('must change password');
  return parts.join(', ');
}

async function addUser(data: ConsoleData, io: CommandIo, input: PasswordInput, request: { name: string; roles: string[]; displayName: string; temporary: boolean; fromStdin: boolean }): Promise<void> {
  const { groups } = await data.api.accounts.listGroups({});
  const groupIds = [...new Set(request.roles.map((role) => groupOfRole(groups, role).id))];
  // Say so before the password is asked for, not after.
  if (await findUser(data.api, request.name)) throw new CliError(`a user "${request.name}" exists already (printdeck users passwd ${request.name} sets its password)`, EXIT.dataError);
  const password = await readNewPassword(input, request.fromStdin, request.name);
  const user = await data.api.accounts.createUser({ name: request.name, displayName: request.displayName, password, groupIds, mustChangePassword: request.temporary });
  const names = user.groupIds.map((id) => groups.find((g) => g.id === id)?.name ?? `group ${id}`);
  io.out(`User "${user.name}" added to ${names.join(', ')}${request.temporary ? '; they choose a new password at their first sign-in' : ''}.`);
}

/** The group a --role names: a built-in role by its keyword, else a group by its name (any case). */
function groupOfRole(groups: readonly UserGroup[], role: string): UserGroup {
  const wanted = role.trim().toLowerCase();
  const found = groups.find((g) => g.builtin !== null && g.builtin === wanted) ?? groups.find((g) => g.name.toLowerCase() === wanted);
  if (!found) throw new CliError(`--role "${role}" is neither administrator, operator, viewer nor a user group (${groups.map((g) => g.name).join(', ')})`);
  return found;
}

async function setPassword(data: ConsoleData, io: CommandIo, input: PasswordInput, request: { name: string; temporary: boolean; fromStdin: boolean }): Promise<void> {
  const user = await userNamed(data.api, request.name);
  if (user.source !== 'local') throw new CliError(`"${user.name}" signs in through the directory; change the password there`, EXIT.dataError);
  const password = await readNewPassword(input, request.fromStdin, user.name);
  await data.api.accounts.resetPassword({ id: user.id, password, mustChangePassword: request.temporary });
  const was = user.lockedUntil !== null ? ' and unlocked' : '';
  io.out(`Password of "${user.name}" set${was}; any session of theirs has ended${request.temporary ? '; they choose a new one at their next sign-in' : ''}.`);
}

async function setEnabled(api: AppApi, io: CommandIo, name: string, enabled: boolean): Promise<void> {
  const user = await userNamed(api, name);
  await api.accounts.updateUser({ id: user.id, enabled });
  io.out(enabled ? `User "${user.name}" enabled.` : `User "${user.name}" disabled: they cannot sign in, and their sessions and API tokens stop working.`);
}

/** The user of that name (exact, else any case), or null. */
export async function findUser(api: AppApi, name: string): Promise<AccountUser | null> {
  const { users } = await api.accounts.listUsers({});
  return users.find((u) => u.name === name) ?? users.find((u) => u.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** The user of that name, or exit 65 naming it. */
export async function userNamed(api: AppApi, name: string): Promise<AccountUser> {
  const user = await findUser(api, name);
  if (!user) throw new CliError(`no user "${name}" (printdeck users list shows them)`, EXIT.dataError);
  return user;
}
