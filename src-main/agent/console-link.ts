import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, rootCertificates, type PeerCertificate } from 'node:tls';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { agentErrorSchema, type SetFileQuery } from '../../src-shared/plugins/drivers/agent-protocol';
import { FileMissing } from '../plugins/drivers/store-files/set-download';

/**
 * The agent's HTTPS connection to the console's agent route (/plugins/drivers/agent/…).
 * Trust is one of: the console's certificate pinned by its SHA-256 fingerprint (given at
 * enrolment: a self-signed console needs no CA), a CA file, or the system's CAs. Pinning: at
 * enrolment the certificate is fetched (a handshake, nothing sent) and compared with the
 * fingerprint; it is kept, and every request trusts it (beside the system's CAs, so a pinned
 * certificate from a public CA also verifies) and accepts only a server showing exactly it
 * (checkServerIdentity compares the fingerprint; the host name is not checked, the pin is
 * stronger). A different certificate is refused before a byte of the request (the key) is sent.
 */

export interface LinkOptions {
  consoleUrl: string;
  fingerprint: string | null;
  /** The pinned certificate (PEM), fetched by pinnedCertificate() at enrolment. */
  certificate: string | null;
  caFile: string | null;
  /** The agent's key (Bearer), once enrolled. */
  key: string | null;
}

/** The console answered with an error status: `status` and its message. */
export class ConsoleRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleRefused';
  }
}

/** "ab:cd…" or "ABCD…" → "AB:CD:…" (the form of X509Certificate.fingerprint256). */
export function normaliseFingerprint(text: string): string {
  const hex = text.replace(/[^0-9A-Fa-f]/g, '').toUpperCase();
  if (hex.length !== 64) throw new Error(`"${text}" is not a SHA-256 fingerprint (64 hex digits, usually written AB:CD:…)`);
  return hex.match(/../g)?.join(':') ?? hex;
}

/** The console's certificate (PEM) after checking it has `fingerprint`; throws when it differs. Sends nothing. */
export function pinnedCertificate(consoleUrl: string, fingerprint: string, timeoutMs = 30_000): Promise<string> {
  const url = new URL(consoleUrl);
  const pin = normaliseFingerprint(fingerprint);
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = tlsConnect({ host, port: Number(url.port || 443), servername: /^[\d.]+$|:/.test(host) ? undefined : host, rejectUnauthorized: false, timeout: timeoutMs });
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      const seen = raw ? new X509Certificate(raw) : null;
      if (seen?.fingerprint256 !== pin) {
        reject(new Error(`the console at ${url.host} shows a certificate with SHA-256 ${seen?.fingerprint256 ?? 'none'}, not the pinned ${pin}: refused (another server, or the console's certificate changed: enrol again with its new fingerprint)`));
        return;
      }
      resolve(seen.toString());
    });
    socket.once('timeout', () => socket.destroy(new Error(`no TLS answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s`)));
    socket.once('error', reject);
  });
}

export class ConsoleLink {
  private readonly base: URL;
  private readonly fingerprint: string | null;
  private readonly ca: string[] | undefined;

  constructor(private readonly options: LinkOptions) {
    this.base = new URL(options.consoleUrl);
    if (this.base.protocol !== 'https:') throw new Error(`the console address must be https:// (got ${options.consoleUrl}): the agent sends its key`);
    this.fingerprint = options.fingerprint === null ? null : normaliseFingerprint(options.fingerprint);
    if (this.fingerprint !== null && options.certificate === null) throw new Error('a pinned console needs its certificate: enrol again');
    this.ca = this.fingerprint !== null && options.certificate !== null ? [options.certificate, ...rootCertificates] : options.caFile === null ? undefined : [readFileSync(options.caFile, 'utf8')];
  }

  /** With a pin: the server must show exactly the pinned certificate. */
  private readonly checkPin = (_host: string, cert: PeerCertificate): Error | undefined =>
    cert.fingerprint256 === this.fingerprint ? undefined : new Error(`the console shows a certificate with SHA-256 ${cert.fingerprint256}, not the pinned ${this.fingerprint ?? ''}: refused`);

  /** Sends a request to /plugins/drivers/agent/<endpoint> (the pin checked, the key as Bearer); resolves with the response, not read yet. */
  private request(method: 'GET' | 'POST', endpoint: string, payload: string | null, timeoutMs: number, signal?: AbortSignal): Promise<IncomingMessage> {
    const path = `/plugins/drivers/agent/${endpoint}`;
    const headers: Record<string, string> = payload === null ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) };
    if (this.options.key !== null) headers.Authorization = `Bearer ${this.options.key}`;
    const target = { host: this.base.hostname.replace(/^\[|\]$/g, ''), port: Number(this.base.port || 443), path, method, headers, timeout: timeoutMs, ca: this.ca, agent: false as const };
    return new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing: ClientRequest = httpsRequest(this.fingerprint === null ? target : { ...target, checkServerIdentity: this.checkPin }, resolve);
      outgoing.once('timeout', () => outgoing.destroy(new Error(`the console did not answer ${endpoint.split('?')[0] ?? endpoint} within ${Math.round(timeoutMs / 1000)} s`)));
      outgoing.once('error', reject);
      // Stopping the agent ends a long poll at once instead of waiting for the console's answer.
      signal?.addEventListener('abort', () => outgoing.destroy(new Error('the agent is stopping')), { once: true });
      outgoing.end(payload ?? undefined);
    });
  }

  /**
   * GETs one file of a set of a job this agent holds (set-file) into `sink`. A file the store
   * does not have rejects with FileMissing; another refusal with ConsoleRefused. `timeoutMs`
   * is per silence on the connection, not for the whole file.
   */
  async download(query: SetFileQuery, sink: Writable, timeoutMs: number): Promise<void> {
    const search = new URLSearchParams({ job: String(query.job), association: String(query.association), path: query.path });
    const response = await this.request('GET', `set-file?${search.toString()}`, null, timeoutMs);
    if (response.statusCode === 200) {
      await pipeline(response, sink);
      if (!response.complete) throw new Error(`the console broke off sending ${query.path}`);
      return;
    }
    const error = await this.errorOf(response);
    throw response.statusCode === 404 ? new FileMissing(error.message) : error;
  }

  /** The answer's body as JSON; throws a ConsoleRefused naming the status and the start of the body when it is not JSON. */
  private async jsonOf(response: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      throw new ConsoleRefused(response.statusCode ?? 0, `the console answered ${response.statusCode ?? '?'} with something that is not JSON: ${text.slice(0, 200)}`);
    }
  }

  private async errorOf(response: IncomingMessage): Promise<ConsoleRefused> {
    let json: unknown;
    try {
      json = await this.jsonOf(response);
    } catch (caught) {
      if (caught instanceof ConsoleRefused) return caught;
      throw caught;
    }
    const error = agentErrorSchema.safeParse(json);
    return new ConsoleRefused(response.statusCode ?? 0, error.success ? error.data.error : `the console answered ${response.statusCode ?? '?'}`);
  }

  /** POSTs `body` to /plugins/drivers/agent/<endpoint> and checks the answer with `schema`. */
  async post<S extends z.ZodType>(endpoint: string, body: unknown, schema: S, timeoutMs: number, signal?: AbortSignal): Promise<z.output<S>> {
    const response = await this.request('POST', endpoint, JSON.stringify(body), timeoutMs, signal);
    if (response.statusCode !== 200) throw await this.errorOf(response);
    const parsed = schema.safeParse(await this.jsonOf(response));
    if (!parsed.success) throw new Error(`the console's answer to ${endpoint} is not what this agent understands (${parsed.error.issues[0]?.message ?? 'invalid'}): is the console a newer version?`);
    return parsed.data;
  }
}
