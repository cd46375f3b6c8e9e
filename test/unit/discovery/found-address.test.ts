import { describe, expect, it } from 'vitest';
import { classifyFoundAddress } from '../../../src-main/core/discovery/found-address';

describe('classifyFoundAddress: what an address off the network is good for', () => {
  it.each(['10.0.0.5', '127.151.0.1', '192.168.1.255', '223.255.255.254'])('probes the IPv4 host address %s', (address) => {
    expect(classifyFoundAddress(address)).toEqual({ kind: 'ipv4' });
  });

  it.each(['::1', 'fe80::1', '2001:db8::5', '::ffff:10.0.0.5'])('reports the IPv6 address %s as found but not searched', (address) => {
    expect(classifyFoundAddress(address)).toEqual({ kind: 'ipv6' });
  });

  it.each([
    ['127.0.0.undefined', /not an IPv4 or IPv6 address/],
    ['', /is not an address/],
    ['printer.local', /not an IPv4 or IPv6 address/],
    ['0.0.0.0', /0\.0\.0\.0\/8/],
    ['224.0.0.251', /multicast, reserved or broadcast/],
    ['255.255.255.255', /multicast, reserved or broadcast/],
    ['240.1.2.3', /multicast, reserved or broadcast/],
    ['\u0000\u0001'.repeat(50), /"\?\?\?\?/],
  ])('drops %j with a reason', (address, reason) => {
    const found = classifyFoundAddress(address);
    expect(found.kind).toBe('unusable');
    expect(found.kind === 'unusable' ? found.reason : '').toMatch(reason);
  });

  it('never throws for what is not a string', () => {
    expect(classifyFoundAddress(undefined)).toMatchObject({ kind: 'unusable' });
    expect(classifyFoundAddress(42)).toMatchObject({ kind: 'unusable' });
  });
});
