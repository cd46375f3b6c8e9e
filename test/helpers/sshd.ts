import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, tcpReady, waitUntil } from './daemon';

/**
 * Debian's OpenSSH server for the agent installation tests: its own sshd_config, host key and
 * authorized_keys in a temporary folder, on a free loopback port, in the foreground (-D -e),
 * public-key logins only. sshd needs its privilege separation folder (/run/sshd), made when
 * missing as the package's service would. Stopped by its PID.
 */
export const SSHD = '/usr/sbin/sshd';
export const SSH_KEYGEN = '/usr/bin/ssh-keygen';
export const hasSshd = existsSync(SSHD) && existsSync(SSH_KEYGEN) && process.getuid?.() === 0;

export interface SshdRig {
  port: number;
  /** The private key (OpenSSH format) whose public half may log in as root. */
  clientKey: string;
  log(): string;
  /** Restarts with a new host key on the same port (a reinstalled computer). */
  newHostKey(): Promise<void>;
  stop(): Promise<void>;
}

function keygen(file: string): void {
  const result = spawnSync(SSH_KEYGEN, ['-q', '-t', 'ed25519', '-N', '', '-f', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${result.stderr}`);
}



export async function startSshd(): Promise<SshdRig> {
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-sshd-'));
  const port = await freePort();
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o600 });
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  let output = '';
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    rmSync(join(dir, 'host_key'), { force: true });
    rmSync(join(dir, 'host_key.pub'), { force: true });
    keygen(join(dir, 'host_key'));
    const started = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.setEncoding('utf8').on('data', (t: string) => (output += t));
    started.stderr?.setEncoding('utf8').on('data', (t: string) => (output += t));
    child = started;
    await waitUntil(() => tcpReady(port, 'greeting', (first) => first.toString().startsWith('SSH-')), { what: `sshd did not answer on 127.0.0.1:${port}`, timeoutMs: 10_000, child: started, name: 'sshd', output: () => output });
  };
  const stop = async (): Promise<void> => {
    if (child) await stopChild(child);
  };
  try {
    await start();
  } catch (error) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    clientKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    log: () => output,
    newHostKey: async () => {
      await stop();
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
