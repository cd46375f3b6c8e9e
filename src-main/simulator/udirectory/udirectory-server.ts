import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { TextDecoder } from 'node:util';
import { generate } from 'selfsigned';
import type { UdirectoryService } from './udirectory-service';
import { UdirectoryFault } from './udirectory-faults';
import { faultEnvelope } from './udirectory-wire';

export const UDIRECTORY_PATH = '/DH/udirectory';
/** Largest request body taken; a putObjects of 50 entries is well under 100 KiB. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
const MAX_DELAY_MS = 30_000;

export interface TlsCredentials {
  cert: string;
  key: string;
}

export interface UdirectoryServers {
  httpPort: number | null;
  httpsPort: number | null;
  close(): Promise<void>;
}

/**
 * A self-signed certificate for the simulated devices' HTTPS, as MFPs ship one: EC P-256,
 * valid from yesterday for a year, naming 127.0.0.1 and ::1 (not each device's address, as a
 * device's certificate rarely names the address it is reached by).
 */
export async function simulatorCertificate(now: Date = new Date()): Promise<TlsCredentials> {
  const day = 86_400_000;
  const pems = await generate([{ name: 'commonName', value: 'Printdeck simulated MFP' }, { name: 'organizationName', value: 'Printdeck simulator (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - day),
    notAfterDate: new Date(now.getTime() + 365 * day),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/**
 * Serves `POST /DH/udirectory` of one device on `address`: over HTTP at `httpPort` and over
 * HTTPS at `httpsPort` (either null: not served; 0: system-chosen). Other paths answer 404,
 * other methods 405, bodies over 1 MiB 413, a body that is not UTF-8 a SOAP fault. Rejects
 * (after closing what was opened) when a port cannot be bound.
 */
export async function startUdirectoryServers(
  service: UdirectoryService,
  address: string,
  httpPort: number | null,
  httpsPort: number | null,
  tls: TlsCredentials | null,
): Promise<UdirectoryServers> {
  const timers = new Set<NodeJS.Timeout>();
  const handler = (req: IncomingMessage, res: ServerResponse): void => handle(service, req, res, timers);
  const servers: Server[] = [];
  const listen = async (server: Server, port: number): Promise<number> => {
    servers.push(server);
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    // As a device's web server: a request it cannot parse (a TLS hello on the HTTP port …) gets a 400.
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  };
  const close = async (): Promise<void> => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (!server.listening) return resolve();
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };
  try {
    const boundHttp = httpPort === null ? null : await listen(createHttpServer(handler), httpPort);
    if (httpsPort !== null && !tls) throw new RangeError('HTTPS needs a certificate');
    const boundHttps = httpsPort === null || !tls ? null : await listen(createHttpsServer({ cert: tls.cert, key: tls.key }, handler), httpsPort);
    return { httpPort: boundHttp, httpsPort: boundHttps, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function handle(service: UdirectoryService, req: IncomingMessage, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  const path = (req.url ?? '').split('?')[0];
  if (path !== UDIRECTORY_PATH) return plain(res, 404, `no service at ${path ?? ''}\n`);
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return plain(res, 405, 'POST a SOAP request\n');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) return plain(res, 413, `requests are limited to ${MAX_REQUEST_BYTES} bytes\n`, true);
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES && !refused) {
      refused = true;
      plain(res, 413, `requests are limited to ${MAX_REQUEST_BYTES} bytes\n`, true);
    }
    if (!refused) chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    if (refused) return;
    const soapAction = headerText(req.headers.soapaction);
    const operation = /#(\w+)"?\s*$/.exec(soapAction ?? '')?.[1];
    if (operation !== undefined && service.faults.dropOperations?.includes(operation)) {
      req.socket.destroy();
      return;
    }
    let reply: { status: number; body: string };
    try {
      reply = service.handle(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)), soapAction);
    } catch {
      reply = { status: 500, body: faultEnvelope(new UdirectoryFault('COMMON_BAD_MESSAGE', 'the request body is not UTF-8')) };
    }
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(reply.status, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
    };
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, service.faults.delayMs ?? 0));
    if (delay === 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delay);
    timers.add(timer);
  });
}

function plain(res: ServerResponse, status: number, text: string, close = false): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...(close ? { Connection: 'close' } : {}) });
  res.end(text);
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
