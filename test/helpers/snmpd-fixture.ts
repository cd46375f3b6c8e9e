import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Net-SNMP agent, when installed (package snmpd; .ci/run installs it). */
export const SNMPD = '/usr/sbin/snmpd';
export const haveSnmpd = existsSync(SNMPD);

export interface RunningSnmpd {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** A free UDP port on `host` (bound and released; good enough for a test that starts its agent at once). */
async function freeUdpPort(host: string): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * Starts snmpd in the foreground on a loopback port with its own configuration and persistent
 * folder (`config` lines are appended to the agent address), waits until it answers a GET
 * (bounded), and stops it by its PID.
 */
export async function startSnmpd(config: readonly string[], host = '127.0.0.1'): Promise<RunningSnmpd> {
  const dir = await mkdtemp(join(tmpdir(), 'printdeck-snmpd-'));
  const port = await freeUdpPort(host);
  const conf = join(dir, 'snmpd.conf');
  await writeFile(conf, [`agentaddress udp:${host}:${port}`, ...config, ''].join('\n'));
  const child: ChildProcess = spawn(SNMPD, ['-f', '-C', '-c', conf, '-Lf', join(dir, 'snmpd.log'), '-p', join(dir, 'snmpd.pid')], {
    env: { ...process.env, SNMP_PERSISTENT_DIR: dir, MIBS: '' },
    stdio: 'ignore',
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  const { execFile } = await import('node:child_process');
  for (let attempt = 0; attempt < 50; attempt++) {
    const answered = await new Promise<boolean>((resolve) =>
      execFile('snmpget', ['-v2c', '-c', 'public', '-t', '0.2', '-r', '0', `udp:${host}:${port}`, '1.3.6.1.2.1.1.3.0'], (error) => resolve(error === null)),
    );
    if (answered) return { host, port, stop };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`snmpd did not answer on ${host}:${port}`);
}
