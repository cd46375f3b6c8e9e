import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { windowsInstallSteps } from '../../../../src-shared/plugins/drivers/windows-commands';
import { installerProblem, posixInstaller, windowsInstaller } from '../../../../src-main/plugins/drivers/pull/pull-installers';
import { osOfUserAgent, visitorOs } from '../../../../src-main/plugins/drivers/pull/pull-os';
import { pickLanguage } from '../../../../src-main/plugins/drivers/pull/pull-texts';
import { searchEntries, type PullEntry } from '../../../../src-main/plugins/drivers/pull/pull-catalogue';
import { infJobQueue } from '../../../helpers/job-queue-builders';

/** The pull page's installers for each case (INF package with protected print mode, PPD, driverless), quoting included; its OS, language and search rules. */

const queue = infJobQueue;
const made = { madeFor: 'pat', madeAt: '2026-12-07T20:00:00.000Z', linksUntil: '2026-12-07T21:00:00.000Z' };
const INF_FILES = [
  { path: 'x64/hpcu270u.inf', sha256: 'b'.repeat(64), url: 'https://console:8443/plugins/drivers/pull-files/1.2.c/x64/hpcu270u.inf' },
  { path: 'x64/hpcu270u.cat', sha256: 'c'.repeat(64), url: 'https://console:8443/plugins/drivers/pull-files/1.2.c/x64/hpcu270u.cat' },
];

describe('the Windows installer', () => {
  it('downloads and checks every file of an INF package, then runs the agent\'s steps with the INF it fetched', () => {
    const script = windowsInstaller({ queue: queue(), files: INF_FILES, ...made });
    for (const f of INF_FILES) expect(script).toContain(`@{ Path = '${f.path}'; Sha256 = '${f.sha256}'; Url = '${f.url}' }`);
    expect(script).toContain('Get-FileHash -Algorithm SHA256');
    expect(script).toContain("if ($sum -ne $f.Sha256) { throw ('Printdeck: refused: '");
    expect(script).toContain("$infPath = Join-Path $work ('x64/hpcu270u.inf' -replace '/', '\\')");
    expect(script).toContain('& pnputil.exe /add-driver $infPath /install');
    expect(script).not.toContain('PRINTDECK-INF-FILE');
    // Every step of the agent's vendor path, in its order.
    for (const step of windowsInstallSteps(queue(), { protectedPrint: false, infPath: 'X' })) expect(script).toContain(`Printdeck: step ${step.step}`);
    expect(script).toContain('-DuplexingMode TwoSidedLongEdge -PaperSize A4');
  });

  it('reads protected print mode and then uses the IPP class driver instead, downloading nothing', () => {
    const script = windowsInstaller({ queue: queue(), files: INF_FILES, ...made });
    const [classBranch = '', vendorBranch = ''] = script.split('\r\n} else {\r\n');
    expect(classBranch).toContain('WindowsProtectedPrintGroupPolicyState');
    expect(classBranch).toContain("Add-Printer -Name 'Floor3-Color' -IppURL 'http://10.0.0.5:631/ipp/print'");
    expect(classBranch).not.toContain('Invoke-WebRequest');
    expect(vendorBranch).toContain('Invoke-WebRequest');
  });

  it('installs a driverless queue with the class driver and nothing to download, and refuses a PPD', () => {
    const script = windowsInstaller({ queue: queue({ protocol: 'ipp', port: 631, uri: 'ipp://10.0.0.5:631/ipp/print', resource: 'ipp/print' }, { kind: 'driverless', entryFile: null, folder: null }), files: [], ...made });
    expect(script).toContain("-IppURL 'http://10.0.0.5:631/ipp/print'");
    expect(script).not.toContain('Invoke-WebRequest');
    expect(script).not.toContain('$wpp');
    expect(installerProblem(queue({}, { kind: 'ppd' }), 'windows')).toMatch(/PPD for CUPS/);
    expect(() => windowsInstaller({ queue: queue({}, { kind: 'ppd' }), files: [], ...made })).toThrow(/Windows cannot use it/);
  });

  it("quotes names with quotes, and keeps a line break in a name out of the script's code", () => {
    const hostile = queue({ name: "Bob's\n$(evil) printer", location: "O'Brien’s room" });
    const script = windowsInstaller({ queue: hostile, files: INF_FILES, ...made });
    expect(script).toContain("-Location 'O''Brien’’s room'");
    const firstLine = script.split('\r\n')[0] ?? '';
    expect(firstLine).toContain("(\"Bob's $(evil) printer\")");
    expect(script.split('\r\n').filter((l) => l.includes('$(evil)')).every((l) => l.startsWith('#') || /'[^']*\$\(evil\)[^']*'/.test(l))).toBe(true);
  });
});

describe('the sh installer', () => {
  it('runs lpadmin -m everywhere for a driverless queue, then the defaults', () => {
    const script = posixInstaller({ queue: queue({ protocol: 'ipp', port: 631, uri: 'ipp://10.0.0.5:631/ipp/print', resource: 'ipp/print' }, { kind: 'driverless', os: 'linux', entryFile: null }), files: [], ...made });
    expect(script).toContain("lpadmin '-p' 'Floor3-Color' '-E' '-v' 'ipp://10.0.0.5:631/ipp/print' '-m' 'everywhere' '-D' 'Printdeck: Floor 3 colour' '-L' 'Floor 3, east'");
    expect(script).toContain("'-o' 'print-color-mode-default=monochrome'");
    expect(script).not.toContain('curl');
    expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
  });

  it('fetches the PPD, compares its SHA-256 and installs with it; a set without its PPD in the manifest is refused', () => {
    const ppd = { path: 'acme.ppd', sha256: 'd'.repeat(64), url: "http://console/plugins/drivers/pull-files/1.2.x/acme.ppd" };
    const q = queue({}, { kind: 'ppd', os: 'linux', entryFile: 'acme.ppd' });
    const script = posixInstaller({ queue: q, files: [ppd], ...made });
    expect(script).toContain(`curl -fsSL -o "$ppd" '${ppd.url}'`);
    expect(script).toContain(`if [ "$sum" != '${ppd.sha256}' ]`);
    expect(script).toContain(`'-P' "$ppd"`);
    expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
    expect(() => posixInstaller({ queue: q, files: [], ...made })).toThrow(/not in the set's manifest/);
    expect(() => posixInstaller({ queue: queue(), files: [], ...made })).toThrow(/Windows driver package/);
  });

  it('keeps quotes in names inside their words (sh -n accepts it, the name reaches lpadmin whole)', () => {
    const script = posixInstaller({ queue: queue({ name: "Bob's `rm -rf` $HOME", location: "it's here", protocol: 'ipp', port: 631, uri: 'ipp://h:631/ipp/print', resource: 'ipp/print' }, { kind: 'driverless', os: 'linux', entryFile: null }), files: [], ...made });
    expect(script).toContain(`'-D' 'Printdeck: Bob'\\''s \`rm -rf\` $HOME'`);
    expect(spawnSync('sh', ['-n'], { input: script }).status).toBe(0);
  });
});

describe('the visitor', () => {
  it('is given the system of its User-Agent unless ?os= names one', () => {
    expect(osOfUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0')).toBe('windows');
    expect(osOfUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15')).toBe('macos');
    expect(osOfUserAgent('Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0')).toBe('linux');
    expect(osOfUserAgent('Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile')).toBeNull();
    expect(osOfUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)')).toBeNull();
    expect(osOfUserAgent(undefined)).toBeNull();
    expect(visitorOs('linux', 'Mozilla/5.0 (Windows NT 10.0)')).toBe('linux');
    expect(visitorOs('beos', 'Mozilla/5.0 (Windows NT 10.0)')).toBe('windows');
  });

  it('reads the page in the first language of Accept-Language it has, by weight', () => {
    expect(pickLanguage('ja-JP,ja;q=0.9,en;q=0.8')).toBe('ja');
    expect(pickLanguage('en;q=0.5,ja;q=0.9')).toBe('ja');
    expect(pickLanguage('fr-FR,de;q=0.8')).toBe('en');
    expect(pickLanguage('ja;q=0')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
  });

  it('finds printers by every word in name, location, model, device and queue', () => {
    const entry = (id: number, name: string, location: string, model: string): PullEntry => ({ id, name, queueName: `q${id}`, location, model, deviceLabel: `dev${id}`, host: 'h', uri: 'ipp://h', protocol: 'ipp', port: 631, resource: '', defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null }, setId: 1, setName: 's', kind: 'driverless', systems: ['linux'] });
    const all = [entry(1, 'Sales colour', 'Floor 3 east', 'Ricoh IM C3000'), entry(2, 'Lab mono', 'Basement', 'Brother HL-L6400')];
    expect(searchEntries(all, 'floor ricoh').map((e) => e.id)).toEqual([1]);
    expect(searchEntries(all, 'BROTHER').map((e) => e.id)).toEqual([2]);
    expect(searchEntries(all, '  ').map((e) => e.id)).toEqual([1, 2]);
    expect(searchEntries(all, 'floor brother')).toEqual([]);
  });
});
