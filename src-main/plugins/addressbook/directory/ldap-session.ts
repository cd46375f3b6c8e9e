import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Client, FilterParser, ResultCodeError, type Entry } from 'ldapts';
import { defaultDirectoryPort, type DirectoryConnection, type DirectoryProblemCode, type DirectoryTestStep } from '../../../../src-shared/plugins/addressbook/directory-connection';
import { ACTIVE_DIRECTORY_BIND_REASONS, capitalise, certificateNames, codeOf, describeTls, NETWORK_CODES, textOf, UNTRUSTED_CERTIFICATE } from './ldap-wording';

/**
 * The address book plug-in's LDAP adapter (the only file of the plug-in that imports ldapts).
 * One session is one connection, opened step by step so a failure names its step: TCP (with
 * the name lookup), TLS (LDAPS, or StartTLS before any bind), the bind, then searches. Every
 * step is bounded by the connection's time-out and ends at once when the caller's signal aborts;
 * a failure is a DirectoryFailure whose message says what to change. No password is put in any
 * message (ldapts puts none in its errors).
 */

/** One finished step, for the connection test's report. */
export interface StepReport {
  step: DirectoryTestStep;
  ok: boolean;
  message: string;
  ms: number;
}

/** An expected failure of a directory step, with a stable code and a message a person can act on. */
export class DirectoryFailure extends Error {
  constructor(
    readonly code: DirectoryProblemCode,
    message: string,
    readonly step: DirectoryTestStep,
  ) {
    super(message);
    this.name = 'DirectoryFailure';
  }
}

export interface SessionOptions {
  signal?: AbortSignal;
  /** Called as each step ends, passed or failed. */
  onStep?: (report: StepReport) => void;
}

/** One page of a paged search, as ldapts decoded it. */
export interface SearchPage {
  entries: Entry[];
  /** Referrals (continuation references) the page named; they are not followed. */
  references: number;
}

/** Unbind is a courtesy: the socket is closed after this long at the latest. */
const UNBIND_WAIT_MS = 1_000;

class StepTimeout extends Error {}
class StepAborted extends Error {}

export class LdapSession {
  private raw: Socket | null = null;
  private secured: TLSSocket | null = null;
  private client: Client | null = null;
  private closed = false;
  private readonly port: number;

  private constructor(
    private readonly connection: DirectoryConnection,
    private readonly options: SessionOptions,
  ) {
    this.port = connection.port ?? defaultDirectoryPort(connection.security);
  }

  /** Connects (and secures) a session: the connect and tls steps. Throws DirectoryFailure; nothing stays open after a failure. */
  static async open(connection: DirectoryConnection, options: SessionOptions = {}): Promise<LdapSession> {
    const session = new LdapSession(connection, options);
    try {
      await session.start();
      return session;
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  /** host:port, for messages. */
  get where(): string {
    return `${this.connection.host.includes(':') ? `[${this.connection.host}]` : this.connection.host}:${this.port}`;
  }

  /** Binds with the DN and password, or reads anonymously without a bind DN: the bind step. */
  async bind(dn: string, password: string | null): Promise<void> {
    if (dn === '') {
      this.report('bind', true, 'no bind DN: reading anonymously', 0);
      return;
    }
    // A DN with an empty password is an unauthenticated bind (RFC 4513 §5.1.2): it "succeeds" and reads nothing.
    if (password === null || password === '') throw new DirectoryFailure('settings', 'the connection has a bind DN but no password: enter the bind password', 'settings');
    await this.step('bind', () => this.live().bind(dn, password), () => `bound as ${dn}`);
  }

  /** Reads the base DN itself: the base step. */
  async checkBase(baseDn: string): Promise<void> {
    await this.step(
      'base',
      () => this.live().search(baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'], timeLimit: this.timeLimitSeconds() }),
      (found) => (found.searchEntries.length > 0 ? `the base DN ${baseDn} exists` : `the base DN ${baseDn} exists but this account cannot read it`),
    );
  }

  /**
   * Searches below baseDn page by page (the paged results control, RFC 2696) and yields each
   * page, each fetch bounded by the time-out. A consumer that stops early ends the search (the
   * connection's close abandons it at the server). Failures are DirectoryFailures of the search step.
   */
  async *pages(baseDn: string, query: { filter: string; attributes: string[]; pageSize: number }): AsyncGenerator<SearchPage> {
    const filter = this.parseFilter(query.filter);
    let client: Client;
    try {
      client = this.live();
    } catch (error) {
      throw this.classify(error, 'search');
    }
    const search = client.searchPaginated(baseDn, {
      scope: 'sub',
      filter,
      attributes: query.attributes,
      paged: { pageSize: query.pageSize },
      timeLimit: this.timeLimitSeconds(),
    });
    try {
      while (true) {
        const next = await this.guarded('search', search.next());
        if (next.done) return;
        yield { entries: next.value.searchEntries, references: next.value.searchReferences.length };
      }
    } finally {
      // Ends ldapts' generator if the consumer stopped early (a no-op once it finished or failed);
      // not awaited: after a time-out its page is still settling on the closed socket.
      search.return(undefined).catch(() => undefined);
    }
  }

  /** One base-scope search of an entry's attributes (Active Directory's ranged member lists), bounded like a page. */
  async read(dn: string, attributes: string[]): Promise<Entry | null> {
    const found = await this.guarded('search', this.live().search(dn, { scope: 'base', filter: '(objectClass=*)', attributes, timeLimit: this.timeLimitSeconds() }));
    return found.searchEntries[0] ?? null;
  }

  /**
   * Runs work as a reported step: its time, its message, and its failure said plainly (a
   * DirectoryFailure). Bounded by the time-out, or by `rounds` of it for work of several requests.
   */
  async step<T>(step: DirectoryTestStep, work: () => Promise<T>, describe: (value: T) => string, rounds = 1): Promise<T> {
    const started = performance.now();
    try {
      const value = await this.guarded(step, work(), rounds);
      this.report(step, true, describe(value), performance.now() - started);
      return value;
    } catch (error) {
      const failure = error instanceof DirectoryFailure ? error : this.classify(error, step);
      this.report(step, false, failure.message, performance.now() - started);
      throw failure;
    }
  }

  /** Bounds work and turns its failure into a DirectoryFailure of the step, unreported. */
  private async guarded<T>(step: DirectoryTestStep, work: Promise<T>, rounds = 1): Promise<T> {
    try {
      return await this.bounded(step, work, rounds);
    } catch (error) {
      throw error instanceof DirectoryFailure ? error : this.classify(error, step);
    }
  }

  /** Unbinds (briefly) and closes; never throws. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client?.isConnected) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([client.unbind().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, UNBIND_WAIT_MS)))]);
      clearTimeout(timer);
    }
    this.destroy();
  }

  private async start(): Promise<void> {
    const { connection } = this;
    const raw = await this.step('connect', () => this.connectTcp(), (socket) => `connected to ${this.where}${socket.remoteAddress && socket.remoteAddress !== connection.host ? ` (${socket.remoteAddress})` : ''}`);
    const host = connection.host.includes(':') ? `[${connection.host}]` : connection.host;
    switch (connection.security) {
      case 'ldaps': {
        const secured = await this.step('tls', () => this.handshake({ ...this.tlsOptions(), socket: raw }), (socket) => describeTls(socket, connection.verifyCertificate));
        this.client = new Client({ url: `ldaps://${host}:${this.port}`, timeout: this.backstopMs, createSecureConnection: handOnce(secured) });
        return;
      }
      case 'starttls': {
        const client = new Client({
          url: `ldap://${host}:${this.port}`,
          timeout: this.backstopMs,
          createConnection: handOnce(raw),
          // ldapts calls this once, from startTLS(), with the options given there and the connection to upgrade.
          createSecureConnection: (options: number | ConnectionOptions) => {
            if (typeof options !== 'object') throw new Error('StartTLS expected TLS options');
            this.secured = tlsConnect(options);
            return this.secured;
          },
        });
        this.client = client;
        await this.step(
          'tls',
          () => client.startTLS(this.tlsOptions()),
          () => `StartTLS: ${this.secured ? describeTls(this.secured, connection.verifyCertificate) : 'upgraded'}`,
        );
        return;
      }
      case 'none':
        this.client = new Client({ url: `ldap://${host}:${this.port}`, timeout: this.backstopMs, createConnection: handOnce(raw) });
        return;
      default:
        assertNever(connection.security);
    }
  }

  private tlsOptions(): ConnectionOptions {
    const { connection } = this;
    return {
      host: connection.host,
      // SNI carries names only, never addresses.
      servername: isIP(connection.host) === 0 ? connection.host : undefined,
      rejectUnauthorized: connection.verifyCertificate,
      ca: connection.caCertificate === '' ? undefined : connection.caCertificate,
      minVersion: 'TLSv1.2',
    };
  }

  private connectTcp(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: this.connection.host, port: this.port });
      this.raw = socket;
      const failed = (error: Error): void => reject(error);
      socket.once('error', failed);
      socket.once('connect', () => {
        socket.removeListener('error', failed);
        // Later errors reach ldapts through the operation under way; this keeps them from being unhandled.
        socket.on('error', () => undefined);
        resolve(socket);
      });
    });
  }

  private handshake(options: ConnectionOptions): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const secured = tlsConnect(options);
      this.secured = secured;
      const failed = (error: Error): void => reject(error);
      secured.once('error', failed);
      secured.once('secureConnect', () => {
        secured.removeListener('error', failed);
        secured.on('error', () => undefined);
        resolve(secured);
      });
    });
  }

  private parseFilter(filter: string): ReturnType<typeof FilterParser.parseString> {
    try {
      return FilterParser.parseString(filter);
    } catch (error) {
      throw new DirectoryFailure('filter', `the filter is not a valid LDAP filter (${textOf(error)}): check its parentheses, "=" and escapes`, 'search');
    }
  }

  /** Ends work after the time-out or on abort, closing the connection so nothing is left waiting. */
  private bounded<T>(step: DirectoryTestStep, work: Promise<T>, rounds: number): Promise<T> {
    const signal = this.options.signal;
    // Whatever work does after the race is decided (a rejection from the closed socket) is expected.
    work.catch(() => undefined);
    if (signal?.aborted) {
      this.destroy();
      return Promise.reject(new DirectoryFailure('aborted', 'the directory read was cancelled', step));
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.destroy();
        reject(new StepTimeout());
      }, this.connection.timeoutMs * rounds);
      onAbort = () => {
        this.destroy();
        reject(new StepAborted());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    stop.catch(() => undefined);
    return Promise.race([work, stop]).finally(() => {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    });
  }

  /** ldapts' own per-operation time-out: a backstop a little after ours, so the message is ours. */
  private get backstopMs(): number {
    return this.connection.timeoutMs + 500;
  }

  private timeLimitSeconds(): number {
    return Math.ceil(this.connection.timeoutMs / 1_000);
  }

  private live(): Client {
    if (this.closed || !this.client) throw new Error('the connection to the directory was closed');
    return this.client;
  }

  private destroy(): void {
    this.secured?.destroy();
    this.raw?.destroy();
  }

  private report(step: DirectoryTestStep, ok: boolean, message: string, ms: number): void {
    this.options.onStep?.({ step, ok, message, ms: Math.round(ms) });
  }

  /** What went wrong at a step, said so that a person knows what to change. */
  private classify(error: unknown, step: DirectoryTestStep): DirectoryFailure {
    const { connection } = this;
    const seconds = `${connection.timeoutMs / 1_000} s`;
    if (error instanceof StepAborted || (this.options.signal?.aborted ?? false)) return new DirectoryFailure('aborted', 'the directory read was cancelled', step);
    if (error instanceof StepTimeout || /Operation timed out/.test(textOf(error))) {
      switch (step) {
        case 'connect':
          return new DirectoryFailure('unreachable', `no answer from ${this.where} within ${seconds}: the server may be off, or a firewall drops the connection`, step);
        case 'tls':
          return new DirectoryFailure(
            'tls',
            connection.security === 'ldaps' ? `no TLS answer from ${this.where} within ${seconds}: the port may speak plain LDAP (LDAPS is usually on 636; on 389 choose StartTLS)` : `no answer to StartTLS from ${this.where} within ${seconds}`,
            step,
          );
        default:
          return new DirectoryFailure('timeout', `the directory did not answer within ${seconds} (at the ${step} step): try again, or give a longer time-out`, step);
      }
    }
    if (error instanceof ResultCodeError) return this.classifyResult(error, step);
    const code = codeOf(error);
    const text = textOf(error);
    if (step === 'connect') {
      if (code === 'ENOTFOUND' || code === 'EAI_NONAME') return new DirectoryFailure('unreachable', `the name ${connection.host} is not known (DNS): check the server name`, step);
      if (code === 'EAI_AGAIN') return new DirectoryFailure('unreachable', `the name ${connection.host} could not be looked up (DNS did not answer): try again, or give the IP address`, step);
      if (code === 'ECONNREFUSED') return new DirectoryFailure('unreachable', `${this.where} refused the connection: nothing listens on port ${this.port} (check the port, and that the directory's LDAP service runs)`, step);
      if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN') return new DirectoryFailure('unreachable', `${this.where} cannot be reached (${code}): check the address and the network`, step);
      return new DirectoryFailure('unreachable', `cannot connect to ${this.where} (${code ?? text})`, step);
    }
    if (step === 'tls' || (code !== null && /CERT|SSL|TLS|EPROTO/.test(code))) return this.classifyTls(error, code, text);
    if ((code !== null && NETWORK_CODES.has(code)) || /Connection closed|Socket error|socket connection not established|connection to the directory was closed/i.test(text)) {
      return new DirectoryFailure('unreachable', `the directory closed the connection during the ${step} step (${code ?? 'no reason given'}): try again`, step);
    }
    return new DirectoryFailure('server', `${step}: ${text}`, step);
  }

  private classifyTls(error: unknown, code: string | null, text: string): DirectoryFailure {
    const { connection } = this;
    const untrusted = code === null ? undefined : UNTRUSTED_CERTIFICATE[code];
    const advice = connection.caCertificate === '' ? 'give the CA certificate that signed it, or (on a network you trust) turn certificate checking off' : 'check that the CA certificate given is the one that signed it';
    if (untrusted !== undefined) return new DirectoryFailure('tls', `the server's certificate is not trusted: ${untrusted}. ${capitalise(advice)}.`, 'tls');
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const names = certificateNames(error);
      return new DirectoryFailure('tls', `the server's certificate is for another name: it does not name ${connection.host}${names ? ` (it names ${names})` : ''}. Connect with a name the certificate lists.`, 'tls');
    }
    if (code === 'CERT_HAS_EXPIRED') return new DirectoryFailure('tls', "the server's certificate has expired: the directory's administrator must renew it", 'tls');
    if (code === 'CERT_NOT_YET_VALID') return new DirectoryFailure('tls', "the server's certificate is not valid yet: check this computer's clock and the server's", 'tls');
    if (connection.security === 'ldaps' && (code === 'ECONNRESET' || code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /disconnected before secure TLS/i.test(text))) {
      return new DirectoryFailure('tls', `no TLS handshake with ${this.where} (${code ?? text}): the port may speak plain LDAP (LDAPS is usually on 636; on 389 choose StartTLS)`, 'tls');
    }
    return new DirectoryFailure('tls', `TLS with ${this.where} failed (${code ?? text})`, 'tls');
  }

  private classifyResult(error: ResultCodeError, step: DirectoryTestStep): DirectoryFailure {
    const { connection } = this;
    // ldapts appends " Code: 0x31" to what the server said (often nothing).
    const text = error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
    const said = text === '' ? '' : ` (the directory said: ${text})`;
    if (step === 'tls') return new DirectoryFailure('tls', `the server refused StartTLS${said}: it may have no certificate set up; choose LDAPS, or ask the directory's administrator`, step);
    switch (error.code) {
      case 49: {
        const reason = /data ([0-9a-f]{3})/i.exec(text)?.[1]?.toLowerCase();
        const detail = reason === undefined ? undefined : ACTIVE_DIRECTORY_BIND_REASONS[reason];
        return new DirectoryFailure('bind', `the directory refused the bind DN or password${detail ? ` (${detail})` : ''}`, step);
      }
      case 8:
      case 13:
        return new DirectoryFailure('access', `the directory answers this only over a secure connection${said}: choose LDAPS or StartTLS`, step);
      case 1:
        if (connection.bindDn === '' && step !== 'bind') return new DirectoryFailure('access', `the directory does not let anonymous clients search${said}: give a bind DN and password`, step);
        return new DirectoryFailure('server', `the directory answered an operations error at the ${step} step${said}`, step);
      case 32:
        return new DirectoryFailure('base', `the base DN ${connection.baseDn} does not exist on the directory (or this account may not see it): check the base DN`, step);
      case 34:
        return step === 'bind'
          ? new DirectoryFailure('bind', `the bind DN ${connection.bindDn} is not a valid DN${said}`, step)
          : new DirectoryFailure('base', `the base DN ${connection.baseDn} is not a valid DN${said}`, step);
      case 50:
        return new DirectoryFailure('access', `${connection.bindDn === '' ? 'anonymous clients' : connection.bindDn} may not read there${said}`, step);
      case 4:
      case 11:
        return new DirectoryFailure('size-limit', `the directory stopped the search at its own size limit${said}: narrow the filter or the base DN, or ask the directory's administrator to allow the bind DN more`, step);
      case 3:
        return new DirectoryFailure('timeout', `the directory stopped the search at its time limit${said}: narrow the filter or the base DN`, step);
      case 12:
        return new DirectoryFailure('server', `the directory does not support paged searches${said}`, step);
      case 51:
      case 52:
        return new DirectoryFailure('unreachable', `the directory is busy or unavailable${said}: try again later`, step);
      case 53:
        return new DirectoryFailure(step === 'bind' ? 'bind' : 'server', `the directory is unwilling to do this${said}`, step);
      default:
        return new DirectoryFailure('server', `the directory answered ${error.name} (result code ${error.code}) at the ${step} step${said}`, step);
    }
  }
}

/** A connection factory that hands out one socket: a second call (ldapts reconnecting) fails instead of opening an unchecked connection. */
function handOnce<T extends Socket>(socket: T): () => T {
  let handed = false;
  return () => {
    if (handed) throw new Error('the connection to the directory was closed');
    handed = true;
    return socket;
  };
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
