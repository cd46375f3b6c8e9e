import { posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import { Client, FileType, type FileInfo } from 'basic-ftp';
import { activeTransfer, collector } from './ftp-active';

/**
 * One connection to a driver store on an FTP server (basic-ftp), in passive or active mode,
 * plain or FTPS. Has no console dependency: the console and the agent (src-main/agent) both use
 * it. Paths are absolute on the server.
 */

export interface StoreTarget {
  host: string;
  port: number;
  /** The store's directory, absolute ("/" : the login's home). */
  directory: string;
  /** Empty: anonymous. */
  user: string;
  password: string | null;
  mode: 'passive' | 'active';
  security: 'none' | 'explicit' | 'implicit';
  verifyCertificate: boolean;
  /** PEM of the authority that signed the server's certificate (FTPS); left out or empty: the authorities Node trusts. */
  caCertificate?: string;
  /** Per network step (default 30 s). */
  timeoutMs?: number;
}

/** The steps of opening a session, reported as they end (the "test connection" of a store shows them). */
export type OpenStep = 'connect' | 'tls' | 'login' | 'directory';

export interface Entry {
  name: string;
  size: number;
  isDirectory: boolean;
}

const MAX_LISTING = 16 * 1024 * 1024;

export class StoreSession {
  private constructor(
    private readonly client: Client,
    readonly target: StoreTarget,
  ) {}

  /** Connects, secures, signs in and checks the directory; `onStep` hears of each step that succeeded. A failure closes the connection and throws. */
  static async open(target: StoreTarget, onStep?: (step: OpenStep) => void): Promise<StoreSession> {
    const client = new Client(target.timeoutMs ?? 30_000);
    // `host` is what the certificate is checked against: over an existing socket Node would check "localhost" otherwise.
    const tls: ConnectionOptions = { host: target.host, servername: /^[\d.]+$|:/.test(target.host) ? undefined : target.host, rejectUnauthorized: target.verifyCertificate, ...(target.caCertificate ? { ca: target.caCertificate } : {}) };
    try {
      if (target.security === 'implicit') {
        await client.connectImplicitTLS(target.host, target.port, tls);
        onStep?.('connect');
        onStep?.('tls');
      } else {
        await client.connect(target.host, target.port);
        onStep?.('connect');
        if (target.security === 'explicit') {
          await client.useTLS(tls);
          onStep?.('tls');
        }
      }
      await client.login(target.user === '' ? 'anonymous' : target.user, target.password ?? (target.user === '' ? 'printdeck@' : ''));
      onStep?.('login');
      await client.useDefaultSettings();
      await client.cd(target.directory);
      onStep?.('directory');
      return new StoreSession(client, target);
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** A path below the store's directory ("sets/x/manifest.json" → "/drivers/sets/x/manifest.json"). */
  path(relative: string): string {
    return posix.join(this.target.directory, relative);
  }

  async list(path: string): Promise<Entry[]> {
    const argument = await this.client.protectWhitespace(path);
    let infos: FileInfo[];
    if (this.target.mode === 'passive') infos = await this.client.list(argument);
    else {
      const listing = collector(MAX_LISTING);
      await activeTransfer(this.client.ftp, `LIST ${argument}`, { download: listing.sink });
      infos = this.client.parseList(listing.text());
    }
    return infos.filter((f) => f.name !== '.' && f.name !== '..').map((f) => ({ name: f.name, size: f.size, isDirectory: f.type === FileType.Directory }));
  }

  async download(path: string, sink: Writable): Promise<void> {
    if (this.target.mode === 'passive') await this.client.downloadTo(sink, path);
    else await activeTransfer(this.client.ftp, `RETR ${await this.client.protectWhitespace(path)}`, { download: sink });
  }

  async upload(source: Readable, path: string): Promise<void> {
    if (this.target.mode === 'passive') await this.client.uploadFrom(source, path);
    else await activeTransfer(this.client.ftp, `STOR ${await this.client.protectWhitespace(path)}`, { upload: source });
  }

  /** Creates a directory and its parents (no data connection needed). */
  async ensureDir(path: string): Promise<void> {
    await this.client.ensureDir(path);
    await this.client.cd(this.target.directory);
  }

  async remove(path: string): Promise<void> {
    await this.client.remove(path);
  }

  /** Deletes a directory and everything below it (listed in the session's own mode). */
  async removeTree(path: string): Promise<void> {
    for (const entry of await this.list(path)) {
      const child = posix.join(path, entry.name);
      if (entry.isDirectory) await this.removeTree(child);
      else await this.client.remove(child);
    }
    await this.client.removeEmptyDir(path);
  }

  close(): void {
    this.client.close();
  }
}

/** Opens a session, runs `work`, and closes it whatever happens. */
export async function withStore<T>(target: StoreTarget, work: (session: StoreSession) => Promise<T>): Promise<T> {
  const session = await StoreSession.open(target);
  try {
    return await work(session);
  } finally {
    session.close();
  }
}
