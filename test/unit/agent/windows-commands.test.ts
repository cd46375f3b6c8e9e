import { describe, expect, it } from 'vitest';
import { isPrintdeckQueue } from '../../../src-shared/plugins/drivers/cups-commands';
import { psString, windowsInstallSteps, windowsIppUrl, windowsRemoveStep, WPP_QUERY } from '../../../src-shared/plugins/drivers/windows-commands';
import { windowsTaskCommand } from '../../../src-main/agent/agent-service';
import { infJobQueue } from '../../helpers/job-queue-builders';

/** The PowerShell the agent runs on Windows, for each case of the issue: vendor driver, class driver under protected print mode, defaults, quoting. */

const queue = infJobQueue;

describe('Windows queue steps', () => {
  it('vendor driver over RAW 9100: stages the INF with pnputil, adds the driver, a TCP port, the printer, then the defaults', () => {
    const steps = windowsInstallSteps(queue(), { protectedPrint: false, infPath: 'C:\\ProgramData\\Printdeck\\agent\\work\\9\\7\\x64\\hpcu270u.inf' });
    expect(steps.map((s) => s.step)).toEqual(['driver', 'port', 'queue', 'defaults']);
    expect(steps[0]?.script).toContain("& pnputil.exe /add-driver 'C:\\ProgramData\\Printdeck\\agent\\work\\9\\7\\x64\\hpcu270u.inf' /install");
    expect(steps[0]?.script).toContain("Add-PrinterDriver -Name 'HP Universal Printing PCL 6'");
    expect(steps[0]?.script).toContain('$LASTEXITCODE -ne 3010');
    expect(steps[1]?.script).toContain("Add-PrinterPort -Name 'IP_10.0.0.5_9100' -PrinterHostAddress '10.0.0.5' -PortNumber 9100");
    expect(steps[2]?.script).toContain("Add-Printer -Name 'Floor3-Color' -DriverName 'HP Universal Printing PCL 6' -PortName 'IP_10.0.0.5_9100'");
    expect(steps[2]?.script).toContain("Set-Printer -Name 'Floor3-Color' -Comment 'Printdeck: Floor 3 colour' -Location 'Floor 3, east'");
    expect(steps[3]?.script).toContain("Set-PrintConfiguration -PrinterName 'Floor3-Color' -Color $false -DuplexingMode TwoSidedLongEdge -PaperSize A4");
    for (const step of steps) expect(step.script.startsWith("$ErrorActionPreference = 'Stop'")).toBe(true);
  });

  it('vendor driver over LPD: an LPR port with the queue name on the device', () => {
    const steps = windowsInstallSteps(queue({ protocol: 'lpd', port: 515, resource: 'PASSTHRU', uri: 'lpd://10.0.0.5:515/PASSTHRU' }), { protectedPrint: false, infPath: 'C:\\x.inf' });
    expect(steps[1]?.script).toContain("Add-PrinterPort -Name 'LPR_10.0.0.5_PASSTHRU' -LprHostAddress '10.0.0.5' -LprQueueName 'PASSTHRU'");
  });

  it('under protected print mode: no vendor driver, the IPP class driver over IPP instead, and the report says why', () => {
    const steps = windowsInstallSteps(queue(), { protectedPrint: true, infPath: null });
    expect(steps.map((s) => s.step)).toEqual(['queue', 'defaults']);
    expect(steps.map((s) => s.script).join('\n')).not.toContain('pnputil');
    expect(steps[0]?.script).toContain("Add-Printer -Name 'Floor3-Color' -IppURL 'http://10.0.0.5:631/ipp/print'");
    expect(steps[0]?.note).toContain('protected print mode is on');
    expect(steps[0]?.note).toContain('HP Universal Printing PCL 6');
    expect(steps[0]?.note).toContain('RAW 9100');
    // No -DriverName: given only an IPP URL, Windows makes the queue with its IPP class driver.
    expect(steps[0]?.script).not.toContain('-DriverName');
    expect(steps[0]?.script).not.toContain('-PortName');
  });

  it('a driverless set: the class driver through the printer URL, ipps as https; colour and short-edge duplex defaults', () => {
    const q = queue({ protocol: 'ipps', port: 443, resource: '/ipp/print', uri: 'ipps://printer.example:443/ipp/print', host: 'printer.example', defaults: { color: 'color', duplex: 'two-sided-short-edge', paperSize: null } }, { kind: 'driverless', driverName: '', entryFile: null, folder: null });
    const steps = windowsInstallSteps(q, { protectedPrint: false, infPath: null });
    expect(steps.map((s) => s.step)).toEqual(['queue', 'defaults']);
    expect(steps[0]?.script).toContain("-IppURL 'https://printer.example:443/ipp/print'");
    expect(steps[0]?.note).toBeNull();
    expect(steps[1]?.script).toContain('-Color $true -DuplexingMode TwoSidedShortEdge');
    expect(steps[1]?.script).not.toContain('-PaperSize');
    expect(windowsIppUrl({ host: 'fe80::1', port: 631, resource: '', protocol: 'ipp' })).toBe('http://[fe80::1]:631/ipp/print');
  });

  it('quotes hostile names so they stay data: quotes doubled (also typographic ones), $ and ; and backticks inert inside verbatim strings', () => {
    expect(psString("O'Brien")).toBe("'O''Brien'");
    expect(psString('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(psString('$(Remove-Item C:\\ -Recurse); `whoami`')).toBe("'$(Remove-Item C:\\ -Recurse); `whoami`'");
    const hostile = queue({ queueName: "Q'; Remove-Item -Recurse C:\\; '", name: "x' + $(calc) + 'y", location: '‘; Stop-Computer; ‘' }, { driverName: "Evil'Driver" });
    const script = windowsInstallSteps(hostile, { protectedPrint: false, infPath: "C:\\a'b.inf" }).map((s) => s.script).join('\n');
    expect(script).toContain("Add-Printer -Name 'Q''; Remove-Item -Recurse C:\\; ''' -DriverName 'Evil''Driver'");
    expect(script).toContain("-Comment 'Printdeck: x'' + $(calc) + ''y'");
    expect(script).toContain("-Location '‘‘; Stop-Computer; ‘‘'");
    expect(script).toContain("/add-driver 'C:\\a''b.inf'");
    // Every single quote in the script is either a string delimiter or doubled inside one.
    for (const line of script.split('\n')) expect(stripStrings(line)).not.toMatch(/['‘’]/);
  });

  it('removes a queue only when it exists and its comment marks it as Printdeck\'s; another is left alone and said so', () => {
    expect(windowsRemoveStep("A'B").script).toContain(
      "$existing = Get-Printer -Name 'A''B' -ErrorAction SilentlyContinue; if (-not $existing) { 'absent' } elseif ($existing.Comment -notlike 'Printdeck: *') { 'not-ours' } else { Remove-Printer -Name 'A''B'; 'removed' }",
    );
  });

  it('replaces an existing queue of the name only when Printdeck made it, else the queue step fails before Add-Printer', () => {
    for (const protectedPrint of [false, true]) {
      const queueStep = windowsInstallSteps(queue(), { protectedPrint, infPath: 'C:\\x.inf' }).find((s) => s.step === 'queue')?.script ?? '';
      const guard = queueStep.indexOf("if ($existing -and $existing.Comment -notlike 'Printdeck: *') { throw 'a print queue of this name exists that Printdeck did not create");
      expect(guard).toBeGreaterThan(0);
      expect(guard).toBeLessThan(queueStep.indexOf("if ($existing) { Remove-Printer -Name 'Floor3-Color' }"));
      expect(queueStep.indexOf('Remove-Printer')).toBeLessThan(queueStep.indexOf('Add-Printer'));
    }
  });

  it('reads protected print mode from the policy value the "Configure Windows protected print" policy writes, 1 meaning on', () => {
    expect(WPP_QUERY).toBe(
      "$v = (Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Printers\\WPP' -Name 'WindowsProtectedPrintGroupPolicyState' -ErrorAction SilentlyContinue).WindowsProtectedPrintGroupPolicyState; if ($v -eq 1) { '1' } else { '0' }",
    );
  });

  it('tells a CUPS queue Printdeck made by its description', () => {
    expect(isPrintdeckQueue("copies=1 device-uri=ipp://h/ipp/print printer-info='Printdeck: Floor 3' printer-location=Lab")).toBe(true);
    expect(isPrintdeckQueue("device-uri=ipp://h/ipp/print printer-info='Made by IT, not Printdeck: x'")).toBe(false);
    expect(isPrintdeckQueue("printer-info='It\\'s Printdeck: x'")).toBe(false);
    expect(isPrintdeckQueue('device-uri=ipp://h/ipp/print')).toBe(false);
  });

  it('refuses a vendor install without an INF (a PPD set is not for Windows)', () => {
    expect(() => windowsInstallSteps(queue({}, { kind: 'ppd' }), { protectedPrint: false, infPath: null })).toThrow(/not a Windows driver package/);
  });
});

/** The line with every verbatim string ('…' with doubled quotes inside) taken out. */
function stripStrings(line: string): string {
  return line.replace(/['‘’‚‛](?:[^'‘’‚‛]|['‘’‚‛]{2})*['‘’‚‛]/g, '');
}

describe('the Windows scheduled task that runs the agent', () => {
  it('quotes its paths with the one PowerShell quoter: a typographic quote in a folder name cannot end the string', () => {
    const command = windowsTaskCommand({ node: 'C:\\Program Files\\nodejs\\node.exe', entry: 'C:\\printdeck\\printdeck.js', stateDir: 'C:\\ProgramData\\O’Brien’; calc; ’' });
    const action = command.slice(0, command.indexOf('; $settings'));
    expect(action).toContain('--state "C:\\ProgramData\\O’’Brien’’; calc; ’’"\'');
    expect(stripStrings(action)).toBe('$action = New-ScheduledTaskAction -Execute  -Argument ');
  });
});
