import type { JobQueue } from './agent-protocol';
import { PRINTDECK_MARK } from './windows-commands';

/**
 * The CUPS commands of a queue (Linux and macOS), as argument arrays for execFile (no shell:
 * a queue or location with spaces or quotes reaches lpadmin as one argument). Pure, so each
 * case is unit-tested; the agent (installers.ts) runs them; the pull page writes them into its installer scripts.
 *
 *   lpadmin [-h server] -p Q -E -v URI -m everywhere -D info -L location   driverless (IPP Everywhere)
 *   lpadmin [-h server] -p Q -E -v URI -P file.ppd -D info -L location     a vendor PPD
 *   lpadmin [-h server] -p Q -o print-color-mode-default=monochrome -o sides-default=… -o Duplex=… [-o media-default=…]
 *   lpadmin [-h server] -x Q
 *
 * cupsd makes an IPP Everywhere queue's PPD from the printer's attributes after lpadmin returns;
 * until then the queue is a raw one ("Local Raw Printer") and defaults set on it are lost when
 * the PPD arrives, so the agent waits for the model to change before the defaults step.
 */

export interface CupsCommand {
  /** The step reported ("queue", "defaults", "remove"). */
  step: string;
  program: 'lpadmin';
  args: string[];
}

/** "-h host:port" when a CUPS server is given (tests use a private cupsd), else nothing (CUPS_SERVER or the local one). */
function server(cupsServer: string | null): string[] {
  return cupsServer === null ? [] : ['-h', cupsServer];
}

/** Why CUPS cannot create this queue, or null. */
export function cupsProblem(queue: JobQueue): string | null {
  if (queue.set.kind === 'inf') return `the set "${queue.set.name}" is a Windows driver package: it cannot be installed by CUPS`;
  if (queue.set.kind === 'driverless' && queue.protocol !== 'ipp' && queue.protocol !== 'ipps') {
    return `a driverless (IPP Everywhere) queue needs IPP, but the association uses ${queue.protocol === 'raw' ? 'RAW 9100' : 'LPD'}: choose IPP or IPPS, or a PPD set`;
  }
  if (queue.set.kind === 'ppd' && queue.set.entryFile === null) return `the set "${queue.set.name}" names no PPD file`;
  return null;
}

/** The PPD's Duplex choice for an IPP sides keyword (the IPP Everywhere PPD and most vendor PPDs name them so). */
const PPD_DUPLEX: Readonly<Record<JobQueue['defaults']['duplex'], string>> = { 'one-sided': 'None', 'two-sided-long-edge': 'DuplexNoTumble', 'two-sided-short-edge': 'DuplexTumble' };

/**
 * The `-o` options that set the queue's defaults. A PPD queue (IPP Everywhere queues have a
 * generated one) takes its duplex default from the PPD's Duplex option, which outranks
 * sides-default: both are set.
 */
export function cupsDefaultOptions(defaults: JobQueue['defaults']): string[] {
  const options = [`print-color-mode-default=${defaults.color}`, `sides-default=${defaults.duplex}`, `Duplex=${PPD_DUPLEX[defaults.duplex]}`];
  if (defaults.paperSize !== null) options.push(`media-default=${defaults.paperSize}`);
  return options.flatMap((o) => ['-o', o]);
}

/** The commands that create `queue` (ppdFile: the set's PPD as downloaded; null for driverless). */
export function cupsInstallCommands(queue: JobQueue, ppdFile: string | null, cupsServer: string | null): CupsCommand[] {
  const model = queue.set.kind === 'driverless' ? ['-m', 'everywhere'] : ['-P', ppdFile ?? ''];
  const info = `${PRINTDECK_MARK}${queue.name}`;
  return [
    { step: 'queue', program: 'lpadmin', args: [...server(cupsServer), '-p', queue.queueName, '-E', '-v', queue.uri, ...model, '-D', info, '-L', queue.location] },
    { step: 'defaults', program: 'lpadmin', args: [...server(cupsServer), '-p', queue.queueName, ...cupsDefaultOptions(queue.defaults)] },
  ];
}

export function cupsRemoveCommand(queueName: string, cupsServer: string | null): CupsCommand {
  return { step: 'remove', program: 'lpadmin', args: [...server(cupsServer), '-x', queueName] };
}

/** Queue names in `lpstat -v` output ("device for Q: ipp://…"; older CUPS: "device for Q: …" too). */
export function queuesOfLpstat(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => /^device for ([^:\s]+):/.exec(line)?.[1] ?? null)
    .filter((name): name is string => name !== null);
}

/** What CUPS calls a queue without a driver: an IPP Everywhere queue is this until cupsd has made its PPD from the printer's attributes. */
export const RAW_MODEL = 'Local Raw Printer';

/** An option's value in `lpoptions -p Q` output ("printer-info='Printdeck: Floor 3'", quotes and backslashes undone), or null. */
export function lpoptionOf(lpoptions: string, option: string): string | null {
  const escaped = option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(?:^|\\s)${escaped}=(?:'((?:[^'\\\\]|\\\\.)*)'|(\\S+))`).exec(lpoptions);
  if (!match) return null;
  return (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1');
}

/** printer-make-and-model in `lpoptions -p Q` output ("printer-make-and-model='Acme Laser 5000'"), or null. */
export function makeAndModelOf(lpoptions: string): string | null {
  return lpoptionOf(lpoptions, 'printer-make-and-model');
}

/** Whether `lpoptions -p Q` output describes a queue Printdeck made (its printer-info, set with lpadmin -D). */
export function isPrintdeckQueue(lpoptions: string): boolean {
  return (lpoptionOf(lpoptions, 'printer-info') ?? '').startsWith(PRINTDECK_MARK);
}
