import { createHash } from 'node:crypto';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { connectProblem, errorCode, errorMessage, isTlsCode, MailFailure, tlsAdvice } from './mail-failure';

/**
 * POP before SMTP needs only a login: greeting, USER/PASS or APOP, QUIT (RFC 1939).
 * Hand-written because the maintained npm POP3 clients (node-pop3) offer USER/PASS only —
 * no APOP, no access to the greeting's timestamp, no per-step timeouts — and this is ~150 lines.
 */
export interface PopLoginOptions {
  host: string;
  port: number;
  /** Implicit TLS (POP3S). */
  tls: boolean;
  verifyCertificate: boolean;
  user: string;
  password: string;
  apop: boolean;
  /** For the TCP (and TLS) connection. */
  connectionTimeoutMs: number;
  /** For each reply of the server. */
  replyTimeoutMs: number;
}

/** Logs in and out; resolves on success, rejects with MailFailure (step pop-connect, pop-tls, pop-auth or timeout). */
export async function popLogin(options: PopLoginOptions): Promise<void> {
  const where = `POP server ${options.host}:${options.port}`;
  const session = await PopSession.open(options, where);
  try {
    const greeting = await session.reply('greeting');
    if (!greeting.startsWith('+OK')) throw new MailFailure('pop-connect', `${where} did not greet with +OK ("${clip(greeting)}"): is it a POP3 server?`);
    if (options.apop) {
      const stamp = /<[^<>\s]+>/.exec(greeting)?.[0];
      if (!stamp) throw new MailFailure('pop-auth', `${where} offers no APOP (no timestamp in its greeting): turn APOP off for this server`);
      const digest = createHash('md5').update(stamp + options.password, 'utf8').digest('hex');
      await session.expectOk(`APOP ${options.user} ${digest}`, 'APOP', options.user);
    } else {
      await session.expectOk(`USER ${options.user}`, 'USER', options.user);
      await session.expectOk(`PASS ${options.password}`, 'PASS', options.user);
    }
    // The login is what opens the relay; a QUIT that goes wrong does not undo it.
    await session.send('QUIT').catch(() => undefined);
  } finally {
    session.close();
  }
}

class PopSession {
  private buffer = '';
  private lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly socket: Socket,
    private readonly options: PopLoginOptions,
    private readonly where: string,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', (error) => this.fail(new MailFailure('pop-connect', `${this.where} broke the connection: ${errorMessage(error)}`, { cause: error })));
    socket.on('close', () => this.fail(new MailFailure('pop-connect', `${this.where} closed the connection unexpectedly`)));
  }

  static open(options: PopLoginOptions, where: string): Promise<PopSession> {
    return new Promise((resolve, reject) => {
      const socket = options.tls
        ? connectTls({ host: options.host, port: options.port, rejectUnauthorized: options.verifyCertificate, servername: isIP(options.host) ? undefined : options.host })
        : connectTcp({ host: options.host, port: options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new MailFailure('timeout', `${where} did not accept a connection within ${seconds(options.connectionTimeoutMs)}: check the host and port`));
      }, options.connectionTimeoutMs);
      let tcpUp = false;
      socket.once('connect', () => (tcpUp = true));
      socket.once('error', (error) => {
        clearTimeout(timer);
        socket.destroy();
        const code = errorCode(error);
        const problem = connectProblem(code);
        if (options.tls && tcpUp && (isTlsCode(code) || !problem)) {
          reject(new MailFailure('pop-tls', `TLS with ${where} failed: ${tlsAdvice(errorMessage(error), options.verifyCertificate)}`, { cause: error }));
        } else {
          reject(new MailFailure('pop-connect', `${where} ${problem ?? `could not be reached: ${errorMessage(error)}`}`, { cause: error }));
        }
      });
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new PopSession(socket, options, where));
      });
    });
  }

  /** Sends a command and checks for +OK; -ERR is a refused login (step pop-auth). */
  async expectOk(command: string, verb: string, user: string): Promise<void> {
    const line = await this.send(command);
    if (line.startsWith('+OK')) return;
    throw new MailFailure('pop-auth', `${this.where} refused the login of "${user}" at ${verb} (${clip(line)}): check the POP user and password${verb === 'APOP' ? ' (and that the server allows APOP)' : ''}`);
  }

  send(command: string): Promise<string> {
    this.socket.write(`${command}\r\n`);
    return this.reply(command.split(' ')[0] ?? command);
  }

  reply(what: string): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new MailFailure('timeout', `${this.where} did not answer ${what} within ${seconds(this.options.replyTimeoutMs)}`));
      }, this.options.replyTimeoutMs);
      this.waiter = {
        resolve: (line) => (clearTimeout(timer), resolve(line)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    });
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    // A single reply line is short; a peer that never ends one is not a POP server.
    if (this.buffer.length > 64_000) return this.fail(new MailFailure('pop-connect', `${this.where} sent a reply line longer than 64 kB: is it a POP3 server?`));
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      const waiter = this.waiter;
      this.waiter = null;
      if (waiter) waiter.resolve(line);
      else this.lines.push(line);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(error);
  }
}

function clip(line: string): string {
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
