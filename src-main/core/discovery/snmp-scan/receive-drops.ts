import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';

/**
 * How many datagrams the system dropped before one of our UDP sockets could read them (its
 * receive buffer was full): the count the kernel keeps per socket, where it says it.
 * Resolves with null where the system does not say (not Linux, no procfs, socket not listed);
 * never rejects.
 */
export type ReceiveDropsReader = (localAddress: string, localPort: number) => Promise<number | null>;

/** Linux: the `drops` column of the socket's row in /proc/net/udp (the netns of this process). */
export const readProcNetUdpDrops: ReceiveDropsReader = async (localAddress, localPort) => {
  if (process.platform !== 'linux') return null;
  try {
    return procNetUdpDrops(await readFile('/proc/net/udp', 'utf8'), localAddress, localPort);
  } catch {
    return null;
  }
};

/**
 * The drops of the socket bound to `localAddress`:`localPort` in a /proc/net/udp table, or null
 * when no row is that socket. The kernel prints the address as the 32-bit word in host byte order.
 */
export function procNetUdpDrops(table: string, localAddress: string, localPort: number, littleEndian = endianness() === 'LE'): number | null {
  const octets = localAddress.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !(Number.isInteger(o) && o >= 0 && o <= 255))) return null;
  const hex = (littleEndian ? [...octets].reverse() : octets).map((o) => o.toString(16).padStart(2, '0')).join('');
  const wanted = `${hex}:${localPort.toString(16).padStart(4, '0')}`.toUpperCase();
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
    if (fields[1] !== wanted || fields.length < 13) continue;
    const drops = Number(fields[fields.length - 1]);
    return Number.isInteger(drops) && drops >= 0 ? drops : null;
  }
  return null;
}
