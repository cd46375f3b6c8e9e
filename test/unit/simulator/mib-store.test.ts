import { describe, expect, it } from 'vitest';
import { oidToArcs } from '../../../src-shared/snmp/ber/ber-primitives';
import { MibCompiler } from '../../../src-main/simulator/mib-store';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

const int = (oid: string, value: number): VarBind => ({ oid, value: { type: 'Integer', value } });

describe('MibStore', () => {
  it('sorts numerically (…9 before …10), keeps the last duplicate and skips exception values', () => {
    const store = new MibCompiler().compile([
      int('1.3.6.1.2.1.1.10.0', 10),
      int('1.3.6.1.2.1.1.9.0', 9),
      int('1.3.6.1.2.1.1.9.0', 99),
      { oid: '1.3.6.1.2.1.1.11.0', value: { type: 'NoSuchObject', value: null } },
      { oid: '1.3.6.1.2.1.1.12.0', value: { type: 'Null', value: null } },
    ]);
    expect(store.toVarBinds()).toEqual([
      int('1.3.6.1.2.1.1.9.0', 99),
      int('1.3.6.1.2.1.1.10.0', 10),
      { oid: '1.3.6.1.2.1.1.12.0', value: { type: 'Null', value: null } },
    ]);
  });

  it('finds exact OIDs and the next one, and knows what lies below a prefix', () => {
    const store = new MibCompiler().compile([int('1.3.6.1.2.1.1.5.0', 1), int('1.3.6.1.2.1.43.11.1.1.9.1.1', 2)]);
    expect(store.find(oidToArcs('1.3.6.1.2.1.1.5.0'))).toBe(0);
    expect(store.find(oidToArcs('1.3.6.1.2.1.1.5'))).toBe(-1);
    expect(store.nextAfter(oidToArcs('1.3.6.1.2.1.1.5.0'))).toBe(1);
    expect(store.nextAfter(oidToArcs('1.3.6.1.2.1.43.11.1.1.9.1.1'))).toBe(2);
    expect(store.hasUnder(oidToArcs('1.3.6.1.2.1.43.11'))).toBe(true);
    expect(store.hasUnder(oidToArcs('1.3.6.1.2.1.43.11.1.1.9.1.1'))).toBe(false);
    expect(store.oidsUnder('1.3.6.1.2.1.43')).toEqual(['1.3.6.1.2.1.43.11.1.1.9.1.1']);
  });

  it('lets devices share a layout until one of them adds or removes an OID', () => {
    const compiler = new MibCompiler();
    const profile = [int('1.3.6.1.2.1.1.7.0', 72), int('1.3.6.1.2.1.43.11.1.1.9.1.1', 50)];
    const a = compiler.compile(profile);
    const b = compiler.compile(profile);
    expect(a.keyAt(0)).toBe(b.keyAt(0));
    a.set('1.3.6.1.2.1.43.18.1.1.2.1.1', { type: 'Integer', value: 3 });
    a.set('1.3.6.1.2.1.43.11.1.1.9.1.1', { type: 'Integer', value: 5 });
    b.remove('1.3.6.1.2.1.1.7.0');
    expect(a.toVarBinds().map((vb) => vb.oid)).toEqual(['1.3.6.1.2.1.1.7.0', '1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.43.18.1.1.2.1.1']);
    expect(b.toVarBinds()).toEqual([int('1.3.6.1.2.1.43.11.1.1.9.1.1', 50)]);
    expect(a.get('1.3.6.1.2.1.43.11.1.1.9.1.1')).toEqual({ type: 'Integer', value: 5 });
  });

  it('refuses malformed OIDs', () => {
    const store = new MibCompiler().compile([]);
    expect(() => store.set('1.3.x', { type: 'Integer', value: 1 })).toThrow(RangeError);
    expect(() => new MibCompiler().compile([int('1', 1)])).toThrow(RangeError);
  });
});
