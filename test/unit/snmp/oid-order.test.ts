import { describe, expect, it } from 'vitest';
import { compareOids } from '../../../src-shared/snmp/oid';
import { compareOidText, isNumericOid } from '../../../src-main/core/snmp/oid-order';
import { checkOids } from '../../../src-main/core/snmp/snmp-target';

describe('compareOidText', () => {
  it('orders numerically like compareOids, not lexically', () => {
    const oids = ['1.3.6.1.2.1.2', '1.3.6.1.2.1.10', '1.3.6.1.2.1.2.1', '1.3.6.1', '1.3.6.1.2.1.2', '1.3.6.2', '1.3.6.1.2.1.100.1', '0.0'];
    for (const a of oids) for (const b of oids) expect(compareOidText(a, b)).toBe(Math.sign(compareOids(a, b)));
  });

  it('validates OIDs and strips a leading dot', () => {
    expect(isNumericOid('1.3.6')).toBe(true);
    for (const bad of ['', '1..3', '1.3.', 'a.b', '.1.3']) expect(isNumericOid(bad)).toBe(false);
    expect(checkOids(['.1.3.6', '1.3.7'])).toEqual(['1.3.6', '1.3.7']);
    const clean = ['1.3.6'];
    expect(checkOids(clean)).toBe(clean);
    expect(() => checkOids(['1.3.x'])).toThrow(/not a numeric OID/);
  });
});
