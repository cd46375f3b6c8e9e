import { describe, expect, it } from 'vitest';
import { isNumericOid } from '../../../src-shared/snmp/oid';
import { checkOids } from '../../../src-main/core/snmp/snmp-target';

describe('OID checks', () => {  it('validates OIDs and strips a leading dot', () => {
    expect(isNumericOid('1.3.6')).toBe(true);
    for (const bad of ['', '1..3', '1.3.', 'a.b', '.1.3']) expect(isNumericOid(bad)).toBe(false);
    expect(checkOids(['.1.3.6', '1.3.7'])).toEqual(['1.3.6', '1.3.7']);
    const clean = ['1.3.6'];
    expect(checkOids(clean)).toBe(clean);
    expect(() => checkOids(['1.3.x'])).toThrow(/not a numeric OID/);
  });
});
