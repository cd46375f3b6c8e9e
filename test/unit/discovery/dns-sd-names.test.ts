import { describe, expect, it } from 'vitest';
import { instanceLabelOf, normaliseServiceType, PRINTER_SERVICE_TYPES } from '../../../src-main/core/discovery/mdns/dns-sd-names';

describe('normaliseServiceType', () => {
  it('completes and lower-cases service types, with or without .local and a trailing dot', () => {
    expect(normaliseServiceType('_ipp._tcp')).toBe('_ipp._tcp.local');
    expect(normaliseServiceType('_IPP._TCP.local.')).toBe('_ipp._tcp.local');
    expect(normaliseServiceType(' _pdl-datastream._tcp.local ')).toBe('_pdl-datastream._tcp.local');
    expect(normaliseServiceType('_printer._udp')).toBe('_printer._udp.local');
  });

  it('leaves the printer service types as they are', () => {
    for (const service of PRINTER_SERVICE_TYPES) expect(normaliseServiceType(service)).toBe(service);
  });

  it('rejects malformed types, saying which part is wrong', () => {
    expect(() => normaliseServiceType('ipp._tcp')).toThrow(/service label "ipp"/);
    expect(() => normaliseServiceType('_ipp.tcp')).toThrow(/protocol must be "_tcp" or "_udp", not "tcp"/);
    expect(() => normaliseServiceType('_ipp._tcp.example.com')).toThrow(/is not a DNS-SD service type/);
    expect(() => normaliseServiceType('_ipp._tcp.example')).toThrow(/"local" domain only, not "example"/);
    expect(() => normaliseServiceType('_ipp')).toThrow(/is not a DNS-SD service type/);
    expect(() => normaliseServiceType('_universal._sub._ipp._tcp')).toThrow(/is not a DNS-SD service type/);
    expect(() => normaliseServiceType('_-ipp._tcp')).toThrow(/service label/);
    expect(() => normaliseServiceType('_ipp-._tcp')).toThrow(/service label/);
    expect(() => normaliseServiceType('_i--pp._tcp')).toThrow(/service label/);
    expect(() => normaliseServiceType('_a234567890123456._tcp')).toThrow(/1–15/);
    expect(() => normaliseServiceType('_i p._tcp')).toThrow(/service label/);
    expect(() => normaliseServiceType('')).toThrow(/is not a DNS-SD service type/);
  });
});

describe('instanceLabelOf', () => {
  it('strips the service type, keeping case, spaces and dots of the label', () => {
    expect(instanceLabelOf('Lobby MFP._ipp._tcp.local', '_ipp._tcp.local')).toBe('Lobby MFP');
    expect(instanceLabelOf('HP 4.0 (A1)._IPP._tcp.local', '_ipp._tcp.local')).toBe('HP 4.0 (A1)');
  });

  it('is null for names of other services and for the service name itself', () => {
    expect(instanceLabelOf('Lobby._ipps._tcp.local', '_ipp._tcp.local')).toBeNull();
    expect(instanceLabelOf('Lobby_ipp._tcp.local', '_ipp._tcp.local')).toBeNull();
    expect(instanceLabelOf('_ipp._tcp.local', '_ipp._tcp.local')).toBeNull();
    expect(instanceLabelOf('._ipp._tcp.local', '_ipp._tcp.local')).toBeNull();
  });
});
