import type { JobQueue } from './agent-protocol';
import { psQuote } from './shell-quote';

/**
 * The PowerShell steps of a queue on Windows (PrintManagement module, elevated: the agent runs
 * as a service under SYSTEM). Pure, so every case is unit-tested; the agent (installers.ts) runs
 * each step as `powershell.exe -NoProfile -NonInteractive -Command <script>` and reports it.
 *
 * Every value from the console is a PowerShell verbatim string ('…', each ' doubled — also the
 * typographic quotes, which PowerShell treats as quotes too), so a queue or driver name cannot
 * run code. Under Windows protected print mode third-party drivers are refused: the queue is
 * created with the Microsoft IPP class driver over IPP instead.
 */

export const IPP_CLASS_DRIVER = 'Microsoft IPP Class Driver';

/** How a queue's comment (Windows) or description (CUPS) starts when Printdeck made it. */
export const PRINTDECK_MARK = 'Printdeck: ';
/** Said when a queue of the name exists that Printdeck did not make. */
export const NOT_OURS = `a print queue of this name exists that Printdeck did not create (its comment or description does not start with "${PRINTDECK_MARK.trim()}"): not ours, left alone`;

/**
 * Where protected print mode is read: the policy "Configure Windows protected print"
 * (Administrative Templates → Printers) writes this key; WindowsProtectedPrintGroupPolicyState
 * = 1 means on. Settings → Bluetooth & devices → Printers writes the same value.
 */
export const WPP_REGISTRY_KEY = 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Printers\\WPP';
export const WPP_REGISTRY_VALUE = 'WindowsProtectedPrintGroupPolicyState';

export interface WindowsStep {
  step: 'driver' | 'port' | 'queue' | 'defaults' | 'remove';
  script: string;
  /** Said in the report beside the outcome ("protected print mode: the IPP class driver instead of …"). */
  note: string | null;
}

/** A PowerShell verbatim string (the one quoter, shell-quote.ts). */
export const psString = psQuote;

const PREAMBLE = "$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; Import-Module PrintManagement; ";

/** The script that reads protected print mode: prints 1 when on, 0 otherwise. */
export const WPP_QUERY = `$v = (Get-ItemProperty -Path ${psString(WPP_REGISTRY_KEY)} -Name ${psString(WPP_REGISTRY_VALUE)} -ErrorAction SilentlyContinue).${WPP_REGISTRY_VALUE}; if ($v -eq 1) { '1' } else { '0' }`;

/** The URL Windows takes for an IPP printer (http:// for ipp://, https:// for ipps://). */
export function windowsIppUrl(queue: Pick<JobQueue, 'host' | 'port' | 'resource' | 'protocol'>): string {
  const host = queue.host.includes(':') && !queue.host.startsWith('[') ? `[${queue.host}]` : queue.host;
  const secure = queue.protocol === 'ipps';
  const port = queue.protocol === 'ipp' || queue.protocol === 'ipps' ? queue.port : 631;
  return `${secure ? 'https' : 'http'}://${host}:${port}/${queue.resource.replace(/^\/+/, '') || 'ipp/print'}`;
}

const DUPLEX: Readonly<Record<JobQueue['defaults']['duplex'], string>> = { 'one-sided': 'OneSided', 'two-sided-long-edge': 'TwoSidedLongEdge', 'two-sided-short-edge': 'TwoSidedShortEdge' };
/** PWG media names to Set-PrintConfiguration -PaperSize values. */
const PAPER: Readonly<Record<string, string>> = {
  iso_a4_210x297mm: 'A4',
  iso_a3_297x420mm: 'A3',
  iso_a5_148x210mm: 'A5',
  jis_b4_257x364mm: 'B4',
  jis_b5_182x257mm: 'B5',
  'na_letter_8.5x11in': 'Letter',
  'na_legal_8.5x14in': 'Legal',
  na_ledger_11x17in: 'Tabloid',
};

function portName(queue: JobQueue): string {
  return queue.protocol === 'lpd' ? `LPR_${queue.host}_${queue.resource || 'queue'}` : `IP_${queue.host}_${queue.port}`;
}

/**
 * The steps that create `queue`. infPath: the set's INF as downloaded (null for driverless or
 * under protected print mode, when nothing is downloaded).
 */
export function windowsInstallSteps(queue: JobQueue, options: { protectedPrint: boolean; infPath: string | null }): WindowsStep[] {
  const name = psString(queue.queueName);
  const classDriver = queue.set.kind === 'driverless' || options.protectedPrint;
  const steps: WindowsStep[] = [];
  // A queue of this name is replaced only when Printdeck made it (its comment); another is left alone and the step fails saying so.
  const replace = `$existing = Get-Printer -Name ${name} -ErrorAction SilentlyContinue; if ($existing -and $existing.Comment -notlike ${psString(`${PRINTDECK_MARK}*`)}) { throw ${psString(NOT_OURS)} }; if ($existing) { Remove-Printer -Name ${name} }; `;
  if (classDriver) {
    const why =
      queue.set.kind === 'driverless'
        ? null
        : `protected print mode is on: the Microsoft IPP class driver over IPP instead of "${queue.set.driverName}"${queue.protocol === 'ipp' || queue.protocol === 'ipps' ? '' : ` and ${queue.protocol === 'raw' ? 'RAW 9100' : 'LPD'}`}`;
    const viaIpp = queue.protocol === 'ipp' || queue.protocol === 'ipps' ? null : `the IPP class driver prints over IPP only: ${windowsIppUrl(queue)} instead of ${queue.uri}`;
    steps.push({
      step: 'queue',
      script: `${PREAMBLE}${replace}Add-Printer -Name ${name} -IppURL ${psString(windowsIppUrl(queue))}${locationArg(queue)}`,
      note: [why, viaIpp].filter((n): n is string => n !== null).join('; ') || null,
    });
  } else {
    if (queue.set.kind !== 'inf' || options.infPath === null) throw new Error(`the set "${queue.set.name}" is not a Windows driver package (its kind is ${queue.set.kind})`);
    steps.push({
      step: 'driver',
      script: `${PREAMBLE}& pnputil.exe /add-driver ${psString(options.infPath)} /install | Out-String | Write-Output; if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 3010) { throw "pnputil exited with $LASTEXITCODE" }; Add-PrinterDriver -Name ${psString(queue.set.driverName)}`,
      note: null,
    });
    const port = psString(portName(queue));
    const addPort =
      queue.protocol === 'raw'
        ? `Add-PrinterPort -Name ${port} -PrinterHostAddress ${psString(queue.host)} -PortNumber ${queue.port}`
        : queue.protocol === 'lpd'
          ? `Add-PrinterPort -Name ${port} -LprHostAddress ${psString(queue.host)} -LprQueueName ${psString(queue.resource || 'queue')}`
          : null;
    if (addPort === null) {
      steps.push({ step: 'queue', script: `${PREAMBLE}${replace}Add-Printer -Name ${name} -DriverName ${psString(queue.set.driverName)} -IppURL ${psString(windowsIppUrl(queue))}${locationArg(queue)}`, note: null });
    } else {
      steps.push({ step: 'port', script: `${PREAMBLE}if (-not (Get-PrinterPort -Name ${port} -ErrorAction SilentlyContinue)) { ${addPort} }`, note: null });
      steps.push({ step: 'queue', script: `${PREAMBLE}${replace}Add-Printer -Name ${name} -DriverName ${psString(queue.set.driverName)} -PortName ${port}${locationArg(queue)}`, note: null });
    }
  }
  const paper = queue.defaults.paperSize === null ? '' : ` -PaperSize ${PAPER[queue.defaults.paperSize] ?? 'A4'}`;
  steps.push({
    step: 'defaults',
    script: `${PREAMBLE}Set-PrintConfiguration -PrinterName ${name} -Color ${queue.defaults.color === 'color' ? '$true' : '$false'} -DuplexingMode ${DUPLEX[queue.defaults.duplex]}${paper}`,
    note: null,
  });
  return steps;
}

/** Marks the queue as Printdeck's (its comment) and sets its location, after Add-Printer (Set-Printer takes both in every case). */
function locationArg(queue: JobQueue): string {
  return `; Set-Printer -Name ${psString(queue.queueName)} -Comment ${psString(`${PRINTDECK_MARK}${queue.name}`)}${queue.location === '' ? '' : ` -Location ${psString(queue.location)}`}`;
}

/** What the removal script prints last: the queue was not there, was not Printdeck's (left alone), or was removed. */
export const REMOVE_OUTCOMES = ['absent', 'not-ours', 'removed'] as const;

/** Removes the queue when it exists and Printdeck made it (its comment); prints one of REMOVE_OUTCOMES. */
export function windowsRemoveStep(queueName: string): WindowsStep {
  const name = psString(queueName);
  return {
    step: 'remove',
    script: `${PREAMBLE}$existing = Get-Printer -Name ${name} -ErrorAction SilentlyContinue; if (-not $existing) { 'absent' } elseif ($existing.Comment -notlike ${psString(`${PRINTDECK_MARK}*`)}) { 'not-ours' } else { Remove-Printer -Name ${name}; 'removed' }`,
    note: null,
  };
}

/** The script that lists printers whose comment marks them as Printdeck's (one name a line). */
export const WINDOWS_LIST_QUEUES = `${PREAMBLE}Get-Printer | Where-Object { $_.Comment -like ${psString(`${PRINTDECK_MARK}*`)} } | ForEach-Object { $_.Name }`;
