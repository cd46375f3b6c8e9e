import { describe, expect, it } from 'vitest';
import { parseClientCsv } from '../../../../src-main/plugins/drivers/clients/client-csv';
import { newSecret } from '../../../../src-main/plugins/drivers/clients/clients.service';
import { enrolCommand } from '../../../../src-main/plugins/drivers/clients/ssh-install';
import { installAgentParamsSchema } from '../../../../src-shared/plugins/drivers/agent-install';
import { psQuote, quickInstallCommands, shQuote } from '../../../../src-main/plugins/drivers/clients/quick-install';
import { clientGroupInputSchema, matchesClientFilter } from '../../../../src-shared/plugins/drivers/client-pc';
import { queuePushParamsSchema } from '../../../../src-shared/plugins/drivers/queue-push';
import { consoleOrigin, consoleUrlSchema } from '../../../../src-shared/plugins/drivers/console-url';

describe('client PC CSV', () => {
  it('reads a list with its header columns in whatever order, OS words people write, ";" and quoted cells', () => {
    const parsed = parseClientCsv('Site;NAME;os;address\n"Head office; 3F";PC-0001;Windows;10.1.0.1\nLab;mac-07;macOS;\nLab;build-1;linux;build-1.example\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.clients).toEqual([
      { name: 'PC-0001', os: 'windows', address: '10.1.0.1', site: 'Head office; 3F', line: 2 },
      { name: 'mac-07', os: 'macos', address: '', site: 'Lab', line: 3 },
      { name: 'build-1', os: 'linux', address: 'build-1.example', site: 'Lab', line: 4 },
    ]);
  });

  it('lists every problem with its line and imports nothing', () => {
    const parsed = parseClientCsv('name,os\nPC-1,windows\nPC-2,beos\n,linux\npc-1,linux\n"PC-5,linux\n');
    expect(parsed.clients).toEqual([]);
    expect(parsed.problems).toEqual([{ line: 6, message: expect.stringMatching(/not readable as CSV/) }]);
    const second = parseClientCsv('name,os\nPC-1,windows\nPC-2,beos\n,linux\npc-1,linux\n');
    expect(second.clients).toEqual([]);
    expect(second.problems).toEqual([
      { line: 3, message: 'os "beos" is not windows, macos or linux' },
      { line: 4, message: expect.stringMatching(/^name: give the client PC a name/) },
      { line: 5, message: '"pc-1" is listed already on line 2' },
    ]);
  });

  it('numbers lines by where each record starts, also after a quoted cell over several lines', () => {
    const parsed = parseClientCsv('name,os,notes\r\nPC-1,beos,"Head office\nfloor 3\nroom 301"\r\nPC-2,beos,Lab\r\n"PC-3",amiga,"a\nb"\r\nPC-4,amiga,x\r\n');
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 5, 6, 8]);
    expect(parseClientCsv('name,os,notes\nPC-1,windows,"a\nb"\nPC-2,linux,c\n').clients.map((c) => c.line)).toEqual([2, 4]);
  });

  it('needs name and os columns, and rows', () => {
    expect(parseClientCsv('host,system\nPC,win\n').problems.map((p) => p.message)).toEqual([expect.stringContaining('no "name" column'), expect.stringContaining('no "os" column')]);
    expect(parseClientCsv('').problems[0]?.message).toMatch(/empty/);
    expect(parseClientCsv('name,os\n').problems[0]).toEqual({ line: 2, message: 'the file has a header but no client PCs' });
  });
});

describe('client groups and push params', () => {
  it('smart filters match OS, name and site as case-insensitive parts', () => {
    const pc = { name: 'PC-Lab-07', os: 'linux' as const, site: 'Osaka lab' };
    expect(matchesClientFilter(pc, { os: 'linux', name: 'lab', site: 'OSAKA' })).toBe(true);
    expect(matchesClientFilter(pc, { os: 'windows', name: '', site: '' })).toBe(false);
    expect(matchesClientFilter(pc, { os: null, name: 'x', site: '' })).toBe(false);
    expect(clientGroupInputSchema.safeParse({ name: 'g', kind: 'smart' }).error?.issues[0]?.message).toBe('a smart group needs a filter (OS, name or site)');
  });

  it('a push needs clients or groups, and associations or devices', () => {
    expect(queuePushParamsSchema.safeParse({ associationIds: [1] }).error?.issues[0]?.message).toBe('choose client PCs or client groups');
    expect(queuePushParamsSchema.safeParse({ clientGroupIds: [1] }).error?.issues[0]?.message).toBe('choose associations, or devices whose associations to use');
    expect(queuePushParamsSchema.parse({ clientIds: [1], deviceIds: [4] })).toMatchObject({ waitMinutes: 10, associationIds: [] });
  });
});

describe('quick install command', () => {
  it('one line per OS, every value quoted for its shell', () => {
    expect(shQuote("it's")).toBe(`'it'\\''s'`);
    expect(psQuote("it's")).toBe("'it''s'");
    const commands = quickInstallCommands({ consoleUrl: 'https://console.example:8443', fingerprint: 'AB:'.repeat(31) + 'AB', token: 'tok_en-1' });
    expect(commands.unix).toBe(`printf '%s\\n' 'tok_en-1' | sudo printdeck agent enrol --console 'https://console.example:8443' --token - --fingerprint '${'AB:'.repeat(31)}AB' --install-service`);
    expect(commands.windows).toBe(`'tok_en-1' | & printdeck.cmd agent enrol --console 'https://console.example:8443' --token - --fingerprint '${'AB:'.repeat(31)}AB' --install-service`);
    expect(quickInstallCommands({ consoleUrl: 'https://c', fingerprint: null, token: 't' }).unix).not.toContain('--fingerprint');
  });

  it('the token reaches the agent on its standard input, not its command line', () => {
    const { unix, windows } = quickInstallCommands({ consoleUrl: 'https://c.example', fingerprint: null, token: 'pd_secret' });
    expect(unix.slice(unix.indexOf('| sudo'))).not.toContain('pd_secret');
    expect(windows.slice(windows.indexOf('| &'))).not.toContain('pd_secret');
  });

  it('the console address is reduced to scheme://host:port; one cmd.exe would read other commands in is refused', () => {
    expect(quickInstallCommands({ consoleUrl: 'https://Console.example:8443/some/path?x=1&calc.exe', fingerprint: null, token: 't' }).windows).toContain(`--console 'https://console.example:8443' --token -`);
    for (const hostile of ['https://a&calc.exe:8443/', 'https://a%26calc/', 'https://a"b/', 'http://console.example/']) {
      expect(() => quickInstallCommands({ consoleUrl: hostile, fingerprint: null, token: 't' })).toThrow(/not an https:\/\/ console address/);
      expect(consoleUrlSchema.safeParse(hostile).success).toBe(false);
    }
    expect(consoleUrlSchema.parse(' https://[::1]:8443/x ')).toBe('https://[::1]:8443');
    expect(consoleOrigin('HTTPS://Console.Example:443/x#y')).toBe('https://console.example');
    for (const refused of ['https://user@console.example/', 'https://console.example:99999/', 'https://console.example:0', 'https://', 'https://con sole/']) expect(consoleOrigin(refused), refused).toBeNull();
  });
});

describe('secrets and the SSH enrol command on a command line', () => {
  it('a secret never starts with "-" (the agent would take it for an option: a token did, once)', () => {
    for (let i = 0; i < 200; i++) expect(newSecret()).toMatch(/^pd_[A-Za-z0-9_-]{43}$/);
  });

  it('the SSH enrol command passes every value as --option=value, quoted for sh, with sudo -S for a non-root login', () => {
    const params = installAgentParamsSchema.parse({ clientIds: [1], loginId: 1, consoleUrl: 'https://c.example:8443', fingerprint: `${'AB:'.repeat(31)}AB`, stateDir: "/var/lib/it's" });
    expect(enrolCommand(params, { name: '-lab' }, 'pd_tok', false)).toBe(`'printdeck' agent enrol --console='https://c.example:8443' --token='pd_tok' --name='-lab' --fingerprint='${'AB:'.repeat(31)}AB' --state='/var/lib/it'\\''s' --install-service`);
    expect(enrolCommand({ ...params, installService: false, stateDir: '' }, { name: 'pc' }, 't', true)).toBe(`sudo -S -p '' sh -c ''\\''printdeck'\\'' agent enrol --console='\\''https://c.example:8443'\\'' --token='\\''t'\\'' --name='\\''pc'\\'' --fingerprint='\\''${'AB:'.repeat(31)}AB'\\'''`);
  });

  it('the agent command is a program path only, quoted: no shell words reach sudo', () => {
    const base = { clientIds: [1], loginId: 1, consoleUrl: 'https://c.example:8443' };
    expect(installAgentParamsSchema.parse({ ...base, agentCommand: '/opt/printdeck/bin/printdeck' }).agentCommand).toBe('/opt/printdeck/bin/printdeck');
    for (const bad of ['printdeck; rm -rf /', 'printdeck $(id)', '/usr/bin/printdeck --x', 'a|b', '`id`'])
      expect(installAgentParamsSchema.safeParse({ ...base, agentCommand: bad }).success).toBe(false);
    expect(enrolCommand(installAgentParamsSchema.parse({ ...base, agentCommand: '/opt/p-d/printdeck', installService: false }), { name: 'pc' }, 't', false)).toMatch(/^'\/opt\/p-d\/printdeck' agent enrol /);
  });
});
