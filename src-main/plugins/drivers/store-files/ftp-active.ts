import { createServer, isIPv4, type AddressInfo, type Socket } from 'node:net';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { connect as tlsConnect } from 'node:tls';
import type { FTPContext, FTPResponse } from 'basic-ftp';

/**
 * Active-mode FTP transfers on top of basic-ftp's control connection. basic-ftp speaks passive
 * mode only (its transfer strategies are PASV and EPSV); stores behind firewalls that allow only
 * active mode still exist (the 2006 design offered both), so this file adds PORT/EPRT: the
 * console listens on the control connection's local address, tells the server, sends the
 * command, and accepts the server's connection — only from the server's own address.
 */

const unmapped = (address: string): string => address.replace(/^::ffff:/i, '');

interface DataListener {
  accepted: Promise<Socket>;
  close(): void;
}

async function listenForData(ftp: FTPContext): Promise<DataListener> {
  const local = unmapped(ftp.socket.localAddress ?? '');
  const remote = unmapped(ftp.socket.remoteAddress ?? '');
  if (local === '' || remote === '') throw new Error('the control connection is closed');
  const server = createServer();
  server.maxConnections = 1;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, local, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | undefined;
  const accepted = new Promise<Socket>((resolve, reject) => {
    server.on('connection', (socket) => {
      if (unmapped(socket.remoteAddress ?? '') !== remote) {
        // Only the server may connect: anyone else who guessed the port is turned away.
        socket.destroy();
        return;
      }
      clearTimeout(timer);
      server.close();
      resolve(socket);
    });
    timer = setTimeout(() => {
      server.close();
      reject(new Error(`the server did not connect back to ${local}:${port} within ${Math.round(ftp.timeout / 1000)} s (active mode: a firewall or NAT between the server and this computer blocks it; try passive mode)`));
    }, ftp.timeout || 30_000);
  });
  // Nobody waits for `accepted` when the command fails first.
  accepted.catch(() => undefined);
  const close = (): void => {
    clearTimeout(timer);
    server.close();
  };
  try {
    const command = isIPv4(local) ? `PORT ${local.split('.').join(',')},${port >> 8},${port & 255}` : `EPRT |2|${local}|${port}|`;
    await ftp.request(command);
  } catch (error) {
    close();
    throw error;
  }
  return { accepted, close };
}

/** Runs one transfer command (LIST, RETR, STOR) in active mode; resolves with the server's final answer once the data went through too. */
export async function activeTransfer(ftp: FTPContext, command: string, data: { download: Writable } | { upload: Readable }): Promise<FTPResponse> {
  const listener = await listenForData(ftp);
  let started = false;
  let settled = false;
  let dataDone = false;
  let final: FTPResponse | undefined;
  return ftp.handle(command, (res, task) => {
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      listener.close();
      ftp.socket.setTimeout(ftp.timeout);
      task.reject(error);
    };
    const finish = (): void => {
      if (settled || !dataDone || final === undefined) return;
      settled = true;
      task.resolve(final);
    };
    if (res instanceof Error) return fail(res);
    if (res.code === 150 || res.code === 125) {
      if (started) return;
      started = true;
      // The control connection is idle while data flows; the data connection's own timeout guards the transfer.
      ftp.socket.setTimeout(0);
      listener.accepted
        .then(async (raw) => {
          raw.setTimeout(ftp.timeout, () => raw.destroy(new Error('Timeout (data connection)')));
          const socket = ftp.hasTLS && 'getSession' in ftp.socket ? tlsConnect({ ...ftp.tlsOptions, socket: raw, session: ftp.socket.getSession() }) : raw;
          if ('download' in data) await pipeline(socket, data.download);
          else await pipeline(data.upload, socket);
          ftp.socket.setTimeout(ftp.timeout);
          dataDone = true;
          finish();
        })
        .catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
      return;
    }
    if (res.code >= 200 && res.code < 300) {
      final = res;
      finish();
      return;
    }
    if (res.code >= 300 && res.code < 400) fail(new Error(`unexpected FTP answer to ${command.split(' ')[0]}: ${res.message}`));
  });
}

/** A Writable that keeps what it is sent, up to `limit` bytes (a listing). */
export function collector(limit: number): { sink: Writable; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > limit) return callback(new Error(`the directory listing is larger than ${limit} bytes`));
      chunks.push(chunk);
      callback();
    },
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') };
}
