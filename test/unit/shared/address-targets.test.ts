import { describe, expect, it } from 'vitest';
import {
  AddressFileError,
  countAddresses,
  excludeAddresses,
  expandAddresses,
  namedTargets,
  parseAddressCsv,
  parseAddressSpec,
  type AddressSpec,
} from '../../../src-shared/net/address-targets';
import { AppError } from '../../../src-shared/rpc/app-error';

/** Every address of the specs as an array: only for small specs in these tests. */
function all(specs: AddressSpec[]): string[] {
  return [...expandAddresses(specs)];
}

function csvProblems(text: string): AddressFileError {
  try {
    parseAddressCsv(text, 'hosts.csv');
  } catch (error) {
    if (error instanceof AddressFileError) return error;
    throw error;
  }
  throw new Error('expected an AddressFileError, got a result');
}

describe('parseAddressSpec', () => {
  it('reads a single IPv4 address', () => {
    expect(parseAddressSpec('10.0.0.5')).toEqual([{ kind: 'ipv4', text: '10.0.0.5', first: 0x0a000005, last: 0x0a000005 }]);
  });

  it('reads a full range and a last-octet range', () => {
    expect(all(parseAddressSpec('10.0.0.254-10.0.1.1'))).toEqual(['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']);
    expect(all(parseAddressSpec('192.168.1.7-9'))).toEqual(['192.168.1.7', '192.168.1.8', '192.168.1.9']);
    expect(all(parseAddressSpec('10.0.0.3 - 10.0.0.4'))).toEqual(['10.0.0.3', '10.0.0.4']);
  });

  it('reads CIDR networks without network and broadcast addresses up to /30', () => {
    expect(countAddresses(parseAddressSpec('10.1.0.0/22'))).toBe(1022);
    expect(all(parseAddressSpec('10.1.0.0/30'))).toEqual(['10.1.0.1', '10.1.0.2']);
    expect(all(parseAddressSpec('10.1.0.0/31'))).toEqual(['10.1.0.0', '10.1.0.1']);
    expect(all(parseAddressSpec('10.1.0.9/32'))).toEqual(['10.1.0.9']);
    // Host bits are forgiven: the network of 10.1.2.3/22 is 10.1.0.0.
    expect(parseAddressSpec('10.1.2.3/22')[0]).toMatchObject({ first: 0x0a010001, last: 0x0a0103fe });
  });

  it('keeps host names unresolved and reads IPv6 single addresses', () => {
    expect(parseAddressSpec('Printer-3.Example.com. fe80::1 [::1]')).toEqual([
      { kind: 'host-name', text: 'Printer-3.Example.com.', name: 'printer-3.example.com' },
      { kind: 'ipv6', text: 'fe80::1', address: 'fe80::1' },
      { kind: 'ipv6', text: '[::1]', address: '::1' },
    ]);
  });

  it('reads lists separated by commas, semicolons, spaces and newlines', () => {
    const specs = parseAddressSpec(' 10.0.0.1,10.0.0.2 ;10.0.0.3\n\tprinter\r\n10.0.0.4-5 ,, ');
    expect(specs.map((s) => s.text)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', 'printer', '10.0.0.4-5']);
    expect(parseAddressSpec('  \n ')).toEqual([]);
  });

  it.each([
    ['10.0.0.300', '10.0.0.300: octet 300 is outside 0–255'],
    ['10.0.0.9-3', '10.0.0.9-3: range end is before its start'],
    ['10.0.1.0-10.0.0.255', '10.0.1.0-10.0.0.255: range end is before its start'],
    ['10.0.0.1-256', '10.0.0.1-256: octet 256 is outside 0–255'],
    ['10.0.0.1-', '10.0.0.1-: the range end "" is not an IPv4 address or a last octet'],
    ['10.0.0.1-printer', '10.0.0.1-printer: the range end "printer" is not an IPv4 address or a last octet'],
    ['10.0.0', '10.0.0: an IPv4 address needs four numbers separated by dots'],
    ['10..0.1', '10..0.1: an empty octet'],
    ['10.0.0.010', '10.0.0.010: octet 010 has a leading zero'],
    ['10.0.0.0/33', '10.0.0.0/33: prefix /33 is outside 0–32'],
    ['10.0.0.0/x', '10.0.0.0/x: the prefix after "/" must be a number 0–32'],
    ['10.0.0.0/8/9', '10.0.0.0/8/9: the prefix after "/" must be a number 0–32'],
    ['10.0.0.5:1161', '10.0.0.5:1161: a port cannot be given per address; set it in the search options'],
    ['fe80::1-fe80::9', 'fe80::1-fe80::9: IPv6 ranges and networks are not supported; give single IPv6 addresses'],
    ['fe80::/64', 'fe80::/64: IPv6 ranges and networks are not supported; give single IPv6 addresses'],
    ['1:2:3', '1:2:3: not an IPv6 address'],
    ['bad_host!', 'bad_host!: not an address, a range, a network or a host name'],
    // Never a device: refused as single addresses and inside ranges or networks, naming the part.
    ['0.0.0.0', '0.0.0.0: 0.0.0.0/8 means "this host" or "any address", never a device'],
    ['255.255.255.255', '255.255.255.255: 255.255.255.255 is the broadcast address, never a device (use the broadcast search method)'],
    ['239.255.255.250', '239.255.255.250: multicast addresses (224.0.0.0–239.255.255.255) name a group, never a device'],
    ['224.0.0.0/4', '224.0.0.0/4: it includes 224.0.0.1–239.255.255.254: multicast addresses (224.0.0.0–239.255.255.255) name a group, never a device'],
    ['223.255.255.250-224.0.0.5', '223.255.255.250-224.0.0.5: it includes 224.0.0.0–224.0.0.5: multicast addresses (224.0.0.0–239.255.255.255) name a group, never a device'],
    ['255.255.255.255-255', '255.255.255.255-255: 255.255.255.255 is the broadcast address, never a device (use the broadcast search method)'],
    ['255.255.255.250-255', '255.255.255.250-255: it includes 255.255.255.255: 255.255.255.255 is the broadcast address, never a device (use the broadcast search method)'],
    ['240.0.0.0/4', '240.0.0.0/4: it includes 240.0.0.1–255.255.255.254: 240.0.0.0–255.255.255.254 are reserved (240.0.0.0/4), never a device'],
    ['0.0.0.0/0', '0.0.0.0/0: it includes 0.0.0.1–0.255.255.255: 0.0.0.0/8 means "this host" or "any address", never a device'],
    ['ff02::1', 'ff02::1: IPv6 multicast addresses (ff00::/8) name a group, never a device'],
    ['0x7f.1', '0x7f.1: "0x7f.1" ends in a number, so it is read as an IPv4 address (0x7f.1 is 127.0.0.1), not as a host name: write an address as four decimal numbers, e.g. 192.0.2.10'],
  ])('rejects %s with a RangeError naming the token', (text, message) => {
    let thrown: unknown = null;
    try {
      parseAddressSpec(`10.0.0.1, ${text}`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as RangeError).message).toBe(message);
  });
});

describe('countAddresses and expandAddresses', () => {
  it('expands a /16 lazily to 65,534 addresses', () => {
    const specs = parseAddressSpec('10.20.0.0/16');
    const iterator = expandAddresses(specs);
    expect([iterator.next().value, iterator.next().value, iterator.next().value]).toEqual(['10.20.0.1', '10.20.0.2', '10.20.0.3']);
    let count = 3;
    let last = '';
    for (const address of iterator) {
      count += 1;
      last = address;
    }
    expect(count).toBe(65534);
    expect(last).toBe('10.20.255.254');
    expect(countAddresses(specs)).toBe(65534);
  });

  it('counts a /8 and all of IPv4 exactly without expanding them', () => {
    expect(countAddresses(parseAddressSpec('10.0.0.0/8'))).toBe(16777214);
    expect(countAddresses(parseAddressSpec('64.0.0.0/2'))).toBe(2 ** 30 - 2);
    expect(countAddresses(parseAddressSpec('1.0.0.0-223.255.255.255'))).toBe(223 * 2 ** 24);
    expect(all(parseAddressSpec('223.255.255.253-255'))).toEqual(['223.255.255.253', '223.255.255.254', '223.255.255.255']);
  });

  it('de-duplicates overlapping specs and yields in ascending order', () => {
    const specs = parseAddressSpec('10.0.0.5-10.0.0.8, 10.0.0.1-6, 10.0.0.7, 10.0.0.0/30, 10.0.0.20, 10.0.0.9');
    expect(all(specs)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.7', '10.0.0.8', '10.0.0.9', '10.0.0.20']);
    expect(countAddresses(specs)).toBe(10);
    expect(countAddresses(parseAddressSpec('10.1.0.0/16, 10.1.2.0/24, 10.1.0.0/22'))).toBe(65534);
  });

  it('refuses, before yielding anything, specs larger than the limit', () => {
    const specs = parseAddressSpec('10.0.0.0/24');
    expect(() => expandAddresses(specs, { limit: 100 }).next()).toThrow(
      new RangeError('the targets cover 254 addresses, more than the limit of 100'),
    );
    expect([...expandAddresses(specs, { limit: 254 })]).toHaveLength(254);
    expect(() => expandAddresses(parseAddressSpec('64.0.0.0/2')).next()).toThrow(/more than the limit of 16,777,216/);
  });

  it('leaves IPv6 addresses and names to namedTargets, de-duplicated', () => {
    const specs = parseAddressSpec('printer, 10.0.0.1, FE80::1, PRINTER, fe80::1, scanner');
    expect(all(specs)).toEqual(['10.0.0.1']);
    expect(countAddresses(specs)).toBe(1);
    expect(namedTargets(specs)).toEqual({ ipv6: ['fe80::1'], hostNames: ['printer', 'scanner'] });
  });
});

describe('excludeAddresses', () => {
  it('cuts single addresses, ranges and networks out of the targets', () => {
    const kept = excludeAddresses(parseAddressSpec('10.0.0.0/24, 10.0.1.1-3'), parseAddressSpec('10.0.0.1, 10.0.0.100-199, 10.0.1.0/30'));
    expect(kept.map((s) => s.text)).toEqual(['10.0.0.2-10.0.0.99', '10.0.0.200-10.0.0.254', '10.0.1.3']);
    expect(countAddresses(kept)).toBe(98 + 55 + 1);
    expect(all(kept).slice(0, 2)).toEqual(['10.0.0.2', '10.0.0.3']);
  });

  it('removes IPv6 addresses and names only by the same value', () => {
    const kept = excludeAddresses(parseAddressSpec('printer, scanner, ::1, fe80::1, 10.0.0.1'), parseAddressSpec('SCANNER, ::1, 10.0.0.0/8'));
    expect(kept).toEqual([
      { kind: 'ipv6', text: 'fe80::1', address: 'fe80::1' },
      { kind: 'host-name', text: 'printer', name: 'printer' },
    ]);
  });

  it('keeps everything without exclusions and leaves nothing when all is excluded', () => {
    expect(excludeAddresses(parseAddressSpec('10.0.0.1-4'), []).map((s) => s.text)).toEqual(['10.0.0.1-10.0.0.4']);
    expect(excludeAddresses(parseAddressSpec('10.0.0.1-4'), parseAddressSpec('10.0.0.0/29'))).toEqual([]);
  });
});

describe('parseAddressCsv', () => {
  it('reads one target per line with comments and blank lines', () => {
    const text = '\uFEFF# printers on floor 2\r\n10.0.0.5\r\n\r\n  printer-7  # reception\r\n10.0.0.10-12\r\n"10.0.1.0/30"\r\n';
    expect(parseAddressCsv(text, 'hosts.csv').map((s) => s.text)).toEqual(['10.0.0.5', 'printer-7', '10.0.0.10-12', '10.0.1.0/30']);
  });

  it.each(['address', 'IP', 'Host', 'IP Address'])('reads the column named %s of a table with a header row', (column) => {
    const text = [`name,"${column}",room`, 'Reception,10.0.0.5,"Hall, #1"', ',,', '"Lab ""A""",printer-9,2.14'].join('\n');
    expect(parseAddressCsv(text, 'hosts.csv').map((s) => s.text)).toEqual(['10.0.0.5', 'printer-9']);
  });

  it('reads semicolon and tab separated tables', () => {
    expect(parseAddressCsv('name;address\nA;10.0.0.1\n', 'a.csv').map((s) => s.text)).toEqual(['10.0.0.1']);
    expect(parseAddressCsv('ip\tname\n10.0.0.2\tB\n', 'b.tsv').map((s) => s.text)).toEqual(['10.0.0.2']);
  });

  it('returns nothing for a file of comments', () => {
    expect(parseAddressCsv('# nothing yet\n\n', 'empty.csv')).toEqual([]);
  });

  it('lists every bad line with its number and returns nothing', () => {
    const error = csvProblems(['# targets', '10.0.0.1', '10.0.0.300', '', 'printer', '10.0.0.9-3', 'bad_host!'].join('\n'));
    expect(error.problems).toEqual([
      { line: 3, text: '10.0.0.300', message: '10.0.0.300: octet 300 is outside 0–255' },
      { line: 6, text: '10.0.0.9-3', message: '10.0.0.9-3: range end is before its start' },
      { line: 7, text: 'bad_host!', message: 'bad_host!: not an address, a range, a network or a host name' },
    ]);
    expect(error.fileName).toBe('hosts.csv');
    expect(error.message).toBe(
      [
        'hosts.csv: 3 bad lines',
        'line 3: 10.0.0.300: octet 300 is outside 0–255',
        'line 6: 10.0.0.9-3: range end is before its start',
        'line 7: bad_host!: not an address, a range, a network or a host name',
      ].join('\n'),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.toData()).toEqual({ code: 'invalid-argument', message: error.message, details: { fileName: 'hosts.csv', problems: error.problems } });
  });

  it('reports table rows without an address, with an empty address or an open quote', () => {
    const error = csvProblems(['name,address', 'A', 'B,', 'C,"10.0.0.1', 'D,10.0.0.1'].join('\n'));
    expect(error.problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      '2 the row has no address column (column 2)',
      '3 the address column is empty',
      '4 a quoted field is not closed',
    ]);
    expect(error.message.startsWith('hosts.csv: 3 bad lines\n')).toBe(true);
  });

  it('says "1 bad line" for one', () => {
    expect(csvProblems('10.0.0.1\n10.0.0\n').message).toBe('hosts.csv: 1 bad line\nline 2: 10.0.0: an IPv4 address needs four numbers separated by dots');
  });
});
