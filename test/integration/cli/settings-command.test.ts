import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveSnmpd, startSnmpd, type RunningSnmpd } from '../../helpers/snmpd-fixture';
import { describeResult, freeUdpPort, requireBuiltCli, runCli } from './cli-process';

/**
 * `printdeck settings get|set` and `printdeck reboot` as a user runs them, against Debian's
 * snmpd (the Net-SNMP agent, not ours) started on a loopback port with its own snmpd.conf: a
 * read community, a write community, and sysLocation fixed by the file (so snmpd answers
 * notWritable for it). Net-SNMP's snmpget checks what was written. Without --data every run
 * is on a store in memory.
 */

const run = promisify(execFile);
const WRITER = 'printdeck-writer';

interface JsonItem {
  item: string;
  outcome: string;
  value: string | boolean | number | null;
  message: string;
}

beforeAll(() => {
  requireBuiltCli();
});

describe('printdeck settings: bad arguments (exit 2, naming the option)', () => {
  it.each([
    ['an unknown option', ['settings', 'set', '127.0.0.1:1', '--colour', 'red', '--write-community', 'w'], /--colour/],
    ['--lpd maybe', ['settings', 'set', '127.0.0.1:1', '--lpd', 'maybe', '--write-community', 'w'], /--lpd "maybe" must be on or off/],
    ['a name of 300 characters', ['settings', 'set', '127.0.0.1:1', '--name', 'n'.repeat(300), '--write-community', 'w'], /--name: at most 255 characters \(300 given\)/],
    ['a line break in --contact', ['settings', 'set', '127.0.0.1:1', '--contact', 'line\nbreak', '--write-community', 'w'], /--contact: must not contain control characters/],
    ['set without a write credential or --data', ['settings', 'set', '127.0.0.1:1', '--name', 'n'], /needs a write credential: --write-community/],
    ['set without a setting', ['settings', 'set', '127.0.0.1:1', '--write-community', 'w'], /needs at least one setting: --name, --location/],
    ['two kinds of write credential', ['settings', 'set', '127.0.0.1:1', '--name', 'n', '--write-community', 'w', '--write-v3-user', 'u'], /--write-community and --write-v3-user are alternatives/],
    ['a short --write-v3-auth-key', ['settings', 'set', '127.0.0.1:1', '--name', 'n', '--write-v3-user', 'u', '--write-v3-auth-key', 'short'], /--write-v3-auth-key must be at least 8 characters/],
    ['--write-v3-priv-key without its user', ['settings', 'set', '127.0.0.1:1', '--name', 'n', '--write-v3-priv-key', 'privpass1'], /--write-v3-priv-key needs --write-v3-user/],
    ['--save-credentials without --data', ['settings', 'set', '127.0.0.1:1', '--name', 'n', '--write-community', 'w', '--save-credentials'], /--save-credentials needs --data/],
    ['a write option to get', ['settings', 'get', '127.0.0.1:1', '--name', 'n'], /--name does not go with settings get/],
    ['get without targets', ['settings', 'get'], /needs at least one target/],
    ['an unknown action', ['settings', 'put', '127.0.0.1:1'], /unknown action "put"/],
    ['a bad target', ['settings', 'get', 'no such host!'], /bad target/],
    ['reboot without a write credential', ['reboot', '127.0.0.1:1'], /reboot needs a write credential/],
    ['--within 3', ['reboot', '127.0.0.1:1', '--write-community', 'w', '--within', '3'], /--within "3" must be a whole number of seconds from 5 to 1800/],
  ])('%s', async (_name, args, message) => {
    const result = await runCli(args);
    expect(result.code, describeResult(result)).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('prints its help (exit 0)', async () => {
    const settings = await runCli(['settings', '--help']);
    expect(settings.code, describeResult(settings)).toBe(0);
    expect(settings.stdout).toMatch(/--write-community C/);
    expect(settings.stdout).toMatch(/--location TEXT/);
    const reboot = await runCli(['help', 'reboot']);
    expect(reboot.stdout).toMatch(/prtGeneralReset/);
  });
});

describe.skipIf(!haveSnmpd)('printdeck settings and reboot against Net-SNMP snmpd', () => {
  let agent: RunningSnmpd;
  let target: string;

  beforeAll(async () => {
    agent = await startSnmpd(['rocommunity public 127.0.0.1', `rwcommunity ${WRITER} 127.0.0.1`, 'sysLocation Fixed by snmpd.conf']);
    target = `${agent.host}:${agent.port}`;
  });
  afterAll(async () => {
    await agent?.stop();
  });

  const snmpget = async (): Promise<string[]> => {
    const { stdout } = await run('snmpget', ['-v2c', '-c', 'public', '-Ov', '-Oq', `udp:${target}`, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.4.0'], { timeout: 10_000 });
    return stdout.trim().split('\n').map((line) => line.replace(/^"|"$/g, ''));
  };

  it('set delivers sysName and sysContact, reports sysLocation (fixed by snmpd.conf) as not writable: exit 1; snmpget reads the new values', async () => {
    const result = await runCli(['settings', 'set', target, '--name', 'cli-name', '--location', 'Room 12', '--contact', 'ops@example.test', '--write-community', WRITER], 30_000);
    expect(result.code, describeResult(result)).toBe(1);
    expect(result.stdout).toMatch(/--name\s+deviceName\s+delivered\s+cli-name\s+delivered and read back/);
    expect(result.stdout).toMatch(/--location\s+installationSite\s+unsupported\s+-\s+the device does not let it be written \(notWritable\)/);
    expect(result.stdout).toMatch(/--contact\s+administratorContact\s+delivered\s+ops@example\.test/);
    expect(result.stdout).toMatch(/0 of 1 device with every item delivered or already set \(2 of 3 items\)/);
    // Progress goes to stderr, never mixed into what a script reads.
    expect(result.stderr).toMatch(/settings set: 1 device, task \d+, execution \d+/);
    expect(result.stderr).toMatch(/settings set: succeeded, 1\/1 devices done/);
    expect(await snmpget()).toEqual(['cli-name', 'Fixed by snmpd.conf', 'ops@example.test']);
  }, 40_000);

  it('get prints every item the model supports with its value (a table per device): exit 0', async () => {
    const result = await runCli(['settings', 'get', target], 30_000);
    expect(result.code, describeResult(result)).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^${target.replace(/\./g, '\\.')}  \\(profile generic\\)  3 read`));
    expect(result.stdout).toMatch(/deviceName\s+cli-name\n/);
    expect(result.stdout).toMatch(/installationSite\s+Fixed by snmpd\.conf\n/);
    expect(result.stdout).toMatch(/administratorContact\s+ops@example\.test\n/);
    // snmpd has no Printer-MIB: those rows are listed, not invented.
    expect(result.stdout).toMatch(/administratorName\s+-\s+unsupported: the device has no such object/);
    expect(result.stdout).toMatch(/lpd\s+-\s+unsupported: the device has no channel of type 8/);
    expect(result.stdout).toMatch(/1 of 1 device read\./);
  }, 40_000);

  it('get --json: one object per target {target, ok, error, profile, items}; an unreachable target is ok: false with its error, exit 1', async () => {
    const dead = `127.0.0.1:${await freeUdpPort('127.0.0.1')}`;
    const result = await runCli(['settings', 'get', target, dead, '--json', '--timeout', '300', '--retries', '0'], 30_000);
    expect(result.code, describeResult(result)).toBe(1);
    const parsed = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(parsed.map((r) => Object.keys(r))).toEqual([
      ['target', 'ok', 'error', 'profile', 'items'],
      ['target', 'ok', 'error', 'profile', 'items'],
    ]);
    const [good, bad] = parsed as Array<{ target: string; ok: boolean; error: string | null; profile: string | null; items: JsonItem[] }>;
    expect(good).toMatchObject({ target, ok: true, error: null, profile: 'generic' });
    expect(good?.items.find((i) => i.item === 'deviceName')).toEqual({ item: 'deviceName', outcome: 'read', value: 'cli-name', message: 'read' });
    expect(good?.items.every((i) => Object.keys(i).join() === 'item,outcome,value,message')).toBe(true);
    expect(bad).toMatchObject({ target: dead, ok: false, profile: null, items: [] });
    expect(bad?.error).toMatch(/no reply|timed out|timeout/i);
  }, 40_000);

  it('set --json: the same values again are already set (exit 0); the shape adds the device message', async () => {
    const result = await runCli(['settings', 'set', target, '--name', 'cli-name', '--contact', 'ops@example.test', '--write-community', WRITER, '--json'], 30_000);
    expect(result.code, describeResult(result)).toBe(0);
    // --json keeps stderr free of progress lines too.
    expect(result.stderr).toBe('');
    const parsed = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(parsed).toEqual([
      {
        target,
        ok: true,
        error: null,
        profile: 'generic',
        message: '2 already-set',
        items: [
          { item: 'deviceName', outcome: 'already-set', value: 'cli-name', message: 'already set' },
          { item: 'administratorContact', outcome: 'already-set', value: 'ops@example.test', message: 'already set' },
        ],
      },
    ]);
  }, 40_000);

  it('a wrong write community: every item not reached, with a message; nothing changes (exit 1)', async () => {
    const result = await runCli(['settings', 'set', target, '--name', 'never', '--contact', 'never', '--write-community', 'wrong-community', '--timeout', '300', '--retries', '0', '--json'], 30_000);
    expect(result.code, describeResult(result)).toBe(1);
    const [device] = JSON.parse(result.stdout) as Array<{ ok: boolean; error: string; items: JsonItem[] }>;
    expect(device?.ok).toBe(false);
    expect(device?.error).toMatch(/2 not-reached/);
    expect(device?.items.map((i) => [i.item, i.outcome])).toEqual([
      ['deviceName', 'not-reached'],
      ['administratorContact', 'not-reached'],
    ]);
    for (const item of device?.items ?? []) expect(item.message).toMatch(/no reply from .* check address, port and community/);
    expect(await snmpget()).toEqual(['cli-name', 'Fixed by snmpd.conf', 'ops@example.test']);
  }, 40_000);

  it('a switch the device does not have (snmpd has no prtChannelTable): unsupported, listed, exit 1', async () => {
    const result = await runCli(['settings', 'set', target, '--lpd', 'off', '--write-community', WRITER, '--json'], 30_000);
    expect(result.code, describeResult(result)).toBe(1);
    const [device] = JSON.parse(result.stdout) as Array<{ items: JsonItem[] }>;
    expect(device?.items).toEqual([{ item: 'lpd', outcome: 'unsupported', value: null, message: 'the device has no channel of type 8' }]);
  }, 40_000);

  it('reboot: snmpd has no prtGeneralReset, and the device result says so (exit 1)', async () => {
    const text = await runCli(['reboot', target, '--write-community', WRITER], 30_000);
    expect(text.code, describeResult(text)).toBe(1);
    expect(text.stdout).toMatch(/the reboot was refused: the device has no prtGeneralReset object/);
    expect(text.stdout).toMatch(/0 of 1 device rebooted and answering again\./);
    const json = await runCli(['reboot', target, '--write-community', WRITER, '--within', '10', '--json'], 30_000);
    expect(json.code, describeResult(json)).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      { target, ok: false, error: 'the reboot was refused: the device has no prtGeneralReset object', profile: 'generic', message: 'the reboot was refused: the device has no prtGeneralReset object' },
    ]);
  }, 40_000);
});
