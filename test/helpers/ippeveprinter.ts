import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, tcpReady, waitUntil } from './daemon';

/**
 * ippeveprinter (Debian cups-ipp-utils) alone, as the printer an IPP Everywhere check asks: a
 * free loopback port, advertising off, its spool in a temporary folder. It will not start
 * without a D-Bus bus for Avahi ("Unable to initialize DNS-SD"), so a private dbus-daemon is
 * named to it as the system bus (as test/helpers/cups.ts does). `ippVersion` "1.1" makes a
 * printer that is not IPP Everywhere. Both processes are stopped by their PIDs.
 */
export const IPPEVEPRINTER = '/usr/sbin/ippeveprinter';
export const DBUS_DAEMON = '/usr/bin/dbus-daemon';
export const hasIppeveprinter = existsSync(IPPEVEPRINTER) && existsSync(DBUS_DAEMON);

export interface IppPrinterRig {
  port: number;
  uri: string;
  stop(): Promise<void>;
}

export async function startIppeveprinter(options: { ippVersion?: '1.1' | '2.0'; formats?: string; name?: string } = {}): Promise<IppPrinterRig> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-ippeve-'));
  mkdirSync(join(dir, 'spool'));
  const bus = join(dir, 'bus');
  const port = await freePort();
  let output = '';
  const collect = (child: ChildProcess): ChildProcess => {
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return child;
  };
  const children: ChildProcess[] = [collect(spawn(DBUS_DAEMON, ['--session', `--address=unix:path=${bus}`, '--nofork', '--nopidfile'], { stdio: ['ignore', 'pipe', 'pipe'] }))];
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(() => existsSync(bus), { what: 'dbus-daemon did not start', timeoutMs: 15_000, output: () => output });
    const args = ['-V', options.ippVersion ?? '2.0', '-p', String(port), '-d', join(dir, 'spool'), '-r', 'off', '-M', 'Printdeck', '-m', 'Laser 5000', ...(options.formats ? ['-f', options.formats] : []), options.name ?? 'Printdeck Test Printer'];
    children.push(collect(spawn(IPPEVEPRINTER, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${bus}` } })));
    await waitUntil(() => tcpReady(port, 'connect'), { what: 'ippeveprinter did not start', timeoutMs: 15_000, output: () => output });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, uri: `ipp://127.0.0.1:${port}/ipp/print`, stop };
}



