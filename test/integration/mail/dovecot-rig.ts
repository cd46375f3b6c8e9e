import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's dovecot as the real POP3 server of POP before SMTP tests: started in the foreground
 * with a generated configuration (POP3 only, one loopback address, a passwd-file user with a
 * plain password so APOP works), stopped by the test. Its log says who logged in from where,
 * which is exactly what a POP-before-SMTP relay reads.
 */
export const DOVECOT = '/usr/sbin/dovecot';
export const hasDovecot = existsSync(DOVECOT) && process.getuid?.() === 0;

export interface DovecotRig {
  host: string;
  port: number;
  /** Login lines of the log so far: user, method (PLAIN for USER/PASS, APOP) and remote address. */
  logins(): Array<{ user: string; method: string; remoteAddress: string }>;
  /** Failed logins so far (auth failures of the log). */
  failures(): string[];
  stop(): Promise<void>;
}

export async function startDovecot(options: { host: string; port: number; users: Record<string, string> }): Promise<DovecotRig> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-dovecot-'));
  chmodSync(dir, 0o755);
  const mail = join(dir, 'mail');
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(join(dir, sub));
  // Mailboxes belong to the unprivileged user the userdb maps every POP user to.
  chownSync(mail, 65534, 65534);
  writeFileSync(join(dir, 'passwd'), Object.entries(options.users).map(([user, password]) => `${user}:{PLAIN}${password}::::::\n`).join(''));
  const log = join(dir, 'dovecot.log');
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
info_log_path = ${log}
protocols = pop3
listen = ${options.host}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain apop
auth_failure_delay = 0
auth_verbose = yes
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=${dir}/home/%u
}
service pop3-login {
  inet_listener pop3 {
    address = ${options.host}
    port = ${options.port}
  }
  inet_listener pop3s {
    port = 0
  }
}
# No auth penalty (growing delays after failed logins from one address): tests fail logins on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`,
  );
  const child = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const readLog = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  try {
    await waitForPort(options.host, options.port, child, () => `${output}\n${readLog()}`);
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: options.host,
    port: options.port,
    logins: () =>
      [...readLog().matchAll(/Login: user=<([^>]*)>, method=(\w+), rip=([\d.]+)/g)].map((m) => ({ user: m[1] ?? '', method: m[2] ?? '', remoteAddress: m[3] ?? '' })),
    failures: () => readLog().split('\n').filter((line) => /auth failed|Aborted login|Disconnected.*auth/i.test(line)),
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits (at most 10 s, every 100 ms) until the POP port accepts connections. */
async function waitForPort(host: string, port: number, child: ChildProcess, diagnostics: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${diagnostics()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not listen on ${host}:${port} within 10 s:\n${diagnostics()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
