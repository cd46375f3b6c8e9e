import type { ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';

/**
 * What every test daemon helper (slapd, vsftpd, prometheus, cups, ippeveprinter, sshd) does the
 * same way: a free loopback port, its output gathered for failure messages, waiting until it is
 * ready (or has died), and stopping it by its PID.
 */

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Gathers the child's stdout and stderr; the function returns all of it so far. */
export function collectOutput(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

/**
 * Whether 127.0.0.1:port takes a connection (`connect`), or also sends its first bytes (`greeting`,
 * for servers that speak first: FTP, SSH); `accept` checks those bytes.
 */
export function tcpReady(port: number, wait: 'connect' | 'greeting', accept: (first: Buffer) => boolean = () => true): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    if (wait === 'connect') socket.once('connect', () => (socket.destroy(), resolve(true)));
    else socket.once('data', (data: Buffer) => (socket.destroy(), resolve(accept(data))));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Asks `check` every `everyMs` until it is true, for at most `timeoutMs`. Fails at once when
 * `child` has exited, and otherwise with `${what} within N s`; both end with the daemon's output.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, options: { what: string; timeoutMs: number; everyMs?: number; child?: ChildProcess; name?: string; output: () => string }): Promise<void> {
  const everyMs = options.everyMs ?? 100;
  const until = Date.now() + options.timeoutMs;
  for (let attempt = 0; attempt <= options.timeoutMs / everyMs && Date.now() < until; attempt++) {
    if (options.child && options.child.exitCode !== null) throw new Error(`${options.name ?? 'the daemon'} exited with ${options.child.exitCode}:\n${options.output()}`);
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${options.what} within ${options.timeoutMs / 1000} s:\n${options.output()}`);
}

/** SIGTERM to the child's PID, SIGKILL after 5 s; resolves at once when it has exited or never started. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
