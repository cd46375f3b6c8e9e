import { describe, expect, it } from 'vitest';
import { PRINTER_SERVICE_TYPES } from '../../../src-main/core/discovery/mdns/dns-sd-names';
import { checkBrowseOptions, MdnsError, type MdnsBrowseOptions } from '../../../src-main/core/discovery/mdns/mdns-browse-options';

function rejection(options: MdnsBrowseOptions): MdnsError {
  try {
    checkBrowseOptions(options);
  } catch (error) {
    if (error instanceof MdnsError) return error;
    throw error;
  }
  throw new Error('accepted, expected an MdnsError');
}

describe('checkBrowseOptions', () => {
  it('defaults to the printer service types on 224.0.0.251:5353 for 3 s, over multicast', () => {
    expect(checkBrowseOptions({})).toEqual({
      services: [...PRINTER_SERVICE_TYPES],
      waitMs: 3000,
      group: '224.0.0.251',
      port: 5353,
      interfaceAddress: undefined,
      broadcast: false,
    });
  });

  it('normalises service types, drops repeats, and treats a broadcast group as broadcast', () => {
    const settings = checkBrowseOptions({ services: ['_IPP._tcp', '_ipp._tcp.local.', '_printer._tcp'], group: '127.255.255.255', port: 15350, waitMs: 500 });
    expect(settings).toMatchObject({ services: ['_ipp._tcp.local', '_printer._tcp.local'], group: '127.255.255.255', port: 15350, waitMs: 500, broadcast: true });
  });

  it('rejects bad options with invalid-argument, naming the field and the value', () => {
    const cases: Array<[MdnsBrowseOptions, RegExp]> = [
      [{ services: [] }, /services must be a non-empty list/],
      [{ services: ['_ipp._tcp', 'ipp'] }, /services\[1\]: "ipp" is not a DNS-SD service type/],
      [{ services: ['_ipp._tcp', 7 as unknown as string] }, /services\[1\] must be a string, not number/],
      [{ waitMs: 0 }, /waitMs 0 must be a number of milliseconds from 1 to 60000/],
      [{ waitMs: 60_001 }, /waitMs 60001/],
      [{ waitMs: Number.NaN }, /waitMs NaN/],
      [{ port: 0 }, /port 0 must be a whole number from 1 to 65535/],
      [{ port: 5353.5 }, /port 5353.5/],
      [{ group: 'mdns.local' }, /group "mdns.local" must be an IPv4 address/],
      [{ group: 'ff02::fb' }, /group "ff02::fb" must be an IPv4 address/],
      [{ group: '127.0.0.1' }, /group "127.0.0.1" is neither an IPv4 multicast group .* nor a broadcast address/],
      [{ interfaceAddress: 'eth0' }, /interfaceAddress "eth0" must be the IPv4 address of a local interface/],
    ];
    for (const [options, message] of cases) {
      const error = rejection(options);
      expect(error.code, JSON.stringify(options)).toBe('invalid-argument');
      expect(error.message, JSON.stringify(options)).toMatch(/^mDNS browse: /);
      expect(error.message, JSON.stringify(options)).toMatch(message);
    }
  });
});
