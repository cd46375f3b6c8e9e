import { parseCommandArgs } from './command-args';
import type { ApiToken } from '../../src-shared/contract/accounts.contract';
import { CliError, EXIT, type ExitCode } from './cli-error';
import { asCliError, openConsoleData } from './console-data';
import { defaultDataDir, defaultDataDirText } from './data-dir';
import type { CommandIo } from './poll-command';
import { formatTable, utcMinute } from './text-table';
import { userNamed } from './users-command';

export const TOKENS_HELP = `printdeck tokens create <user> [--name TEXT] [--expires DAYS] [--data DIR]
printdeck tokens list [--json] [--data DIR]
printdeck tokens revoke <id> [--data DIR]

API tokens let scripts use the console's WebSocket API (/api) as a user, with that user's
rights: a script sends "Authorization: Bearer <token>" with the handshake. Works on the data
folder directly (also while printdeck serve runs on it); every change is in the system log.

  create   makes a token for <user> and prints its secret on stdout, this once only (the
           console keeps only a hash of it)
  list     every token (never the secret): id, name, user, created, expiry, last use, state
  revoke   the token stops working at once, also on connections already open

Options:
  --data DIR      the console's data folder (default: ${defaultDataDirText()})
  --name TEXT     what the token is for (default: "command line" and the date)
  --expires DAYS  the token ends after DAYS days (1 to 3650; default: never)
  --json          list as JSON

Exit codes: 0 done, 2 bad arguments (the message names it), 65 the data does not allow it
(no such user or token, no console data in the folder).`;

/** `printdeck tokens …`: API tokens of the console's data folder; returns the exit code. */
export async function tokensCommand(argv: string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      name: { type: 'string' },
      expires: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(TOKENS_HELP);
    return EXIT.ok;
  }
  const [action, subject, ...extra] = positionals;
  const allowed: Record<string, readonly string[]> = { create: ['data', 'name', 'expires'], list: ['data', 'json'], revoke: ['data'] };
  if (action === undefined) throw new CliError('tokens needs an action: create, list or revoke');
  const options = allowed[action];
  if (!options) throw new CliError(`tokens: unknown action "${action}" (create, list, revoke)`);
  const misplaced = Object.keys(values).filter((key) => !options.includes(key));
  if (misplaced.length > 0) throw new CliError(`--${misplaced[0] ?? ''} does not go with tokens ${action}`);
  if (action === 'list' && subject !== undefined) throw new CliError(`tokens list takes no argument ("${subject}")`);
  if (action === 'create' && subject === undefined) throw new CliError('tokens create needs the name of the user the token acts as');
  if (action === 'revoke' && subject === undefined) throw new CliError('tokens revoke needs the id of the token (printdeck tokens list shows them)');
  if (extra.length > 0) throw new CliError(`tokens ${action}: "${extra.join(' ')}" is extra`);
  const expiresInDays = values.expires === undefined ? undefined : wholeNumber(values.expires, '--expires', 1, 3650);
  const name = values.name?.trim() ?? `command line, ${new Date().toISOString().slice(0, 10)}`;
  if (name === '' || name.length > 120) throw new CliError('--name must have 1 to 120 characters');
  const id = action === 'revoke' ? wholeNumber(subject ?? '', 'the token id', 1, Number.MAX_SAFE_INTEGER) : 0;

  const data = await openConsoleData(values.data ?? defaultDataDir(), { create: false });
  try {
    if (action === 'create') {
      const user = await userNamed(data.api, subject ?? '');
      const { token, secret } = await data.api.accounts.createToken({ userId: user.id, name, expiresInDays });
      // stdout carries the secret alone, so TOKEN=$(printdeck tokens create …) works; the rest is for the person.
      io.out(secret);
      io.err(`API token ${token.id} "${token.name}" acts as ${token.userName}${token.expiresAt === null ? '' : ` until ${utcMinute(token.expiresAt)}`}. It is shown this once: keep it like a password.`);
    } else if (action === 'list') {
      const { tokens } = await data.api.accounts.listTokens({});
      if (values.json) io.out(JSON.stringify(tokens, null, 2));
      else io.out(formatTable(['ID', 'NAME', 'USER', 'CREATED', 'EXPIRES', 'LAST USED', 'STATE'], tokens.map((t) => [String(t.id), t.name, t.userName, utcMinute(t.createdAt), t.expiresAt === null ? 'never' : utcMinute(t.expiresAt), t.lastUsedAt === null ? 'never' : utcMinute(t.lastUsedAt), stateOf(t)])));
    } else {
      const token = await data.api.accounts.revokeToken({ id });
      io.out(`API token ${token.id} "${token.name}" of ${token.userName} is revoked${token.revokedAt === null ? '' : ` (since ${utcMinute(token.revokedAt)})`}: it no longer works.`);
    }
    return EXIT.ok;
  } catch (error) {
    throw asCliError(error);
  } finally {
    await data.close();
  }
}

function stateOf(token: ApiToken): string {
  if (token.revokedAt !== null) return `revoked ${utcMinute(token.revokedAt)}`;
  if (token.expiresAt !== null && token.expiresAt <= Date.now()) return 'expired';
  return 'active';
}

function wholeNumber(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new CliError(`${what} "${text}" must be a whole number from ${min} to ${max}`);
  return Number(text);
}
