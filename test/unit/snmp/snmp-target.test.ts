import { describe, expect, it } from 'vitest';
import { sessionKey, targetInContext } from '../../../src-main/core/snmp/snmp-target';

describe('a target in an SNMP context', () => {
  it('v1/v2c: the community "<community>@<context>" (public when none was given)', () => {
    expect(targetInContext({ host: '10.0.0.5', version: 'v2c', community: 'office' }, 'Jetdirect')).toEqual({ host: '10.0.0.5', version: 'v2c', community: 'office@Jetdirect' });
    expect(targetInContext({ host: '10.0.0.5', version: 'v1' }, 'Jetdirect').community).toBe('public@Jetdirect');
  });

  it('v3: the contextName, with the same user and keys; a session of its own', () => {
    const target = { host: '10.0.0.5', version: 'v3' as const, v3: { user: 'u', level: 'authNoPriv' as const, authProtocol: 'sha' as const, authKey: 'key-12345' } };
    const there = targetInContext(target, 'Jetdirect');
    expect(there.v3).toEqual({ ...target.v3, context: 'Jetdirect' });
    expect(sessionKey(there)).not.toBe(sessionKey(target));
  });
});
