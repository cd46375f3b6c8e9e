import { describe, expect, it } from 'vitest';
import { parseTargets, snmpTemplate } from '../../../src-main/cli/snmp-options';

describe('SNMP command-line options', () => {
  it('defaults to v2c, community public, port 161', () => {
    expect(snmpTemplate({})).toEqual({ version: 'v2c', port: 161, timeoutMs: 2000, retries: 1, community: 'public' });
  });

  it('switches to v3 when a user is given and derives the level from the keys', () => {
    const t = snmpTemplate({ 'v3-user': 'admin', 'v3-auth-key': 'authpass1', 'v3-priv-key': 'privpass1', 'v3-auth-protocol': 'SHA256' });
    expect(t.version).toBe('v3');
    expect(t.v3).toMatchObject({ user: 'admin', level: 'authPriv', authProtocol: 'sha256', privProtocol: 'aes' });
  });

  it.each([
    [{ version: '4' }, /--version "4" is not one of/],
    [{ version: '3' }, /SNMPv3 needs --v3-user/],
    [{ 'v3-user': 'u', 'v3-level': 'authPriv', 'v3-auth-key': 'authpass1' }, /authPriv needs --v3-priv-key/],
    [{ 'v3-user': 'u', 'v3-auth-key': 'short' }, /at least 8 characters/],
    [{ 'v3-user': 'u', 'v3-auth-key': 'authpass1', 'v3-auth-protocol': 'sha3' }, /--v3-auth-protocol "sha3" is not one of/],
    [{ timeout: '-5' }, /--timeout "-5" must be a whole number/],
    [{ version: '2c', 'v3-user': 'u' }, /--v3-user needs --version 3/],
    [{ 'v3-level': 'authPriv' }, /--v3-level is an SNMPv3 option/],
    [{ version: '1', 'v3-context': 'ctx' }, /--v3-context is an SNMPv3 option/],
  ])('rejects %j with a clear message', (values, message) => {
    expect(() => snmpTemplate(values)).toThrow(message);
  });

  it('gives each target its own port or the default', () => {
    const targets = parseTargets(['127.0.0.1', 'printer:1161'], snmpTemplate({ port: '16100' }));
    expect(targets.map((t) => [t.host, t.port])).toEqual([['127.0.0.1', 16100], ['printer', 1161]]);
  });

  it('names the bad target', () => {
    // The console's words for the same mistake (ipv4-octets.ts): "octet 999 is outside 0–255".
    expect(() => parseTargets(['10.0.0.1', '10.0.0.999'], snmpTemplate({}))).toThrow(/bad target 10\.0\.0\.999: octet 999 is outside 0–255/);
  });
});
