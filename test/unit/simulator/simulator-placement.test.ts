import { describe, expect, it } from 'vitest';
import { ipv4Sequence, startSimulator } from '../../../src-main/simulator/simulator';

describe('address allocation', () => {
  it('hands out consecutive addresses, skipping .0 and .255 host parts', () => {
    const seq = ipv4Sequence('127.20.0.253');
    expect(Array.from({ length: 5 }, () => seq.next().value)).toEqual(['127.20.0.253', '127.20.0.254', '127.20.1.1', '127.20.1.2', '127.20.1.3']);
  });

  it('stops at the end of 127/8 rather than leaving loopback', () => {
    expect([...ipv4Sequence('127.255.255.253')]).toEqual(['127.255.255.253', '127.255.255.254']);
  });
});

describe('startSimulator refuses bad options before binding anything', () => {
  it.each([
    ['duplicate names', { devices: [{ name: 'a', varbinds: [] }, { name: 'a', varbinds: [] }] }, /duplicate device name "a"/],
    ['a non-loopback address', { devices: [{ name: 'a', varbinds: [], address: '192.0.2.10' }] }, /not a loopback address/],
    ['two devices on one address and port', { devices: [{ name: 'a', varbinds: [], address: '127.20.9.9' }, { name: 'b', varbinds: [], address: '127.20.9.9' }] }, /already used/],
    ['a bad port', { devices: [{ name: 'a', varbinds: [] }], port: 70000 }, /port 70000/],
    ['an incomplete v3 user', { devices: [{ name: 'a', varbinds: [] }], v3Users: [{ name: 'u', level: 'authPriv' as const, authProtocol: 'sha' as const, authKey: 'authpass1' }] }, /needs privProtocol/],
    ['a bad fault', { devices: [{ name: 'a', varbinds: [], faults: { dropPercent: 150 } }] }, /dropPercent/],
  ])('%s', async (_name, options, message) => {
    await expect(startSimulator(options)).rejects.toThrow(message);
  });
});
