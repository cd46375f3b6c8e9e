import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../src-shared/net/host-port';

describe('parseHostPort', () => {
  it.each([
    ['10.0.0.5', { host: '10.0.0.5', port: null }],
    ['10.0.0.5:1161', { host: '10.0.0.5', port: 1161 }],
    ['printer-3.example.com', { host: 'printer-3.example.com', port: null }],
    ['printer:161', { host: 'printer', port: 161 }],
    ['[::1]:1161', { host: '::1', port: 1161 }],
    ['[fe80::1]', { host: 'fe80::1', port: null }],
    ['::1', { host: '::1', port: null }],
    ['2001:db8::10', { host: '2001:db8::10', port: null }],
    // Neighbours of the refused blocks are devices like any other.
    ['1.0.0.0', { host: '1.0.0.0', port: null }],
    ['223.255.255.255', { host: '223.255.255.255', port: null }],
    ['printer-0x7f', { host: 'printer-0x7f', port: null }],
    ['5.printer.example', { host: '5.printer.example', port: null }],
  ])('reads %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    // The same words as the search's ranges (ipv4-octets.ts), in the console and on the command line.
    ['10.0.0.256', /^"?10\.0\.0\.256"?: octet 256 is outside 0–255$/],
    ['10.0.0', /ends in a number, so it is read as an IPv4 address/],
    ['10.0.0.5:0', /outside 1–65535/],
    ['10.0.0.5:70000', /outside/],
    ['10.0.0.5:abc', /not a number/],
    ['[::1', /missing "]"/],
    ['[::1]x', /expected ":port"/],
    ['bad_host!', /neither/],
    ['1:2:3', /not an IPv6 address/],
    // Never one device's address, though they parse as addresses.
    ['0.0.0.0', /"0\.0\.0\.0": 0\.0\.0\.0\/8 means "this host" or "any address", never a device/],
    ['0.1.2.3:1161', /never a device/],
    ['255.255.255.255', /broadcast address, never a device/],
    ['224.0.0.1', /multicast addresses \(224\.0\.0\.0–239\.255\.255\.255\) name a group/],
    ['239.255.255.250:1900', /multicast/],
    ['240.0.0.1', /reserved \(240\.0\.0\.0\/4\)/],
    ['255.255.255.254', /reserved/],
    ['[::]:161', /unspecified address/],
    ['ff02::1', /IPv6 multicast/],
    // IPv4 in forms other than four decimal numbers is an address, not a host name.
    ['0x7f.1', /"0x7f\.1" ends in a number, so it is read as an IPv4 address .*four decimal numbers/],
    ['0x7f000001', /ends in a number/],
    ['127.1', /ends in a number/],
    ['printer.5:161', /ends in a number/],
  ])('rejects %j with a message saying what is wrong', (text, message) => {
    expect(() => parseHostPort(text)).toThrow(message);
  });
});
