import { ipv4ToNumber } from '../../../../src-shared/net/ipv4-intervals';
import type { NetworkInterfaceInfo } from 'node:os';

/** The part of os.networkInterfaces() we read; tests pass a literal. */
export type InterfaceTable = Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>;

/**
 * True for 255.255.255.255 and for the directed broadcast address of any IPv4 interface
 * (address | ~netmask, e.g. 127.255.255.255 for lo). Never throws; anything else is false.
 */
export function isBroadcastAddress(address: string, interfaces: InterfaceTable): boolean {
  const target = ipv4ToNumber(address);
  if (target === null) return false;
  if (target === 0xffffffff) return true;
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4') continue;
      const own = ipv4ToNumber(entry.address);
      const mask = ipv4ToNumber(entry.netmask);
      // A /32 or /31 has no broadcast address: its "broadcast" would be a host.
      if (own === null || mask === null || mask >>> 0 >= 0xfffffffe) continue;
      if (((own | ~mask) >>> 0) === target) return true;
    }
  }
  return false;
}
