import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Client, ResultCodeError, type Entry } from 'ldapts';
import type { DirectoryTestStep } from '../../../src-shared/contract/accounts.contract';
import type { DirectoryAuthenticator, DirectoryResult } from './directory';
import { activeDirectoryBindProblem, attributeValues, directoryUserName, escapeFilterValue, fillBindName, fillFilter, isDnTemplate, mergeGroups } from './ldap-text';

/**
 * The directory adapter: LDAP simple bind with ldapts (the only file that imports it). One
 * sign-in is one connection: TCP, TLS (ldaps:// or StartTLS), a bind with the service account,
 * a search for the user's entry, a bind as the user with their password, the groups; then
 * unbind and close, whatever happened. The whole attempt is bounded by timeoutMs. It never
 * throws and never puts a password in a message.
 */

export interface LdapDirectoryConfig {
  url: string;
  startTls: boolean;
  verifyCertificate: boolean;
  /** PEM; empty: Node's built-in authorities. */
  caCertificate: string;
  /** Service account; empty: users bind directly through userDnTemplate. */
  bindDn: string;
  bindPassword: string;
  userDnTemplate: string;
  baseDn: string;
  userFilter: string;
  userNameAttribute: string;
  displayNameAttribute: string;
  groupsAttribute: string;
  groupSearch: { baseDn: string; filter: string } | null;
  timeoutMs: number;
}

export type LdapFailureReason = 'unknown-user' | 'wrong-password' | 'unreachable' | 'misconfigured';

export interface LdapStepReport {
  step: DirectoryTestStep;
  ok: boolean;
  message: string;
  ms: number;
}

export interface LdapUser {
  dn: string;
  userName: string;
  displayName: string;
  groups: string[];
}

export type LdapProbeResult =
  | { ok: true; steps: LdapStepReport[]; user: LdapUser | null }
  | { ok: false; steps: LdapStepReport[]; failedStep: DirectoryTestStep; reason: LdapFailureReason; message: string; user: LdapUser | null };

/** Simple bind with an empty password is an "unauthenticated bind" (RFC 4513 §5.1.2) that many servers (AD) answer with success. */
export const EMPTY_PASSWORD_REFUSED = 'an empty password is refused (LDAP would treat it as an unauthenticated bind, which succeeds without any password)';

/** Group searches return at most this many groups (a user in more is in enough of them to be mapped). */
const MAX_GROUPS = 1000;
/** Unbind is a courtesy: the socket is destroyed after this long at the latest. */
const UNBIND_WAIT_MS = 1_000;

export function createLdapDirectory(config: LdapDirectoryConfig): LdapDirectory {
  return new LdapDirectory(config);
}

export class LdapDirectory implements DirectoryAuthenticator {
  constructor(private readonly config: LdapDirectoryConfig) {}

  async authenticate(userName: string, password: string): Promise<DirectoryResult> {
    if (password === '') return { ok: false, reason: 'wrong-password', message: `wrong-password: ${EMPTY_PASSWORD_REFUSED}` };
    if (userName.trim() === '') return { ok: false, reason: 'unknown-user', message: 'unknown-user: no user name' };
    let result: LdapProbeResult;
    try {
      result = await this.probe({ userName, password });
    } catch (error) {
      // probe() does not throw; this keeps the port's promise if a future change makes it.
      return { ok: false, reason: 'misconfigured', message: `misconfigured: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (!result.ok) return { ok: false, reason: result.reason, message: `${result.reason}: ${result.message}` };
    if (!result.user) return { ok: false, reason: 'misconfigured', message: 'misconfigured: the directory accepted the password but the user could not be read' };
    const { userName: name, displayName, groups } = result.user;
    return { ok: true, user: { userName: name, displayName, groups } };
  }

  /**
   * Runs the steps and reports each. Without userName: connect, TLS, the service account's bind
   * and a look at the base DN. With userName: the user's entry and groups, and with password
   * also the user's bind. Never throws.
   */
  async probe(subject: { userName?: string; password?: string }): Promise<LdapProbeResult> {
    const trace = new Trace();
    const session = new LdapSession(this.config, trace);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        session.abort();
        reject(new DeadlineError());
      }, this.config.timeoutMs);
    });
    try {
      const user = await Promise.race([this.flow(session, trace, subject), deadline]);
      return { ok: true, steps: [...trace.steps], user };
    } catch (error) {
      const { reason, message } = this.classify(error, trace.current);
      trace.fail(message);
      return { ok: false, steps: [...trace.steps], failedStep: trace.current, reason, message, user: trace.user };
    } finally {
      clearTimeout(timer);
      await session.close();
    }
  }

  private async flow(session: LdapSession, trace: Trace, subject: { userName?: string; password?: string }): Promise<LdapUser | null> {
    const { config } = this;
    const service = config.bindDn !== '';
    await session.open();
    if (service) {
      trace.begin('bind');
      await session.bind(config.bindDn, config.bindPassword);
      trace.done(`bound as the service account ${config.bindDn}`);
    }
    const userName = subject.userName;
    if (userName === undefined) {
      if (service && config.baseDn !== '') {
        trace.begin('search');
        await session.search(config.baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
        trace.done(`the base DN ${config.baseDn} exists`);
      }
      return null;
    }
    const attributes = [config.userNameAttribute, config.displayNameAttribute, 'cn', config.groupsAttribute].filter((a) => a !== '');
    let entry: Entry | null;
    if (service) {
      trace.begin('search');
      entry = await this.findUser(session, fillFilter(config.userFilter, { user: userName }), attributes);
      if (!entry) throw new StepFailure('unknown-user', `no entry matches ${fillFilter(config.userFilter, { user: userName })} under ${config.baseDn || 'the root'}`);
      trace.user = this.userOf(entry, userName, []);
      trace.done(`found ${entry.dn}`);
      if (subject.password !== undefined) await this.bindAsUser(session, trace, entry.dn, subject.password);
    } else {
      if (subject.password === undefined) {
        trace.begin('user-bind');
        throw new StepFailure('misconfigured', 'without a service account, a user can only be looked up with their password');
      }
      const bindName = fillBindName(config.userDnTemplate, userName);
      await this.bindAsUser(session, trace, bindName, subject.password);
      trace.begin('search');
      // The entry must be the one that just bound: the DN itself, or for AD's user@domain the
      // entry with that userPrincipalName (its sAMAccountName may be another user's UPN prefix).
      entry = isDnTemplate(config.userDnTemplate)
        ? ((await session.search(bindName, { scope: 'base', filter: '(objectClass=*)', attributes })).searchEntries[0] ?? null)
        : await this.findUser(session, config.userDnTemplate.includes('@') ? `(userPrincipalName=${escapeFilterValue(bindName)})` : fillFilter(config.userFilter, { user: userName }), attributes);
      entry ??= { dn: isDnTemplate(config.userDnTemplate) ? bindName : '' };
      trace.user = this.userOf(entry, userName, []);
      trace.done(entry.dn ? `read ${entry.dn}` : 'the user could not read their own entry: no display name or groups from it');
    }
    trace.begin('groups');
    const fromAttribute = attributeValues(entry, config.groupsAttribute);
    let fromSearch: string[] = [];
    if (config.groupSearch && entry.dn) {
      // The user's bind replaced the service account's: groups are searched as the service account again.
      if (service && session.boundAsUser) await session.bind(config.bindDn, config.bindPassword);
      const base = config.groupSearch.baseDn || config.baseDn;
      const found = await session.search(base, { scope: 'sub', filter: fillFilter(config.groupSearch.filter, { dn: entry.dn, user: userName }), attributes: ['1.1'], sizeLimit: MAX_GROUPS });
      fromSearch = found.searchEntries.map((e) => e.dn);
    }
    const user = this.userOf(entry, userName, mergeGroups(fromAttribute, fromSearch));
    trace.user = user;
    trace.done(user.groups.length === 0 ? 'the user is in no group' : `${user.groups.length} group(s): ${user.groups.join('; ')}`);
    return user;
  }

  private async findUser(session: LdapSession, filter: string, attributes: string[]): Promise<Entry | null> {
    // Two at most: one is the user, two means the filter is ambiguous.
    const { searchEntries } = await session.search(this.config.baseDn, { scope: 'sub', filter, attributes, sizeLimit: 2 });
    if (searchEntries.length > 1) throw new StepFailure('misconfigured', `${filter} matches more than one entry under ${this.config.baseDn || 'the root'}: make the user filter unique`);
    return searchEntries[0] ?? null;
  }

  private async bindAsUser(session: LdapSession, trace: Trace, dn: string, password: string): Promise<void> {
    trace.begin('user-bind');
    if (password === '') throw new StepFailure('wrong-password', EMPTY_PASSWORD_REFUSED);
    await session.bind(dn, password, true);
    trace.done(`the directory accepted the password of ${dn}`);
  }

  private userOf(entry: Entry, typed: string, groups: string[]): LdapUser {
    const { config } = this;
    const displayName = attributeValues(entry, config.displayNameAttribute)[0] ?? attributeValues(entry, 'cn')[0] ?? typed;
    return { dn: entry.dn, userName: directoryUserName(typed, attributeValues(entry, config.userNameAttribute)), displayName, groups };
  }

  /** What went wrong, for the log and the test report; never a password (none is in any error ldapts raises). */
  private classify(error: unknown, step: DirectoryTestStep): { reason: LdapFailureReason; message: string } {
    const { config } = this;
    const where = hostAndPort(config.url);
    if (error instanceof StepFailure) return { reason: error.reason, message: error.message };
    if (error instanceof DeadlineError) return { reason: 'unreachable', message: `no answer from ${config.url} within ${config.timeoutMs} ms (at the ${step} step)` };
    const text = error instanceof Error ? error.message : String(error);
    if (error instanceof ResultCodeError) {
      if (step === 'tls') return { reason: 'misconfigured', message: `the server refused StartTLS (${text}): use ldaps://, or turn StartTLS off` };
      if (error.code === 49 && step === 'user-bind') {
        const ad = activeDirectoryBindProblem(text);
        return ad ? { reason: ad.reason, message: `the directory refused the sign-in: ${ad.text}` } : { reason: 'wrong-password', message: 'the directory refused the password' };
      }
      if (error.code === 49) return { reason: 'misconfigured', message: `the directory refused the service account ${config.bindDn}: check the bind DN and its password` };
      if (error.code === 8 || error.code === 13) return { reason: 'misconfigured', message: `the server requires a secure connection (${text}): turn StartTLS on, or use ldaps://` };
      if (error.code === 32) return { reason: 'misconfigured', message: `a base DN does not exist on the server (${text}): check the base DN` };
      if (error.code === 50) return { reason: 'misconfigured', message: `the account may not search there (${text})` };
      if (error.code === 51 || error.code === 52) return { reason: 'unreachable', message: `the server is busy or unavailable (${text})` };
      if (error.code === 53 && step === 'user-bind') return { reason: 'wrong-password', message: `the directory refused the sign-in (${text})` };
      return { reason: 'misconfigured', message: `the server answered ${error.name} at the ${step} step (${text})` };
    }
    const code = errorCode(error);
    if (step === 'tls' || (code !== null && TLS_CODE.test(code))) {
      const advice = config.verifyCertificate ? ': give the CA certificate that signed it, or (only on a trusted network) turn certificate checking off' : '';
      return { reason: 'misconfigured', message: `TLS with ${where} failed (${code ?? text})${code !== null && CERT_CODE.test(code) ? advice : ''}` };
    }
    if ((code !== null && NETWORK_CODES.has(code)) || /Connection closed|Socket error|timed out|Connection timeout|connection to the directory was closed/i.test(text)) {
      return { reason: 'unreachable', message: `cannot reach ${where} (${code ?? text})` };
    }
    return { reason: 'misconfigured', message: `${step}: ${text}` };
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EADDRNOTAVAIL']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_|EPROTO|HOSTNAME/;
const CERT_CODE = /CERT|SELF_SIGNED|UNABLE_TO_|HOSTNAME/;

class StepFailure extends Error {
  constructor(
    readonly reason: LdapFailureReason,
    message: string,
  ) {
    super(message);
  }
}

class DeadlineError extends Error {}

/** The steps as they run: which one is current (a failure belongs to it), and the user as far as known. */
class Trace {
  readonly steps: LdapStepReport[] = [];
  current: DirectoryTestStep = 'connect';
  user: LdapUser | null = null;
  private startedAt = performance.now();

  begin(step: DirectoryTestStep): void {
    this.current = step;
    this.startedAt = performance.now();
  }

  done(message: string): void {
    this.steps.push({ step: this.current, ok: true, message, ms: this.elapsed() });
  }

  fail(message: string): void {
    this.steps.push({ step: this.current, ok: false, message, ms: this.elapsed() });
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.startedAt);
  }
}

interface Endpoint {
  secure: boolean;
  host: string;
  port: number;
}

function endpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'ldaps:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { secure, host, port: parsed.port ? Number(parsed.port) : secure ? 636 : 389 };
}

/** "host:port" of a URL for messages; the URL as given when it does not parse. */
function hostAndPort(url: string): string {
  try {
    const { host, port } = endpointOf(url);
    return `${host}:${port}`;
  } catch {
    return url;
  }
}

type SearchOptions = NonNullable<Parameters<Client['search']>[1]>;

/**
 * One connection. The TCP connection (and the TLS of ldaps://) is made here, so the report can
 * tell connect from TLS from bind, and handed to ldapts once: if the server drops it, ldapts
 * gets an error instead of quietly connecting again.
 */
class LdapSession {
  private raw: Socket | null = null;
  private secured: TLSSocket | null = null;
  private client: Client | null = null;
  private aborted = false;
  /** The last bind was the user's (a group search must bind as the service account again). */
  boundAsUser = false;

  constructor(
    private readonly config: LdapDirectoryConfig,
    private readonly trace: Trace,
  ) {}

  async open(): Promise<void> {
    const endpoint = endpointOf(this.config.url);
    this.trace.begin('connect');
    const raw = await this.connect(endpoint);
    this.trace.done(`connected to ${endpoint.host}:${endpoint.port}`);
    const options = this.tlsOptions(endpoint);
    if (endpoint.secure) {
      this.trace.begin('tls');
      const secured = await this.handshake({ ...options, socket: raw });
      this.trace.done(describeTls(secured, this.config.verifyCertificate));
      this.client = new Client({ url: this.config.url, timeout: this.config.timeoutMs, connectTimeout: this.config.timeoutMs, createSecureConnection: once(secured) });
      return;
    }
    this.client = new Client({
      url: this.config.url,
      timeout: this.config.timeoutMs,
      connectTimeout: this.config.timeoutMs,
      createConnection: once(raw),
      // Only StartTLS gets here (no TLS options go to the constructor: they would make ldapts open ldap:// as TLS).
      createSecureConnection: (first: number | ConnectionOptions, ..._rest: unknown[]) => {
        if (typeof first !== 'object') throw new Error('StartTLS expected connection options');
        const secured = tlsConnect(first);
        this.secured = secured;
        return secured;
      },
    });
    if (this.config.startTls) {
      this.trace.begin('tls');
      await this.client.startTLS(options);
      this.trace.done(`StartTLS: ${this.secured ? describeTls(this.secured, this.config.verifyCertificate) : 'upgraded'}`);
    }
  }

  async bind(dn: string, password: string, asUser = false): Promise<void> {
    // Never an unauthenticated bind (a name without password) nor an anonymous one: both "succeed".
    if (dn === '' || password === '') throw new StepFailure(asUser ? 'wrong-password' : 'misconfigured', EMPTY_PASSWORD_REFUSED);
    await this.live().bind(dn, password);
    this.boundAsUser = asUser;
  }

  search(base: string, options: SearchOptions): ReturnType<Client['search']> {
    return this.live().search(base, { ...options, timeLimit: Math.ceil(this.config.timeoutMs / 1000) });
  }

  /** The deadline passed: everything under way fails at once. */
  abort(): void {
    this.aborted = true;
    this.secured?.destroy();
    this.raw?.destroy();
  }

  /** Unbinds (briefly) and closes; never throws. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client && !this.aborted) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([client.unbind().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, UNBIND_WAIT_MS)))]);
      clearTimeout(timer);
    }
    this.secured?.destroy();
    this.raw?.destroy();
  }

  private live(): Client {
    if (this.aborted || !this.client) throw new Error('the connection to the directory was closed');
    return this.client;
  }

  private tlsOptions(endpoint: Endpoint): ConnectionOptions {
    return {
      host: endpoint.host,
      // SNI takes names only.
      servername: isIP(endpoint.host) ? undefined : endpoint.host,
      rejectUnauthorized: this.config.verifyCertificate,
      ca: this.config.caCertificate || undefined,
      minVersion: 'TLSv1.2',
    };
  }

  private connect(endpoint: Endpoint): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: endpoint.host, port: endpoint.port });
      this.raw = socket;
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        // Errors after this belong to ldapts (which replaces this listener) or are ours to ignore while closing.
        socket.on('error', () => undefined);
        resolve(socket);
      });
    });
  }

  private handshake(options: ConnectionOptions): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const secured = tlsConnect(options);
      this.secured = secured;
      secured.once('error', reject);
      secured.once('secureConnect', () => {
        secured.removeListener('error', reject);
        secured.on('error', () => undefined);
        resolve(secured);
      });
    });
  }
}

/** A connection factory that hands out one socket; a second call (a reconnect) fails. */
function once<T extends Socket>(socket: T): () => T {
  let given = false;
  return () => {
    if (given) throw new Error('the connection to the directory was closed');
    given = true;
    return socket;
  };
}

function describeTls(socket: TLSSocket, verified: boolean): string {
  const subject = socket.getPeerCertificate().subject as Record<string, string | string[] | undefined> | undefined;
  const name = subject?.CN;
  return `${socket.getProtocol() ?? 'TLS'}, certificate ${name ? `"${String(name)}" ` : ''}${verified ? 'verified' : 'not checked'}`;
}

function errorCode(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}
