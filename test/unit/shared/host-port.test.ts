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
  ])('reads %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    ['10.0.0.256', /neither an IPv4 address nor a host name/],
    ['10.0.0', /neither/],
    ['10.0.0.5:0', /outside 1–65535/],
    ['10.0.0.5:70000', /outside/],
    ['10.0.0.5:abc', /not a number/],
    ['[::1', /missing "]"/],
    ['[::1]x', /expected ":port"/],
    ['bad_host!', /neither/],
    ['1:2:3', /not an IPv6 address/],
  ])('rejects %j with a message saying what is wrong', (text, message) => {
    expect(() => parseHostPort(text)).toThrow(message);
  });
});
