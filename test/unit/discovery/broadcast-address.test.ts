import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isBroadcastAddress } from '../../../src-main/core/discovery/netbios/broadcast-address';

function anInterface(address: string, netmask: string): NetworkInterfaceInfo {
  return { address, netmask, family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: null };
}

const INTERFACES = {
  lo: [anInterface('127.0.0.1', '255.0.0.0')],
  eth0: [anInterface('192.168.10.7', '255.255.255.0'), { ...anInterface('fe80::1', 'ffff:ffff:ffff:ffff::'), family: 'IPv6' as const, scopeid: 2 }],
  tun0: [anInterface('10.8.0.2', '255.255.255.255')],
};

describe('isBroadcastAddress', () => {
  it('knows the limited broadcast address without any interface', () => {
    expect(isBroadcastAddress('255.255.255.255', {})).toBe(true);
  });

  it("recognises each IPv4 interface's directed broadcast address", () => {
    expect(isBroadcastAddress('127.255.255.255', INTERFACES)).toBe(true);
    expect(isBroadcastAddress('192.168.10.255', INTERFACES)).toBe(true);
  });

  it('treats hosts, foreign subnets, /32 links and non-addresses as unicast', () => {
    for (const address of ['192.168.10.7', '192.168.11.255', '10.8.0.2', '127.91.0.1', 'printer', '1.2.3', '300.1.1.1', '::1']) {
      expect(isBroadcastAddress(address, INTERFACES), address).toBe(false);
    }
  });
});
