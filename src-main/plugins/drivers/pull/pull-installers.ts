import type { JobQueue } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { cupsInstallCommands, cupsProblem } from '../../../../src-shared/plugins/drivers/cups-commands';
import { psString, windowsInstallSteps, WPP_QUERY } from '../../../../src-shared/plugins/drivers/windows-commands';
import { shQuote } from '../../../../src-shared/plugins/drivers/shell-quote';

/**
 * The pull page's one-click installers: a script that installs one queue on the visitor's
 * computer with exactly the commands the agent runs (src-shared cups-commands/windows-commands),
 * enrols nothing and leaves nothing else behind. Files of a driver set are fetched from the
 * console over a link signed for this script and checked against the set's SHA-256 manifest
 * before use; a file that differs stops the script with nothing installed.
 */

/** A file of the set as the script fetches it. */
export interface InstallerFile {
  /** Its path inside the set ("x64/prn.inf"). */
  path: string;
  sha256: string;
  url: string;
}

export interface InstallerInput {
  /** The queue, with `store: null`: no store address or password goes into a script. */
  queue: JobQueue;
  /** The set's files to fetch (the PPD alone for CUPS, the whole package for Windows); [] for driverless. */
  files: readonly InstallerFile[];
  /** Said in the script's head: who made it, when, until when its links work. */
  madeFor: string;
  madeAt: string;
  linksUntil: string;
}

const PPD_PLACEHOLDER = 'PRINTDECK-PPD-FILE';
const INF_PLACEHOLDER = 'PRINTDECK-INF-FILE';

/** A comment line: control characters and line breaks out, so a name cannot end the comment. */
function commentText(text: string): string {
  return [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
}

/** Why this queue has no script for `os`, or null. */
export function installerProblem(queue: JobQueue, os: 'windows' | 'posix'): string | null {
  if (os === 'posix') return cupsProblem(queue);
  if (queue.set.kind === 'ppd') return `the set "${queue.set.name}" is a PPD for CUPS: Windows cannot use it`;
  if (queue.set.kind === 'inf' && queue.set.entryFile === null) return `the set "${queue.set.name}" names no INF file`;
  return null;
}

/** sh for Linux and macOS: `sudo sh printdeck-<queue>.sh`. */
export function posixInstaller(input: InstallerInput): string {
  const { queue } = input;
  const problem = installerProblem(queue, 'posix');
  if (problem !== null) throw new RangeError(problem);
  const ppd = queue.set.kind === 'ppd' ? input.files.find((f) => f.path === queue.set.entryFile) : undefined;
  if (queue.set.kind === 'ppd' && ppd === undefined) throw new RangeError(`the PPD "${queue.set.entryFile ?? ''}" is not in the set's manifest`);
  const say = (text: string): string => `echo ${shQuote(`Printdeck: ${text}`)}`;
  const lines = [
    '#!/bin/sh',
    `# Printdeck: installs the print queue ${commentText(queue.queueName)} ("${commentText(queue.name)}") on this computer and nothing else; it enrols nothing.`,
    `# Printer: ${commentText(queue.uri)}; driver: ${queue.set.kind === 'driverless' ? 'driverless (IPP Everywhere)' : commentText(`${queue.set.name} (PPD)`)}.`,
    `# Made for ${commentText(input.madeFor)} at ${input.madeAt}; its download link works until ${input.linksUntil}.`,
    'set -eu',
    '# A CUPS server named by CUPS_SERVER decides itself who may add queues; the local one needs root.',
    `if [ "$(id -u)" != 0 ] && [ -z "\${CUPS_SERVER:-}" ]; then echo 'Printdeck: run it as root: sudo sh '"$0" >&2; exit 1; fi`,
    `command -v lpadmin >/dev/null 2>&1 || { echo 'Printdeck: lpadmin was not found: install CUPS first (Debian/Ubuntu: sudo apt-get install cups cups-client)' >&2; exit 1; }`,
  ];
  if (ppd !== undefined) {
    lines.push(
      'work=$(mktemp -d)',
      `trap 'rm -rf "$work"' EXIT`,
      'ppd="$work/queue.ppd"',
      say(`downloading ${ppd.path}`),
      `if command -v curl >/dev/null 2>&1; then curl -fsSL -o "$ppd" ${shQuote(ppd.url)}; else wget -q -O "$ppd" ${shQuote(ppd.url)}; fi`,
      `if command -v sha256sum >/dev/null 2>&1; then sum=$(sha256sum "$ppd" | cut -d' ' -f1); else sum=$(shasum -a 256 "$ppd" | cut -d' ' -f1); fi`,
      `if [ "$sum" != ${shQuote(ppd.sha256)} ]; then echo ${shQuote(`Printdeck: refused: ${ppd.path} differs from the set's manifest (SHA-256 expected ${ppd.sha256}, got `)}"$sum"'); nothing was installed' >&2; exit 1; fi`,
      say(`${ppd.path}: SHA-256 checked`),
    );
  }
  for (const command of cupsInstallCommands(queue, ppd === undefined ? null : PPD_PLACEHOLDER, null)) {
    const args = command.args.map((arg) => (arg === PPD_PLACEHOLDER ? '"$ppd"' : shQuote(arg)));
    lines.push(say(`step ${command.step}`), `${command.program} ${args.join(' ')}`);
  }
  lines.push(say(`the queue ${queue.queueName} is installed`), '');
  return lines.join('\n');
}

/** PowerShell for Windows (as administrator): the IPP class driver when driverless or under protected print mode, else the set's package. */
export function windowsInstaller(input: InstallerInput): string {
  const { queue } = input;
  const problem = installerProblem(queue, 'windows');
  if (problem !== null) throw new RangeError(problem);
  const step = (s: { step: string; script: string; note: string | null }): string[] => [
    `  Write-Output ${psString(`Printdeck: step ${s.step}${s.note === null ? '' : ` (${s.note})`}`)}`,
    `  & { ${s.script.split(psString(INF_PLACEHOLDER)).join('$infPath')} }`,
  ];
  const classSteps = windowsInstallSteps(queue, { protectedPrint: true, infPath: null }).flatMap(step);
  const lines = [
    `# Printdeck: installs the print queue ${commentText(queue.queueName)} ("${commentText(queue.name)}") on this computer and nothing else; it enrols nothing.`,
    `# Printer: ${commentText(queue.uri)}; driver: ${queue.set.kind === 'driverless' ? 'driverless (Microsoft IPP Class Driver)' : commentText(`${queue.set.name} (${queue.set.driverName})`)}.`,
    `# Made for ${commentText(input.madeFor)} at ${input.madeAt}; its download links work until ${input.linksUntil}.`,
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    'if (-not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { throw \'Printdeck: run it in PowerShell as administrator\' }',
  ];
  if (queue.set.kind === 'driverless') {
    lines.push('& {', ...classSteps, '}');
  } else {
    const files = input.files.map((f) => `  @{ Path = ${psString(f.path)}; Sha256 = ${psString(f.sha256)}; Url = ${psString(f.url)} }`);
    lines.push(
      `$wpp = & { ${WPP_QUERY} }`,
      "if ($wpp -eq '1') {",
      "  Write-Output 'Printdeck: protected print mode is on: the Microsoft IPP Class Driver is used instead of the set''s driver'",
      ...classSteps,
      '} else {',
      "  $work = Join-Path $env:TEMP ('printdeck-' + [guid]::NewGuid().ToString('N'))",
      '  New-Item -ItemType Directory -Path $work | Out-Null',
      '  try {',
      '    $files = @(',
      files.join(',\n'),
      '    )',
      '    foreach ($f in $files) {',
      "      $dest = Join-Path $work ($f.Path -replace '/', '\\')",
      '      New-Item -ItemType Directory -Force -Path (Split-Path -Parent $dest) | Out-Null',
      "      Write-Output ('Printdeck: downloading ' + $f.Path)",
      '      Invoke-WebRequest -UseBasicParsing -Uri $f.Url -OutFile $dest',
      '      $sum = (Get-FileHash -Algorithm SHA256 -Path $dest).Hash.ToLowerInvariant()',
      "      if ($sum -ne $f.Sha256) { throw ('Printdeck: refused: ' + $f.Path + ' differs from the set''s manifest (SHA-256 expected ' + $f.Sha256 + ', got ' + $sum + '); nothing was installed') }",
      '    }',
      `    $infPath = Join-Path $work (${psString(queue.set.entryFile ?? '')} -replace '/', '\\')`,
      ...windowsInstallSteps(queue, { protectedPrint: false, infPath: INF_PLACEHOLDER })
        .flatMap(step)
        .map((l) => `  ${l}`),
      '  } finally {',
      '    Remove-Item -Recurse -Force -Path $work -ErrorAction SilentlyContinue',
      '  }',
      '}',
    );
  }
  lines.push(`Write-Output ${psString(`Printdeck: the queue ${queue.queueName} is installed`)}`, '');
  return lines.join('\r\n');
}
