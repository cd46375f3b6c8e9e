import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';

/** A device's UDP socket for `address` (udp6 for IPv6), SO_REUSEADDR when it shares a port with a wildcard listener. */
export function createDeviceSocket(address: string, reuseAddr: boolean): Socket {
  return createSocket({ type: isIP(address) === 6 ? 'udp6' : 'udp4', reuseAddr });
}

/** Binds; resolves with the port bound, rejects with the system error (EADDRINUSE …) naming device and address. */
export function bindDeviceSocket(socket: Socket, port: number, address: string, deviceName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(new Error(`${deviceName}: cannot bind ${address}:${port}: ${error.message}`));
    };
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      // Later socket errors (e.g. ICMP unreachable on send) must not crash the process.
      socket.on('error', () => undefined);
      resolve(socket.address().port);
    });
  });
}

/** Closes a socket, bound or not; resolves once it is released. */
export function closeDeviceSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // never bound, or already closed
    }
  });
}
