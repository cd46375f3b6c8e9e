import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../../../src-shared/plugins/drivers/agent-protocol';
import { cupsInstallCommands, cupsProblem, cupsRemoveCommand, makeAndModelOf, queuesOfLpstat, RAW_MODEL } from '../../../src-shared/plugins/drivers/cups-commands';
import { launchdPlist, systemdUnit, windowsTaskCommand } from '../../../src-main/agent/agent-service';

function queue(over: Partial<JobQueue> = {}, set: Partial<JobQueue['set']> = {}): JobQueue {
  return {
    associationId: 3,
    name: 'Floor 3',
    queueName: 'Floor3',
    uri: 'ipp://10.0.0.5:631/ipp/print',
    protocol: 'ipp',
    host: '10.0.0.5',
    port: 631,
    resource: '',
    defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null },
    location: 'Room "A"; $(rm -rf /)',
    ...over,
    set: { name: 'Driverless', os: 'linux', kind: 'driverless', driverName: '', entryFile: null, folder: null, manifestSha256: null, store: null, ...set },
  };
}

describe('CUPS commands', () => {
  it('driverless: lpadmin -m everywhere, each value one argument (no shell), then the defaults', () => {
    const [create, defaults] = cupsInstallCommands(queue(), null, '127.0.0.1:6310');
    expect(create?.args).toEqual(['-h', '127.0.0.1:6310', '-p', 'Floor3', '-E', '-v', 'ipp://10.0.0.5:631/ipp/print', '-m', 'everywhere', '-D', 'Printdeck: Floor 3', '-L', 'Room "A"; $(rm -rf /)']);
    expect(defaults?.args).toEqual(['-h', '127.0.0.1:6310', '-p', 'Floor3', '-o', 'print-color-mode-default=monochrome', '-o', 'sides-default=one-sided', '-o', 'Duplex=None']);
  });

  it('a PPD set: -P with the downloaded file; duplex and paper defaults; no -h without a server', () => {
    const q = queue({ defaults: { color: 'color', duplex: 'two-sided-long-edge', paperSize: 'iso_a4_210x297mm' } }, { kind: 'ppd', entryFile: 'acme.ppd' });
    const [create, defaults] = cupsInstallCommands(q, '/var/lib/printdeck-agent/work/1/3/acme.ppd', null);
    expect(create?.args.slice(0, 6)).toEqual(['-p', 'Floor3', '-E', '-v', 'ipp://10.0.0.5:631/ipp/print', '-P']);
    expect(create?.args[6]).toBe('/var/lib/printdeck-agent/work/1/3/acme.ppd');
    expect(defaults?.args).toEqual(['-p', 'Floor3', '-o', 'print-color-mode-default=color', '-o', 'sides-default=two-sided-long-edge', '-o', 'Duplex=DuplexNoTumble', '-o', 'media-default=iso_a4_210x297mm']);
    expect(cupsRemoveCommand('Floor3', null).args).toEqual(['-x', 'Floor3']);
  });

  it('says why CUPS cannot make a queue: a Windows package, driverless over RAW, a PPD set without its PPD', () => {
    expect(cupsProblem(queue({}, { kind: 'inf' }))).toMatch(/Windows driver package/);
    expect(cupsProblem(queue({ protocol: 'raw', uri: 'socket://10.0.0.5:9100' }))).toMatch(/needs IPP.*RAW 9100/);
    expect(cupsProblem(queue({}, { kind: 'ppd', entryFile: null }))).toMatch(/names no PPD/);
    expect(cupsProblem(queue())).toBeNull();
  });

  it('reads queue names from lpstat -v', () => {
    expect(queuesOfLpstat('device for Floor3: ipp://10.0.0.5:631/ipp/print\ndevice for Other_1: socket://x:9100\n')).toEqual(['Floor3', 'Other_1']);
  });
});

describe('service definitions', () => {
  const launch = { node: '/usr/bin/node', entry: '/opt/print deck/bin/printdeck.js', stateDir: '/var/lib/printdeck-agent' };
  it('systemd: quoted words, restarts, starts after the network and CUPS', () => {
    const unit = systemdUnit(launch);
    expect(unit).toContain('ExecStart="/usr/bin/node" "/opt/print deck/bin/printdeck.js" "agent" "run" "--state" "/var/lib/printdeck-agent"');
    expect(unit).toContain('Restart=always');
    expect(unit).toContain('After=network-online.target cups.service');
    expect(unit).toContain('WantedBy=multi-user.target');
  });
  it('launchd: escaped arguments, kept alive', () => {
    const plist = launchdPlist({ ...launch, stateDir: '/Library/A&B' });
    expect(plist).toContain('<string>/Library/A&amp;B</string>');
    expect(plist).toContain('<key>KeepAlive</key>\n  <true/>');
  });
  it('Windows: a start-up task as SYSTEM that restarts', () => {
    const command = windowsTaskCommand({ node: 'C:\\Program Files\\nodejs\\node.exe', entry: "C:\\it's\\printdeck.js", stateDir: 'C:\\ProgramData\\Printdeck\\agent' });
    expect(command).toContain("-Execute 'C:\\Program Files\\nodejs\\node.exe'");
    expect(command).toContain(`-Argument '"C:\\it''s\\printdeck.js" agent run --state "C:\\ProgramData\\Printdeck\\agent"'`);
    expect(command).toContain("-User 'SYSTEM'");
  });
});

describe('the make and model lpoptions shows', () => {
  it('reads quoted and bare values, and the raw placeholder CUPS uses until the IPP Everywhere PPD is made', () => {
    expect(makeAndModelOf("copies=1 printer-make-and-model='Printer - IPP Everywhere' sides=one-sided")).toBe('Printer - IPP Everywhere');
    expect(makeAndModelOf("printer-info='x' printer-make-and-model='Local Raw Printer'")).toBe(RAW_MODEL);
    expect(makeAndModelOf("printer-make-and-model='Acme \\'Pro\\' 5000'")).toBe("Acme 'Pro' 5000");
    expect(makeAndModelOf('printer-make-and-model=Generic')).toBe('Generic');
    expect(makeAndModelOf('copies=1')).toBeNull();
  });
});
