import { createSocket, type Socket } from 'node:dgram';
import { lookup, type LookupOneOptions } from 'node:dns';
import { isIPv4 } from 'node:net';
import type { SnmpClient } from '../../snmp/snmp-client';
import { readProcNetUdpDrops, type ReceiveDropsReader } from './receive-drops';
import { resolveOptions, type ResolvedOptions } from './scan-options';
import { ScanRun, type RunSource } from './scan-run';
import type { BroadcastOptions, ScanOptions, ScanSummary, SnmpScanner } from './scan-types';

export type * from './scan-types';
export { MAX_RATE_PER_SECOND } from './scan-options';

export interface SnmpScannerDeps {
  /** Needed for SNMPv3 credential sets (unicast only); v1/v2c never use it. */
  snmp?: SnmpClient;
  /** A fresh unbound udp4 socket per scan (default createSocket('udp4')); the scanner binds and closes it. */
  socketFactory?: () => Socket;
  /** Local address of the scan sockets (default: all interfaces). */
  bindAddress?: string;
  /** Where a scan reads its socket's receive drops to slow down when they rise (default: /proc/net/udp on Linux; null: not watched). */
  receiveDrops?: ReceiveDropsReader | null;
}

const nothingSent = (): ScanSummary => ({
  answers: [],
  sent: 0,
  addressesDone: 0,
  cancelled: true,
  durationMs: 0,
  pacing: { backoffs: 0, lowestRatePerSecond: 0, slowAnswers: 0, lateAnswers: 0, receiveDrops: null },
  stalledMs: 0,
});

/**
 * Receive buffer asked for. Linux grants at most net.core.rmem_max (4 MiB on the machines
 * measured; it then doubles the figure for its bookkeeping) without CAP_NET_ADMIN: about
 * 7,000 probe replies of ~1 KiB each in memory, half a second of a dense range at full rate.
 */
const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The discovery probe scanner. Each scan or broadcast runs on one UDP socket of its own, with
 * its own request ids, so replies are matched without net-snmp (SNMP-NOTES pitfalls 1 and 4).
 */
export function createSnmpScanner(deps: SnmpScannerDeps = {}): SnmpScanner {
  const running = new Set<ScanRun>();
  let closed = false;

  async function start(options: ScanOptions | BroadcastOptions, what: 'scan' | 'broadcast', source: RunSource, resolved: ResolvedOptions): Promise<ScanSummary> {
    if (closed) throw new Error(`SNMP ${what}: the scanner is closed`);
    const signal = options.signal;
    if (signal?.aborted) return nothingSent();
    const socket = await openSocket(deps, source.broadcastAddress !== undefined);
    // The scanner may have been closed, or the scan aborted, while the socket was binding.
    if (closed || signal?.aborted) {
      await closeSocket(socket);
      return nothingSent();
    }
    const dropsReader = deps.receiveDrops === undefined ? readProcNetUdpDrops : deps.receiveDrops;
    const { address, port } = socket.address();
    const readDrops = dropsReader ? () => dropsReader(address, port) : undefined;
    const run = new ScanRun(socket, resolved, options, source, { snmp: deps.snmp, now: () => performance.now(), readDrops });
    const onAbort = (): void => run.cancel();
    running.add(run);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await run.run();
    } finally {
      signal?.removeEventListener('abort', onAbort);
      running.delete(run);
      await closeSocket(socket);
    }
  }

  return {
    async scan(addresses: Iterable<string>, options: ScanOptions): Promise<ScanSummary> {
      const resolved = resolveOptions(options, 'scan');
      if (!deps.snmp && resolved.credentials.some((c) => c.version === 'v3')) {
        throw new RangeError('SNMP scan: SNMPv3 credential sets need the scanner to be created with an SnmpClient (deps.snmp)');
      }
      if (addresses === null || typeof (addresses as Partial<Iterable<string>>)?.[Symbol.iterator] !== 'function') {
        throw new RangeError('SNMP scan: addresses must be an iterable of IPv4 addresses');
      }
      return start(options, 'scan', { addresses: addresses[Symbol.iterator]() }, resolved);
    },

    async broadcast(broadcastAddress: string, options: BroadcastOptions): Promise<ScanSummary> {
      const resolved = resolveOptions(options, 'broadcast');
      if (typeof broadcastAddress !== 'string' || !isIPv4(broadcastAddress)) {
        throw new RangeError(`SNMP broadcast: ${JSON.stringify(broadcastAddress)} is not an IPv4 broadcast address`);
      }
      if (resolved.credentials.every((c) => c.version === 'v3')) {
        throw new RangeError('SNMP broadcast: needs at least one v1/v2c credential set (SNMPv3 cannot be broadcast)');
      }
      return start(options, 'broadcast', { broadcastAddress }, resolved);
    },

    async close(): Promise<void> {
      closed = true;
      for (const run of running) run.cancel();
    },
  };
}

/**
 * The scan sends only to IPv4 literals: resolve them at once. Node's default lookup answers a
 * literal on the next tick, which costs each probe a tick and a closure (about a tenth of the
 * CPU of a send at full rate). Anything else goes to the system resolver as before.
 */
const literalLookup = (hostname: string, options: LookupOneOptions, callback: (error: NodeJS.ErrnoException | null, address: string, family: number) => void): void => {
  if (isIPv4(hostname)) callback(null, hostname, 4);
  else lookup(hostname, options, callback);
};

async function openSocket(deps: SnmpScannerDeps, broadcast: boolean): Promise<Socket> {
  const socket = deps.socketFactory?.() ?? createSocket({ type: 'udp4', lookup: literalLookup });
  // Errors after bind (ICMP-induced, EACCES on a send) must never crash the process; sends report their own.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(new Error(`SNMP scan: cannot bind a UDP socket${deps.bindAddress ? ` on ${deps.bindAddress}` : ''}: ${error.message}`));
    socket.once('error', onError);
    socket.bind(0, deps.bindAddress, () => {
      socket.off('error', onError);
      resolve();
    });
  }).catch(async (error: unknown) => {
    await closeSocket(socket);
    throw error;
  });
  try {
    socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
    socket.setSendBufferSize(RECEIVE_BUFFER_BYTES);
  } catch {
    // Refused or clamped by the system: the default buffers only cost some replies at high rates.
  }
  // Only a broadcast's socket may send to broadcast addresses: a unicast range's x.y.z.255 then fails (EACCES) instead of broadcasting.
  if (broadcast) socket.setBroadcast(true);
  return socket;
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}
