import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { AdapterError, type DeviceEndpoint } from './address-book-adapter';

/**
 * One SOAP POST to a device, over HTTP or HTTPS, with a deadline, the caller's abort signal
 * and a cap on the reply's size. Over HTTPS the certificate is checked before the request
 * (which carries the login) is written: trusted, or — when the endpoint allows it —
 * self-signed; anything else (expired under a real CA, wrong name …) is refused.
 */

export interface SoapPost {
  path: string;
  soapAction: string;
  body: string;
  timeoutMs: number;
  maxReplyBytes: number;
  signal: AbortSignal;
}

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

/** OpenSSL's verdicts for a certificate that signs itself, or a chain ending in one not trusted here. */
const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);

/** The reply, whatever its status; rejects with AdapterError (no-answer, not-supported, cancelled, failed). */
export function postSoap(endpoint: DeviceEndpoint, post: SoapPost): Promise<HttpReply> {
  const where = describeEndpoint(endpoint);
  if (post.signal.aborted) return Promise.reject(cancelled());
  return new Promise<HttpReply>((resolve, reject) => {
    let settled = false;
    let req: ClientRequest | null = null;
    let tlsSocket: TLSSocket | null = null;
    const finish = (error: AdapterError | null, reply?: HttpReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      post.signal.removeEventListener('abort', onAbort);
      if (error) {
        req?.destroy();
        tlsSocket?.destroy();
        reject(error);
      } else resolve(reply as HttpReply);
    };
    const onAbort = (): void => finish(cancelled());
    const timer = setTimeout(() => finish(new AdapterError('no-answer', `The device at ${where} did not answer within ${Math.round(post.timeoutMs / 1000)} s.`)), post.timeoutMs);
    post.signal.addEventListener('abort', onAbort, { once: true });
    const body = Buffer.from(post.body, 'utf8');
    const options = {
      host: endpoint.address,
      port: endpoint.port,
      method: 'POST',
      path: post.path,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: post.soapAction, 'Content-Length': body.length, Connection: 'close' },
    };
    const onReply = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > post.maxReplyBytes) finish(new AdapterError('failed', `The device at ${where} sent a reply larger than ${post.maxReplyBytes} bytes; it was not read.`));
        else chunks.push(chunk);
      });
      res.on('error', (error) => finish(transportError(error, endpoint)));
      res.on('end', () => finish(null, { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    };
    if (endpoint.tls) {
      // No agent: the request waits for the socket handed to `done`, after the certificate check.
      const createConnection = (_opts: unknown, done: (error: Error | null, socket: Socket) => void): undefined => {
        tlsSocket = checkedTlsSocket(endpoint, (error, socket) => {
          if (error) finish(transportError(error, endpoint));
          else if (!settled) done(null, socket);
        });
        return undefined;
      };
      req = httpRequest({ ...options, createConnection }, onReply);
    } else req = httpRequest({ ...options, agent: false }, onReply);
    req.on('error', (error) => finish(transportError(error, endpoint)));
    req.end(body);
  });
}

/**
 * Opens a TLS connection and calls `ready` with it once its certificate passed the endpoint's
 * rule (nothing is sent before), or with the error; returns the socket so a caller can
 * destroy it early.
 */
function checkedTlsSocket(endpoint: DeviceEndpoint, ready: (error: unknown, socket: TLSSocket) => void): TLSSocket {
  const socket = tlsConnect({
    host: endpoint.address,
    port: endpoint.port,
    rejectUnauthorized: false,
    ...(isIP(endpoint.address) === 0 ? { servername: endpoint.address } : {}),
  });
  const onError = (error: Error): void => ready(error, socket);
  socket.once('error', onError);
  socket.once('secureConnect', () => {
    socket.off('error', onError);
    const verdict = socket.authorized ? null : String(socket.authorizationError ?? 'unknown');
    if (verdict === null || (endpoint.allowSelfSigned && SELF_SIGNED.has(verdict))) return ready(null, socket);
    socket.destroy();
    const hint = SELF_SIGNED.has(verdict) ? ' It is self-signed: allow self-signed certificates for this device if you trust it.' : '';
    ready(new AdapterError('failed', `The certificate of the device at ${describeEndpoint(endpoint)} is not trusted (${verdict}).${hint}`), socket);
  });
  return socket;
}

/** Connection-level failures as the operator reads them. */
function transportError(error: unknown, endpoint: DeviceEndpoint): AdapterError {
  if (error instanceof AdapterError) return error;
  const where = describeEndpoint(endpoint);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const text = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new AdapterError('no-answer', `The device at ${where} refused the connection: is it on, and is its web service (${endpoint.tls ? 'HTTPS' : 'HTTP'}) on port ${endpoint.port} enabled?`, { cause: error });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'EHOSTDOWN':
      return new AdapterError('no-answer', `The device at ${where} cannot be reached (${code}).`, { cause: error });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AdapterError('no-answer', `The device name ${endpoint.address} cannot be resolved (${code}).`, { cause: error });
    case 'ECONNRESET':
      return new AdapterError('no-answer', `The device at ${where} closed the connection without an answer.`, { cause: error });
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return new AdapterError('not-supported', `The device at ${where} does not speak HTTPS on that port (${text}).`, { cause: error });
  }
  if (/wrong version number|packet length too long/i.test(text)) return new AdapterError('not-supported', `The device at ${where} does not speak HTTPS on that port.`, { cause: error });
  if (/socket hang up/i.test(text)) return new AdapterError('no-answer', `The device at ${where} closed the connection without an answer.`, { cause: error });
  return new AdapterError('failed', `The connection to the device at ${where} failed: ${text}`, { cause: error });
}

function cancelled(): AdapterError {
  return new AdapterError('cancelled', 'Cancelled before the device answered.');
}

/** "http://10.0.0.5:80" as a person reads the endpoint. */
export function describeEndpoint(endpoint: DeviceEndpoint): string {
  const host = isIP(endpoint.address) === 6 ? `[${endpoint.address}]` : endpoint.address;
  return `${endpoint.tls ? 'https' : 'http'}://${host}:${endpoint.port}`;
}
