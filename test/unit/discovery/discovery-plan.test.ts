import { describe, expect, it } from 'vitest';
import { discoveryRequestSchema, type DiscoveryRequestInput } from '../../../src-shared/contract/discovery.contract';
import { AddressFileError } from '../../../src-shared/net/address-targets';
import { AppError } from '../../../src-shared/rpc/app-error';
import { coversAddress, defaultRunName, fingerprintOf, isExcluded, maskRequest, planDiscovery, rangeAddresses } from '../../../src-main/core/discovery/discovery-plan';

const request = (input: DiscoveryRequestInput) => discoveryRequestSchema.parse(input);

describe('planDiscovery', () => {
  it('merges the address methods, takes exclusions out and keeps names apart', () => {
    const plan = planDiscovery(
      request({
        methods: [
          { kind: 'addresses', spec: '10.0.0.1-10.0.0.10, printer.example.com' },
          { kind: 'addressFile', fileName: 'more.csv', content: 'address\n10.0.0.8-12\n' },
          { kind: 'names', names: ['PRN-FLOOR3', 'printer.example.com'] },
        ],
        options: { exclusions: '10.0.0.5' },
      }),
    );
    expect(plan.rangeCount).toBe(11);
    expect([...rangeAddresses(plan)]).not.toContain('10.0.0.5');
    expect([...rangeAddresses(plan)].at(-1)).toBe('10.0.0.12');
    expect(plan.names.map((n) => `${n.name}/${n.kind}`)).toEqual(['printer.example.com/addresses', 'PRN-FLOOR3/names']);
    expect(plan.rangesByKind.map((r) => r.kind)).toEqual(['addresses', 'addressFile']);
    expect(isExcluded(plan, '10.0.0.5')).toBe(true);
    expect(coversAddress(plan.ranges, '10.0.0.12')).toBe(true);
    expect(coversAddress(plan.ranges, '10.0.0.13')).toBe(false);
  });

  it('names the method and token of a typo', () => {
    const bad = () => planDiscovery(request({ methods: [{ kind: 'broadcast' }, { kind: 'addresses', spec: '10.0.0.300' }] }));
    expect(bad).toThrow(AppError);
    expect(bad).toThrow(/method 2 \(addresses\): .*300/);
  });

  it('lists every bad line of an address file and plans nothing', () => {
    const error = (() => {
      try {
        planDiscovery(request({ methods: [{ kind: 'addressFile', fileName: 'a.csv', content: '10.0.0.1\nnot an address!\n10.0.0.999\n' }] }));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(AddressFileError);
    expect((error as AddressFileError).problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it('refuses a search larger than a /12 before sending', () => {
    expect(() => planDiscovery(request({ methods: [{ kind: 'addresses', spec: '10.0.0.0/8' }] }))).toThrow(/16,777,214 addresses/);
  });
});

describe('run records', () => {
  const base = request({ methods: [{ kind: 'addresses', spec: '10.0.0.0/24' }], options: { credentials: [{ version: 'v2c', community: 'secret' }] } });

  it('masks communities and keys, and leaves file contents out', () => {
    const masked = JSON.stringify(
      maskRequest(
        request({
          methods: [{ kind: 'addressFile', fileName: 'a.csv', content: '10.0.0.1\n10.0.0.2' }],
          options: { credentials: [{ version: 'v2c', community: 'secret' }, { version: 'v3', user: 'ops', level: 'authPriv', authProtocol: 'sha', authKey: 'authpass1', privProtocol: 'aes', privKey: 'privpass1' }] },
        }),
      ),
    );
    expect(masked).not.toMatch(/secret|authpass1|privpass1|10\.0\.0\.2/);
    expect(masked).toContain('a.csv');
  });

  it('gives the same search the same fingerprint, and another search another', () => {
    expect(fingerprintOf(base)).toBe(fingerprintOf(request({ ...base, name: 'renamed' })));
    expect(fingerprintOf(base)).not.toBe(fingerprintOf(request({ ...base, methods: [{ kind: 'addresses', spec: '10.0.1.0/24' }] })));
    expect(fingerprintOf(base)).not.toContain('secret');
  });

  it('names a run after its methods when the user gave no name', () => {
    expect(defaultRunName(request({ methods: [{ kind: 'addresses', spec: '10.0.0.0/24' }, { kind: 'slp' }] }))).toBe('10.0.0.0/24, SLP');
    expect(defaultRunName(request({ name: 'Floor 3', methods: [{ kind: 'mdns' }] }))).toBe('Floor 3');
  });
});
