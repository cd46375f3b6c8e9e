import { describe, expect, it } from 'vitest';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { decodeSnapshot, encodeSnapshot } from '../../../src-shared/snmp/snapshot-codec';
import { compareOids } from '../../../src-shared/snmp/oid';

describe('snapshot codec', () => {
  it('round-trips every value type', () => {
    const snapshot = new MibSnapshot([
      { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'OctetString', value: new Uint8Array([0x48, 0x50, 0xff, 0]) } },
      { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.11.2.3.9.1' } },
      { oid: '1.3.6.1.2.1.1.3.0', value: { type: 'TimeTicks', value: 217539735 } },
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', value: { type: 'Integer', value: -3 } },
      { oid: '1.3.6.1.2.1.31.1.1.1.6.1', value: { type: 'Counter64', value: 18446744073709551615n } },
      { oid: '1.3.6.1.2.1.4.20.1.1.10.0.0.5', value: { type: 'IpAddress', value: '10.0.0.5' } },
    ]);
    const back = decodeSnapshot(encodeSnapshot(snapshot));
    expect(back.toVarBinds()).toEqual(snapshot.toVarBinds());
  });

  it('keeps the SNMP contexts subtrees were read in, and reads snapshots stored before there were any', () => {
    const level = '1.3.6.1.2.1.43.11.1.1.9.1.1';
    const snapshot = new MibSnapshot([{ oid: level, value: { type: 'Integer', value: 54 } }, { oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: new Uint8Array([0x50]) } }]);
    snapshot.setContext('1.3.6.1.2.1.43.11.1.1.9', 'Jetdirect');
    const back = decodeSnapshot(encodeSnapshot(snapshot));
    expect(back.contextOf(level)).toBe('Jetdirect');
    expect(back.contextOf('1.3.6.1.2.1.1.5.0')).toBeNull();
    expect(back.toVarBinds()).toEqual(snapshot.toVarBinds());
    const legacy = decodeSnapshot(`[["${level}", "Integer", 54]]`);
    expect(legacy.contextOf(level)).toBeNull();
    expect(() => decodeSnapshot(`{"values": [], "contexts": {"1.3.6": 7}}`)).toThrow(/bad context of 1\.3\.6/);
  });

  it('names the bad entry of a corrupted snapshot', () => {
    expect(() => decodeSnapshot('[["1.3.6.1", "OctetString", "zz"]]')).toThrow(/bad hex at #0 \(1\.3\.6\.1\)/);
    expect(() => decodeSnapshot('[["1.3.6.1", "Integer", "x"]]')).toThrow(/bad Integer value at #0/);
    expect(() => decodeSnapshot('{}')).toThrow(/not an array/);
  });

  it('keeps columns in numeric OID order and drops exceptions', () => {
    const s = new MibSnapshot([
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.10', value: { type: 'Integer', value: 10 } },
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', value: { type: 'Integer', value: 2 } },
      { oid: '1.3.6.1.2.1.43.11.1.1.90.1', value: { type: 'Integer', value: 99 } },
    ]);
    expect(s.column('1.3.6.1.2.1.43.11.1.1.9').map((r) => r.index)).toEqual(['1.2', '1.10']);
    s.set([{ oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', value: { type: 'NoSuchInstance', value: null } }]);
    expect(s.column('1.3.6.1.2.1.43.11.1.1.9').map((r) => r.index)).toEqual(['1.10']);
  });
});

describe('compareOids', () => {
  it('orders arcs numerically, parents before children', () => {
    const oids = ['1.3.6.1.10', '1.3.6.1.2.1', '1.3.6.1.2', '1.3.6.1.2.1.1.0', '1.3.6.2', '1.3.6.1.9.99', '1.3.6.1'];
    expect([...oids].sort(compareOids)).toEqual(['1.3.6.1', '1.3.6.1.2', '1.3.6.1.2.1', '1.3.6.1.2.1.1.0', '1.3.6.1.9.99', '1.3.6.1.10', '1.3.6.2']);
    expect(compareOids('1.3.6.1', '1.3.6.1')).toBe(0);
    expect(Math.sign(compareOids('1.3.6.1.4294967295', '1.3.6.1.4294967294'))).toBe(1);
  });
});

describe('MibSnapshot packed form', () => {
  const build = (): MibSnapshot =>
    new MibSnapshot([
      { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'OctetString', value: new Uint8Array([0x41, 0xe9, 0]) } },
      { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.367.1.1' } },
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', value: { type: 'Integer', value: -3 } },
      { oid: '1.3.6.1.2.1.43.11.1.1.9.1.10', value: { type: 'Integer', value: 40 } },
      { oid: '1.3.6.1.2.1.43.18.1.1.2.1.1', value: { type: 'Integer', value: 3 } },
      { oid: '1.3.6.1.2.1.31.1.1.1.6.1', value: { type: 'Counter64', value: 2n ** 40n } },
    ]);

  it('answers exactly as the unpacked form', () => {
    const plain = build();
    const packed = build();
    packed.compact();
    expect(packed.toVarBinds()).toEqual(plain.toVarBinds());
    expect(packed.column('1.3.6.1.2.1.43.11.1.1.9')).toEqual(plain.column('1.3.6.1.2.1.43.11.1.1.9'));
    expect(packed.get('1.3.6.1.2.1.1.5.0')).toBeUndefined();
    expect(packed.has('1.3.6.1.2.1.1.2.0')).toBe(true);
  });

  it('overwrites in place, and unpacks for new OIDs, removals and type changes', () => {
    const s = build();
    s.compact();
    s.set([{ oid: '1.3.6.1.2.1.43.11.1.1.9.1.10', value: { type: 'Integer', value: 39 } }]);
    expect(s.get('1.3.6.1.2.1.43.11.1.1.9.1.10')).toEqual({ type: 'Integer', value: 39 });
    s.set([{ oid: '1.3.6.1.2.1.43.11.1.1.9.1.10', value: { type: 'Gauge32', value: 38 } }]);
    expect(s.get('1.3.6.1.2.1.43.11.1.1.9.1.10')).toEqual({ type: 'Gauge32', value: 38 });
    s.compact();
    s.set([{ oid: '1.3.6.1.2.1.43.11.1.1.9.1.3', value: { type: 'Integer', value: 7 } }]);
    expect(s.column('1.3.6.1.2.1.43.11.1.1.9').map((r) => r.index)).toEqual(['1.2', '1.3', '1.10']);
    s.compact();
    s.removeSubtree('1.3.6.1.2.1.43.18.1.1');
    expect(s.oidsUnder('1.3.6.1.2.1.43.18')).toEqual([]);
    s.compact();
    s.set([{ oid: '1.3.6.1.2.1.43.11.1.1.9.1.2', value: { type: 'NoSuchInstance', value: null } }]);
    expect(s.has('1.3.6.1.2.1.43.11.1.1.9.1.2')).toBe(false);
    expect(s.size).toBe(5);
  });
});
