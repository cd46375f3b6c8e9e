import { createSocket as createDgramSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { VirtualSocket, type DatagramRouter, type SendCallback } from './virtual-socket';

/**
 * A few real UDP sockets shared by every SNMPv3 session (net-snmp's). Each session gets a VirtualSocket;
 * replies are routed by the sender's address:port, so a reply from any other host is dropped
 * (net-snmp itself matches replies by request id only) and request ids only need to be unique
 * per target. One descriptor per socket, whatever the number of devices.
 */

export type UdpFamily = 'udp4' | 'udp6';

export interface RemoteInfo {
  address: string;
  port: number;
}

/** The subset of node:dgram's Socket used here, so unit tests can pass fakes. */
export interface DatagramSocket {
  on(event: 'message', listener: (message: Buffer, remote: RemoteInfo) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'listening', listener: () => void): unknown;
  bind(port: number, address: string): unknown;
  send(buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void;
  setRecvBufferSize(bytes: number): void;
  setSendBufferSize(bytes: number): void;
  unref(): unknown;
  close(callback?: () => void): unknown;
}

export interface UdpMultiplexerOptions {
  /** Real sockets per address family (default 1). */
  sockets?: number;
  /** Local address to bind (default: the wildcard of each family). */
  bindAddress?: string;
  /** Requested kernel buffer sizes; the kernel may clamp them (default 4 MiB). */
  bufferBytes?: number;
  /** Socket factory (default node:dgram); tests pass fakes. */
  createSocket?: (family: UdpFamily) => DatagramSocket;
  /** Host name resolution (default node:dns lookup); returns an IP literal. */
  resolve?: (host: string, family: UdpFamily) => Promise<string>;
}

export interface MultiplexerStats {
  sockets: number;
  bytesSent: number;
  bytesReceived: number;
  /** Datagrams from a sender no session is talking to (dropped). */
  strayDatagrams: number;
  /** Virtual sockets currently attached. */
  virtualSockets: number;
}

interface RealSocket {
  readonly socket: DatagramSocket;
  readonly users: Set<VirtualSocket>;
  failed: boolean;
}

interface PendingSend {
  buffer: Buffer;
  offset: number;
  length: number;
  callback: SendCallback;
}

const DEFAULT_BUFFER_BYTES = 4 * 1024 * 1024;

export class UdpMultiplexer implements DatagramRouter {
  private readonly pools: Record<UdpFamily, Array<RealSocket | null>>;
  private readonly nextSlot: Record<UdpFamily, number> = { udp4: 0, udp6: 0 };
  private readonly routes = new Map<string, VirtualSocket | VirtualSocket[]>();
  private readonly resolving = new Map<VirtualSocket, PendingSend[]>();
  private readonly size: number;
  private readonly createSocket: (family: UdpFamily) => DatagramSocket;
  private readonly resolveHost: (host: string, family: UdpFamily) => Promise<string>;
  private virtualCount = 0;
  private closed = false;
  bytesSent = 0;
  bytesReceived = 0;
  strayDatagrams = 0;

  constructor(private readonly options: UdpMultiplexerOptions = {}) {
    this.size = Math.max(1, Math.floor(options.sockets ?? 1));
    this.pools = { udp4: new Array<RealSocket | null>(this.size).fill(null), udp6: new Array<RealSocket | null>(this.size).fill(null) };
    this.createSocket = options.createSocket ?? ((family) => createDgramSocket(family));
    this.resolveHost = options.resolve ?? defaultResolve;
  }

  /** A new virtual socket on the next real socket of `family` (round robin); throws once closed. */
  createVirtualSocket(family: UdpFamily): VirtualSocket {
    if (this.closed) throw new Error('UDP multiplexer is closed');
    const slot = this.nextSlot[family];
    this.nextSlot[family] = (slot + 1) % this.size;
    const socket = new VirtualSocket(this, slot, family);
    this.realSocket(family, slot).users.add(socket);
    this.virtualCount++;
    return socket;
  }

  /** Sends for `socket`, fixing its route on the first send; failures go to `callback`. */
  send(socket: VirtualSocket, buffer: Buffer, offset: number, length: number, port: number, address: string, callback: SendCallback): void {
    if (socket.routeKey === null) {
      const queued = this.resolving.get(socket);
      if (queued) {
        queued.push({ buffer, offset, length, callback });
        return;
      }
      if (isIP(address) === 0) {
        this.resolveThenSend(socket, address, port, { buffer, offset, length, callback });
        return;
      }
      this.addRoute(socket, address, port);
    }
    const real = this.pools[socket.family][socket.slot];
    if (!real || real.failed) {
      callback(new Error('UDP socket is closed'));
      return;
    }
    this.bytesSent += length;
    real.socket.send(buffer, offset, length, socket.remotePort, socket.remoteAddress, callback);
  }

  /** Detaches a virtual socket (its route and its place on a real socket); never throws. */
  release(socket: VirtualSocket): void {
    const key = socket.routeKey;
    if (key !== null) {
      const route = this.routes.get(key);
      if (route === socket) this.routes.delete(key);
      else if (Array.isArray(route)) {
        const rest = route.filter((s) => s !== socket);
        if (rest.length === 1 && rest[0]) this.routes.set(key, rest[0]);
        else if (rest.length > 0) this.routes.set(key, rest);
        else this.routes.delete(key);
      }
    }
    const queued = this.resolving.get(socket);
    if (queued) {
      this.resolving.delete(socket);
      for (const send of queued) send.callback(new Error('socket closed'));
    }
    const real = this.pools[socket.family][socket.slot];
    if (real?.users.delete(socket)) this.virtualCount--;
  }

  /** Counters since creation; never throws. */
  stats(): MultiplexerStats {
    let sockets = 0;
    for (const pool of [this.pools.udp4, this.pools.udp6]) for (const real of pool) if (real && !real.failed) sockets++;
    return {
      sockets,
      bytesSent: this.bytesSent,
      bytesReceived: this.bytesReceived,
      strayDatagrams: this.strayDatagrams,
      virtualSockets: this.virtualCount,
    };
  }

  /** Closes every real socket; virtual sockets still attached are failed. Resolves when closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing: Promise<void>[] = [];
    for (const family of ['udp4', 'udp6'] as const) {
      const pool = this.pools[family];
      for (let slot = 0; slot < pool.length; slot++) {
        const real = pool[slot];
        if (!real) continue;
        pool[slot] = null;
        real.failed = true;
        for (const user of this.detachUsers(real)) user.fail(new Error('UDP multiplexer closed'));
        closing.push(new Promise<void>((resolve) => closeSocketQuietly(real.socket, resolve)));
      }
    }
    this.routes.clear();
    await Promise.all(closing);
  }

  /** Routes one received datagram to the virtual socket(s) of its sender. */
  private onMessage(message: Buffer, remote: RemoteInfo): void {
    this.bytesReceived += message.length;
    const route = this.routes.get(routeKey(remote.address, remote.port));
    if (route === undefined) {
      this.strayDatagrams++;
    } else if (Array.isArray(route)) {
      // Several sessions to one agent (e.g. two communities): each ignores ids it did not send.
      for (const socket of route) socket.deliver(message);
    } else {
      route.deliver(message);
    }
  }

  private addRoute(socket: VirtualSocket, address: string, port: number): void {
    const key = routeKey(address, port);
    socket.routeKey = key;
    socket.remoteAddress = address;
    socket.remotePort = port;
    const existing = this.routes.get(key);
    if (existing === undefined) this.routes.set(key, socket);
    else if (Array.isArray(existing)) existing.push(socket);
    else this.routes.set(key, [existing, socket]);
  }

  private resolveThenSend(socket: VirtualSocket, host: string, port: number, first: PendingSend): void {
    const queue = [first];
    this.resolving.set(socket, queue);
    this.resolveHost(host, socket.family).then(
      (address) => {
        if (this.resolving.get(socket) !== queue) return;
        this.resolving.delete(socket);
        this.addRoute(socket, address, port);
        for (const send of queue) this.send(socket, send.buffer, send.offset, send.length, port, address, send.callback);
      },
      (error: unknown) => {
        if (this.resolving.get(socket) !== queue) return;
        this.resolving.delete(socket);
        const failure = error instanceof Error ? error : new Error(`cannot resolve ${host}`);
        for (const send of queue) send.callback(failure);
      },
    );
  }

  private realSocket(family: UdpFamily, slot: number): RealSocket {
    const pool = this.pools[family];
    const existing = pool[slot];
    if (existing && !existing.failed) return existing;
    let real: RealSocket | null = null;
    const socket = openSharedSocket(this.createSocket, family, {
      bindAddress: this.options.bindAddress,
      bufferBytes: this.options.bufferBytes,
      onMessage: (message, remote) => this.onMessage(message, remote),
      onError: (error) => {
        if (real) this.onSocketError(family, slot, real, error);
      },
    });
    real = { socket, users: new Set(), failed: false };
    pool[slot] = real;
    return real;
  }

  private onSocketError(family: UdpFamily, slot: number, real: RealSocket, error: Error): void {
    if (real.failed) return;
    real.failed = true;
    if (this.pools[family][slot] === real) this.pools[family][slot] = null;
    closeSocketQuietly(real.socket, () => undefined);
    // Its sessions can no longer be answered; they fail now rather than at their deadlines.
    for (const user of this.detachUsers(real)) user.fail(error);
  }

  private detachUsers(real: RealSocket): VirtualSocket[] {
    const users = [...real.users];
    real.users.clear();
    this.virtualCount -= users.length;
    return users;
  }

}

/** "address:port": how replies are told apart by sender. */
export function routeKey(address: string, port: number): string {
  return `${address}:${port}`;
}

async function defaultResolve(host: string, family: UdpFamily): Promise<string> {
  const result = await lookup(host, { family: family === 'udp4' ? 4 : 6 });
  return result.address;
}


export interface SharedSocketOptions {
  bindAddress?: string | undefined;
  /** Requested kernel buffer sizes (default 4 MiB). */
  bufferBytes?: number | undefined;
  onMessage: (message: Buffer, remote: RemoteInfo) => void;
  onError: (error: Error) => void;
}

/**
 * A UDP socket for many targets: bound to an ephemeral port of `bindAddress` (or the family's
 * wildcard), kernel buffers raised, unreferenced (request deadlines keep the process alive).
 */
export function openSharedSocket(create: (family: UdpFamily) => DatagramSocket, family: UdpFamily, options: SharedSocketOptions): DatagramSocket {
  const socket = create(family);
  const bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
  socket.on('message', options.onMessage);
  socket.on('listening', () => {
    // Bursts of replies from thousands of devices overflow the default buffer (~208 KiB);
    // the kernel clamps the size to its limit, and some platforms refuse: keep the default then.
    try {
      socket.setRecvBufferSize(bufferBytes);
      socket.setSendBufferSize(bufferBytes);
    } catch {
      // the default buffers still work, with more loss under bursts
    }
  });
  socket.on('error', options.onError);
  socket.bind(0, bindAddressFor(family, options.bindAddress));
  socket.unref();
  return socket;
}

function bindAddressFor(family: UdpFamily, wanted: string | undefined): string {
  const version = wanted === undefined ? 0 : isIP(wanted);
  if (wanted !== undefined && version === (family === 'udp4' ? 4 : 6)) return wanted;
  return family === 'udp4' ? '0.0.0.0' : '::';
}

/** Closes a socket, calling `done` once it is closed or could not be. */
export function closeSocketQuietly(socket: DatagramSocket, done: () => void): void {
  try {
    socket.close(done);
  } catch {
    done();
  }
}
