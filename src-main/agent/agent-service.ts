import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DriverOs } from '../../src-shared/plugins/drivers/driver-set';
import { psQuote } from '../../src-shared/plugins/drivers/shell-quote';

const run = promisify(execFile);

export const SERVICE_NAME = 'printdeck-agent';
export const LAUNCHD_LABEL = 'com.printdeck.agent';

/** The command that runs the agent: this Node and this program's entry, with the state folder. */
export interface AgentLaunch {
  node: string;
  entry: string;
  stateDir: string;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** systemd quotes words with spaces in double quotes and escapes \ and " inside them; % is doubled (a specifier otherwise). */
function systemdWord(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;
}

/** A systemd unit: starts at boot, restarts after a crash (after 10 s), as root (lpadmin needs it). */
export function systemdUnit(launch: AgentLaunch): string {
  return `[Unit]
Description=Printdeck agent (installs print queues pushed by the Printdeck console)
Wants=network-online.target cups.service
After=network-online.target cups.service

[Service]
Type=simple
ExecStart=${[launch.node, launch.entry, 'agent', 'run', '--state', launch.stateDir].map(systemdWord).join(' ')}
Restart=always
RestartSec=10
StateDirectory=${SERVICE_NAME}
UMask=0077

[Install]
WantedBy=multi-user.target
`;
}

/** A launchd daemon: runs at load, kept alive, its output in /Library/Logs. */
export function launchdPlist(launch: AgentLaunch): string {
  const args = [launch.node, launch.entry, 'agent', 'run', '--state', launch.stateDir].map((a) => `    <string>${xml(a)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>StandardOutPath</key>
  <string>/Library/Logs/printdeck-agent.log</string>
  <key>StandardErrorPath</key>
  <string>/Library/Logs/printdeck-agent.log</string>
</dict>
</plist>
`;
}

/** PowerShell (elevated) that runs the agent at start-up as SYSTEM and restarts it: a Node program does not speak the service control manager's protocol, so sc.exe alone cannot host it (README). */
export function windowsTaskCommand(launch: AgentLaunch): string {
  const q = psQuote;
  const argument = `"${launch.entry}" agent run --state "${launch.stateDir}"`;
  return [
    `$action = New-ScheduledTaskAction -Execute ${q(launch.node)} -Argument ${q(argument)}`,
    `$settings = New-ScheduledTaskSettingsSet -RestartCount 9999 -RestartInterval (New-TimeSpan -Minutes 1) -ExecutionTimeLimit ([TimeSpan]::Zero) -StartWhenAvailable`,
    `Register-ScheduledTask -TaskName 'Printdeck agent' -Action $action -Trigger (New-ScheduledTaskTrigger -AtStartup) -User 'SYSTEM' -RunLevel Highest -Settings $settings -Force`,
    `Start-ScheduledTask -TaskName 'Printdeck agent'`,
  ].join('; ');
}

/** Where the service definition goes on this OS (unitDir overrides, for tests and packagers). */
export function serviceFile(os: DriverOs, unitDir: string | null): string | null {
  if (os === 'linux') return join(unitDir ?? '/etc/systemd/system', `${SERVICE_NAME}.service`);
  if (os === 'macos') return join(unitDir ?? '/Library/LaunchDaemons', `${LAUNCHD_LABEL}.plist`);
  return null;
}

/** Writes the service definition and (unless `start` is false) enables and starts it; returns what was done, in words. */
export async function installService(os: DriverOs, launch: AgentLaunch, options: { unitDir: string | null; start: boolean }): Promise<string[]> {
  const file = serviceFile(os, options.unitDir);
  if (file === null) {
    if (options.start) await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', windowsTaskCommand(launch)], { windowsHide: true });
    return [options.start ? 'registered the scheduled task "Printdeck agent" (at start-up, as SYSTEM, restarted on failure) and started it' : `run in an elevated PowerShell: ${windowsTaskCommand(launch)}`];
  }
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, os === 'linux' ? systemdUnit(launch) : launchdPlist(launch), { mode: 0o644 });
  const done = [`wrote ${file}`];
  if (!options.start) return done;
  if (os === 'linux') {
    await run('systemctl', ['daemon-reload']);
    await run('systemctl', ['enable', '--now', `${SERVICE_NAME}.service`]);
    done.push(`enabled and started ${SERVICE_NAME}.service`);
  } else {
    await run('launchctl', ['bootstrap', 'system', file]);
    done.push(`loaded ${LAUNCHD_LABEL} into launchd`);
  }
  return done;
}
