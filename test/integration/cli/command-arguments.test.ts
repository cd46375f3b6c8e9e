import { beforeAll, describe, expect, it } from 'vitest';
import { describeResult, requireBuiltCli, runCli } from './cli-process';

/**
 * Argument handling of the built `printdeck` bin: a mistake is refused before any SNMP is
 * sent, with exit code 2, nothing on stdout (scripts reading it see no half-result) and a
 * message naming the argument. Targets are on 127.51.0.x, where nothing listens; the one
 * routable address (10.0.0.1) carries an impossible port, so nothing can be sent to it.
 */

beforeAll(() => requireBuiltCli());

describe('printdeck refuses bad arguments', () => {
  it.each([
    ['an unknown option', ['poll', '--bogus', '127.51.0.1'], /unknown option "--bogus"/],
    ['a port out of range', ['poll', '10.0.0.1:99999'], /bad target "10\.0\.0\.1:99999": port 99999/],
    ['an unknown SNMP version', ['poll', '--version', '4', '127.51.0.1'], /--version "4" is not one of: 1, 2c, 3/],
    ['authPriv without keys', ['poll', '--v3-user', 'admin', '--v3-level', 'authPriv', '127.51.0.1'], /--v3-level authPriv needs --v3-auth-key/],
    ['authPriv with an auth key but no privacy key', ['poll', '--v3-user', 'admin', '--v3-level', 'authPriv', '--v3-auth-key', 'authpass1', '127.51.0.1'], /--v3-level authPriv needs --v3-priv-key/],
    // Used to be ignored: the device was read over v2c with community "public" instead.
    ['an SNMPv3 level without an SNMPv3 user', ['poll', '--v3-level', 'authPriv', '127.51.0.1', '--timeout', '100', '--retries', '0'], /--v3-level is an SNMPv3 option/],
    ['no targets', ['poll'], /poll needs at least one target/],
    ['an unknown command', ['frobnicate', '127.51.0.1'], /unknown command "frobnicate"/],
    ['a non-loopback simulator address', ['simulate', '--demo', '1', '--base', '10.0.0.1'], /--base "10\.0\.0\.1" must be a loopback/],
  ])('%s → exit 2, a message naming it, nothing on stdout', async (_what, args, message) => {
    const result = await runCli(args);
    expect({ code: result.code, stdout: result.stdout }, describeResult(result)).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
    expect(result.stderr, 'a user error is not an internal error').not.toMatch(/internal error|^\s+at /m);
  });
});

describe('printdeck help', () => {
  it('`printdeck help` prints the command list and exits 0', async () => {
    const result = await runCli(['help']);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(/^Usage:$/m);
    for (const command of ['demo', 'poll', 'simulate', 'serve', 'users', 'tokens']) expect(result.stdout).toContain(`printdeck ${command} `);
    expect(result.stderr).toBe('');
  });

  it('`printdeck poll --help` and `printdeck help poll` print the poll usage with its options and exit 0', async () => {
    const [option, topic] = await Promise.all([runCli(['poll', '--help']), runCli(['help', 'poll'])]);
    expect(option.code, describeResult(option)).toBe(0);
    expect(option.stdout).toMatch(/^printdeck poll <host\[:port\]>\.\.\. \[options\]$/m);
    for (const flag of ['--json', '--data DIR', '--timeout MS', '--retries N', '--v3-level L']) expect(option.stdout).toContain(flag);
    expect(topic).toEqual(option);
  });

  it('`printdeck users --help` and `printdeck tokens --help` name every action and exit 0', async () => {
    const [users, tokens] = await Promise.all([runCli(['users', '--help']), runCli(['help', 'tokens'])]);
    expect(users.code, describeResult(users)).toBe(0);
    for (const usage of ['users list', 'users add <name> --role ROLE', 'users passwd <name>', 'users disable <name>', 'users enable <name>', '--password-stdin', '--data DIR']) expect(users.stdout).toContain(usage);
    expect(tokens.code, describeResult(tokens)).toBe(0);
    for (const usage of ['tokens create <user>', '--expires DAYS', 'tokens list', 'tokens revoke <id>', 'Authorization: Bearer']) expect(tokens.stdout).toContain(usage);
  });
});
