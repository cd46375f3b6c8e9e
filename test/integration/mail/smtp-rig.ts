import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A mail as the test SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The whole message (headers and body) as sent. */
  raw: string;
  /** How the client logged in ('PLAIN', 'LOGIN'), or null without login. */
  authMethod: string | null;
  user: string | null;
  secure: boolean;
}

export interface SmtpRigOptions {
  /** Loopback address to listen on (MAIL tests use 127.121.0.0/16). */
  host: string;
  /** Implicit TLS (port 465 style); otherwise STARTTLS is offered unless noStartTls. */
  secure?: boolean;
  noStartTls?: boolean;
  /** Users allowed to log in; no entries = no login offered. */
  users?: Record<string, string>;
  /** Called per connection; an Error refuses the session (POP before SMTP gate). */
  gate?: (session: SMTPServerSession) => Promise<Error | null> | Error | null;
}

export interface SmtpRig {
  host: string;
  port: number;
  received: ReceivedMail[];
  /** Remote address of every connection, refused or not. */
  connections: string[];
  authAttempts: Array<{ method: string; user: string; ok: boolean }>;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | null = null;

/** One self-signed certificate for 127.121.x addresses, made once per test file. */
export function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'printdeck-test-smtp' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.121.0.1' }, { type: 2, value: 'localhost' }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

/** A real SMTP server (the smtp-server library) on a loopback address and a free port. */
export async function startSmtpServer(options: SmtpRigOptions): Promise<SmtpRig> {
  const { key, cert } = await testCertificate();
  const users = options.users ?? {};
  const received: ReceivedMail[] = [];
  const authAttempts: SmtpRig['authAttempts'] = [];
  const connections: string[] = [];
  const wantsAuth = Object.keys(users).length > 0;
  const server = new SMTPServer({
    secure: options.secure ?? false,
    key,
    cert,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !wantsAuth,
    disabledCommands: [...(wantsAuth ? [] : ['AUTH']), ...(options.noStartTls ? ['STARTTLS'] : [])],
    logger: false,
    socketTimeout: 10_000,
    closeTimeout: 1_000,
    onConnect(session, callback) {
      connections.push(session.remoteAddress);
      Promise.resolve(options.gate?.(session) ?? null).then((refusal) => callback(refusal), (error: Error) => callback(error));
    },
    onAuth(auth, _session, callback) {
      const ok = auth.username !== undefined && users[auth.username] === auth.password;
      authAttempts.push({ method: auth.method, user: auth.username ?? '', ok });
      if (!ok) return callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
      callback(null, { user: `${auth.username ?? ''}|${auth.method}` });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const [user, method] = session.user ? session.user.split('|') : [null, null];
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'), authMethod: method ?? null, user: user ?? null, secure: session.secure });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: options.host,
    port,
    received,
    connections,
    authAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on `host` where nothing listens (bound once, then closed). */
export async function deadPort(host: string): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, host, () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
