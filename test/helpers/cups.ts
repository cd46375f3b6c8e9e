import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, waitUntil } from './daemon';

/**
 * A private CUPS for the print queue tests: Debian's cupsd with its own cupsd.conf and
 * cups-files.conf in a temporary folder (cupsd.conf(5), cups-files.conf(5)), listening on a
 * free loopback port, no authentication (a test-only policy), run in the foreground with
 * -f -c -s; and ippeveprinter (cups-ipp-utils) as the simulated IPP Everywhere printer on
 * another free loopback port, keeping the documents it receives in its spool folder (-d, -k).
 *
 * ippeveprinter will not start without a D-Bus bus for Avahi, even with advertising off
 * ("Unable to initialize DNS-SD"): a private dbus-daemon is started and named to it as the
 * system bus (DBUS_SYSTEM_BUS_ADDRESS), so Avahi's client waits there and nothing is advertised.
 * Every process is stopped by its PID.
 */
export const CUPSD = '/usr/sbin/cupsd';
export const IPPEVEPRINTER = '/usr/sbin/ippeveprinter';
export const LPADMIN = '/usr/sbin/lpadmin';
export const DBUS_DAEMON = '/usr/bin/dbus-daemon';
export const hasCups = [CUPSD, IPPEVEPRINTER, LPADMIN, DBUS_DAEMON, '/usr/bin/ipptool', '/usr/bin/lpstat', '/usr/bin/lp', '/usr/bin/lpoptions'].every((p) => existsSync(p)) && process.getuid?.() === 0;

export interface CupsRig {
  /** "127.0.0.1:port" of cupsd (lpadmin/lpstat -h, CUPS_SERVER). */
  server: string;
  /** The printer's URI: ipp://127.0.0.1:port/ipp/print. */
  printerUri: string;
  printerPort: number;
  /** Files ippeveprinter received. */
  received(): string[];
  /** The text of a CUPS command run against this cupsd (lpstat, lpoptions, lp) — throws with its stderr on failure. */
  run(program: string, args: readonly string[]): string;
  log(): string;
  stop(): Promise<void>;
}



export async function startCups(): Promise<CupsRig> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-cups-'));
  for (const sub of ['spool/tmp', 'cache', 'state', 'log', 'received']) mkdirSync(join(dir, sub), { recursive: true });
  const port = await freePort();
  const printerPort = await freePort();
  const server = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'cupsd.conf'),
    [`Listen ${server}`, 'LogLevel info', 'Browsing No', 'WebInterface No', 'DefaultAuthType None', 'DefaultEncryption Never', '<Location />', '  Order allow,deny', '  Allow all', '</Location>', '<Policy default>', '  <Limit All>', '    Order deny,allow', '  </Limit>', '</Policy>', ''].join('\n'),
  );
  writeFileSync(
    join(dir, 'cups-files.conf'),
    [
      `ServerRoot ${dir}`,
      `RequestRoot ${join(dir, 'spool')}`,
      `TempDir ${join(dir, 'spool/tmp')}`,
      `CacheDir ${join(dir, 'cache')}`,
      `StateDir ${join(dir, 'state')}`,
      'ServerBin /usr/lib/cups',
      'DataDir /usr/share/cups',
      `AccessLog ${join(dir, 'log/access_log')}`,
      `ErrorLog ${join(dir, 'log/error_log')}`,
      `PageLog ${join(dir, 'log/page_log')}`,
      `Printcap ${join(dir, 'printcap')}`,
      'FileDevice No',
      'User lp',
      'Group lp',
      'SystemGroup root',
      '',
    ].join('\n'),
  );
  let output = '';
  const collect = (child: ChildProcess): ChildProcess => {
    child.stdout?.setEncoding('utf8').on('data', (t: string) => (output += t));
    child.stderr?.setEncoding('utf8').on('data', (t: string) => (output += t));
    return child;
  };
  const bus = join(dir, 'bus');
  const dbus = collect(spawn(DBUS_DAEMON, ['--session', `--address=unix:path=${bus}`, '--nofork', '--nopidfile'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const cupsd = collect(spawn(CUPSD, ['-f', '-c', join(dir, 'cupsd.conf'), '-s', join(dir, 'cups-files.conf')], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const children = [dbus, cupsd];
  const run = (program: string, args: readonly string[]): string => {
    const result = spawnSync(program, [...args], { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
    return result.stdout;
  };
  const logText = (): string => `${output}\n${existsSync(join(dir, 'log/error_log')) ? readFileSync(join(dir, 'log/error_log'), 'utf8').slice(-4_000) : ''}`;
  const stop = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(() => existsSync(bus), { what: 'dbus-daemon did not start', timeoutMs: 10_000, output: logText });
    const printer = collect(
      spawn(IPPEVEPRINTER, ['-2', '-s', '10,10', '-p', String(printerPort), '-d', join(dir, 'received'), '-k', '-r', 'off', '-f', 'application/pdf,image/pwg-raster,image/urf', 'Printdeck Test Printer'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${bus}` },
      }),
    );
    children.push(printer);
    await waitUntil(() => spawnSync('/usr/bin/lpstat', ['-h', server, '-r'], { encoding: 'utf8' }).stdout.includes('is running'), { what: 'cupsd did not start', timeoutMs: 15_000, output: logText });
    await waitUntil(() => spawnSync('/usr/bin/ipptool', ['-q', `ipp://127.0.0.1:${printerPort}/ipp/print`, 'get-printer-attributes.test'], { encoding: 'utf8' }).status === 0, { what: 'ippeveprinter did not start', timeoutMs: 15_000, output: logText });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    server,
    printerUri: `ipp://127.0.0.1:${printerPort}/ipp/print`,
    printerPort,
    received: () => readdirSync(join(dir, 'received')).filter((f) => !f.startsWith('.')),
    run,
    log: logText,
    stop,
  };
}
