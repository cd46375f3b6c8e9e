import { describe, expect, it } from 'vitest';
import { errorFromLibrary, type RequestContext } from '../../../src-main/core/snmp/snmp-error-mapping';

const v2c: RequestContext = { host: '10.1.2.3', port: 161, version: 'v2c', timeoutMs: 2000, attempts: 2 };
const v3: RequestContext = { ...v2c, version: 'v3' };
const libraryError = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe('errorFromLibrary', () => {
  it('turns a library timeout into snmp-timeout naming host:port and what to check', () => {
    const error = errorFromLibrary(libraryError('RequestTimedOutError', 'Request timed out'), v2c, false);
    expect(error.code).toBe('snmp-timeout');
    expect(error.message).toContain('10.1.2.3:161');
    expect(error.message).toContain('check address, port and community');
  });

  it('reports snmp-malformed instead when undecodable replies came during the request', () => {
    expect(errorFromLibrary(libraryError('RequestTimedOutError', 'Request timed out'), v2c, true).code).toBe('snmp-malformed');
  });

  it('names the error-status and the index of the blamed OID', () => {
    const error = errorFromLibrary(libraryError('RequestFailedError', 'NoSuchName: 1.3.6.1.2.1.1.9.0', { status: 2 }), v2c, false, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.9.0']);
    expect(error.code).toBe('snmp-error-status');
    expect(error.detail).toEqual({ errorStatus: 'noSuchName', errorIndex: 2 });
  });

  it.each([
    ['Unknown User Name', 'usmStatsUnknownUserNames'],
    ['Wrong Digest (incorrect password, community or key)', 'usmStatsWrongDigests'],
    ['Unsupported Security Level', 'usmStatsUnsupportedSecLevels'],
    ['Decryption Error', 'usmStatsDecryptionErrors'],
  ])('maps the v3 report "%s" to snmp-auth-failed naming %s', (text, counter) => {
    const error = errorFromLibrary(libraryError('ResponseInvalidError', text, { code: 5 }), v3, false);
    expect(error.code).toBe('snmp-auth-failed');
    expect(error.message).toContain(counter);
  });

  it('maps decryption failures to snmp-auth-failed and other invalid replies to snmp-malformed', () => {
    expect(errorFromLibrary(libraryError('ResponseInvalidError', 'Failed to decrypt PDU', { code: 4 }), v3, false).code).toBe('snmp-auth-failed');
    expect(errorFromLibrary(libraryError('ResponseInvalidError', 'Requested OIDs do not match response OIDs', { code: 6 }), v2c, false).code).toBe('snmp-malformed');
  });

  it('maps socket errors to network-error and unavailable ciphers to invalid-argument', () => {
    expect(errorFromLibrary(Object.assign(new Error('send EACCES 255.255.255.255:161'), { code: 'EACCES' }), v2c, false).code).toBe('network-error');
    expect(errorFromLibrary(Object.assign(new Error('unsupported'), { code: 'ERR_OSSL_EVP_UNSUPPORTED' }), v3, false).code).toBe('invalid-argument');
  });
});
