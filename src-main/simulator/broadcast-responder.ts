import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isLoopback } from './notification-sender';

/**
 * Lets simulated devices answer SNMP broadcasts without leaving loopback: one socket receives
 * what is sent to 127.255.255.255:<port> and hands each datagram to every device on that port,
 * which answers from its own socket — so each reply comes from the device's own address, as on a
 * real subnet. Devices bound to single addresses never see broadcasts themselves (Linux delivers
 * them only to sockets bound to the wildcard or to the broadcast address).
 */

export interface BroadcastListenerOptions {
  /** Port the broadcasts go to (default: the simulator's port, which must then not be 0). */
  port?: number;
  /**
   * `0.0.0.0` (default): a wildcard socket, as a device on a real network has; the devices on
   * that port then bind with SO_REUSEADDR. It also receives unicast sent to loopback addresses no
   * device holds (Node cannot tell the destination address), so every device answers those too:
   * never scan a range on this port. `127.255.255.255`: receives the broadcasts only.
   */
  bindAddress?: '0.0.0.0' | '127.255.255.255';
}

/** A device as the responder sees it. */
export interface BroadcastTarget {
  readonly port: number;
  /** Handles a datagram as if it had arrived on the device's own socket. */
  receive(msg: Buffer, rinfo: RemoteInfo): void;
}

export interface BroadcastResponder {
  readonly port: number;
  readonly bindAddress: string;
  close(): Promise<void>;
}

export const BROADCAST_BIND_ADDRESSES = ['0.0.0.0', '127.255.255.255'] as const;

/** Throws RangeError for a port that is not 1–65535 or a bind address other than the two allowed. */
export function checkBroadcastListener(port: number, bindAddress: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`broadcastListener: port must be 1–65535 (a fixed port the devices share), got ${port}`);
  if (!(BROADCAST_BIND_ADDRESSES as readonly string[]).includes(bindAddress)) {
    throw new RangeError(`broadcastListener: bindAddress must be one of ${BROADCAST_BIND_ADDRESSES.join(', ')}, got "${bindAddress}"`);
  }
}

/**
 * Binds the listener; rejects with the system error (EADDRINUSE …) naming the address. Datagrams
 * from senders outside loopback are dropped unless `allowNonLoopback`.
 */
export async function startBroadcastResponder(
  targets: readonly BroadcastTarget[],
  options: { port: number; bindAddress: string; allowNonLoopback: boolean },
): Promise<BroadcastResponder> {
  checkBroadcastListener(options.port, options.bindAddress);
  const listeners = targets.filter((t) => t.port === options.port);
  const socket: Socket = createSocket({ type: 'udp4', reuseAddr: options.bindAddress === '0.0.0.0' });
  socket.on('message', (msg, rinfo) => {
    if (!options.allowNonLoopback && !isLoopback(rinfo.address)) return;
    for (const target of listeners) target.receive(msg, rinfo);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', (error) => reject(new Error(`broadcast listener: cannot bind ${options.bindAddress}:${options.port}: ${error.message}`)));
    socket.bind(options.port, options.bindAddress, () => {
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve();
    });
  }).catch((error: unknown) => {
    socket.close();
    throw error;
  });
  return {
    port: options.port,
    bindAddress: options.bindAddress,
    close: () =>
      new Promise((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve();
        }
      }),
  };
}
