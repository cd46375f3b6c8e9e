import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectOutput, freePort, stopChild, tcpReady, waitUntil } from './daemon';

/**
 * Debian's vsftpd as the real FTP server of the driver store tests: its own vsftpd.conf in a
 * temporary folder, listening on a free loopback port, anonymous logins that may upload, make
 * folders and delete (the folder served is `root`), passive ports in a small free range and
 * active mode allowed (PORT, connecting from an unprivileged port: connect_from_port_20=NO).
 * run_as_launching_user: it runs as whoever starts the test, root or not — and then cannot
 * chroot, so the server's "/" is the machine's: tests use `root` (an absolute path) as the
 * store's directory, never "/". Stopped by its PID.
 */
export const VSFTPD = '/usr/sbin/vsftpd';
export const hasVsftpd = existsSync(VSFTPD);

export interface VsftpdRig {
  port: number;
  /** The folder the tests write in (absolute, as the server sees it: give it as the store's directory). */
  root: string;
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

/** Ports from `first` on, `count` of them, that are free now (the passive range). */
async function freeRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 40_000);
    let free = true;
    for (let port = first; port < first + count && free; port++) free = await canListen(port);
    if (free) return first;
  }
  throw new Error('no free range of passive ports found');
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function startVsftpd(options: { tls?: { cert: string; key: string } } = {}): Promise<VsftpdRig> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-vsftpd-'));
  const root = join(dir, 'root');
  mkdirSync(root);
  mkdirSync(join(dir, 'empty'));
  const port = await freePort();
  const pasv = await freeRange(10);
  const logFile = join(dir, 'vsftpd.log');
  const tls: string[] = [];
  if (options.tls) {
    writeFileSync(join(dir, 'cert.pem'), `${options.tls.cert}\n${options.tls.key}`, { mode: 0o600 });
    tls.push('ssl_enable=YES', `rsa_cert_file=${join(dir, 'cert.pem')}`, 'allow_anon_ssl=YES', 'force_anon_logins_ssl=NO', 'force_anon_data_ssl=NO', 'require_ssl_reuse=NO', 'ssl_ciphers=HIGH');
  }
  const conf = join(dir, 'vsftpd.conf');
  writeFileSync(
    conf,
    [
      'listen=YES',
      'listen_ipv6=NO',
      'listen_address=127.0.0.1',
      `listen_port=${port}`,
      'background=NO',
      'run_as_launching_user=YES',
      'seccomp_sandbox=NO',
      `secure_chroot_dir=${join(dir, 'empty')}`,
      'anonymous_enable=YES',
      'local_enable=NO',
      'no_anon_password=YES',
      `anon_root=${root}`,
      'write_enable=YES',
      'anon_upload_enable=YES',
      'anon_mkdir_write_enable=YES',
      'anon_other_write_enable=YES',
      'anon_world_readable_only=NO',
      'anon_umask=022',
      'pasv_enable=YES',
      `pasv_min_port=${pasv}`,
      `pasv_max_port=${pasv + 9}`,
      'port_enable=YES',
      'connect_from_port_20=NO',
      'xferlog_enable=YES',
      `vsftpd_log_file=${logFile}`,
      'log_ftp_protocol=YES',
      ...tls,
      '',
    ].join('\n'),
  );
  const child = spawn(VSFTPD, [conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  const log = (): string => output() + (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  try {
    await waitUntil(() => tcpReady(port, 'greeting'), { what: `vsftpd did not greet on 127.0.0.1:${port}`, timeoutMs: 10_000, child, name: 'vsftpd', output: log });
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('vsftpd started without a PID');
  return {
    port,
    root,
    pid,
    log,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}


