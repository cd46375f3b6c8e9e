import { describe, expect, it } from 'vitest';
import { AUTH_ALGORITHMS, computeMac, decryptScopedPdu, encryptScopedPdu, UsmKeyCache } from '../../../src-main/simulator/usm-crypto';
import type { SnmpAuthProtocol, SnmpPrivProtocol } from '../../../src-main/core/snmp/snmp-client';

const ENGINE = Buffer.from('000000000000000000000002', 'hex');

describe('password to key (RFC 3414 A.2)', () => {
  it('matches the RFC 3414 A.3 vectors for "maplesyrup"', () => {
    const keys = new UsmKeyCache();
    expect(keys.passwordDigest('md5', 'maplesyrup').toString('hex')).toBe('9faf3283884e92834ebc9847d8edd963');
    expect(keys.localizedKey('md5', 'maplesyrup', ENGINE).toString('hex')).toBe('526f5eed9fcce26f8964c2930787d82b');
    expect(keys.passwordDigest('sha', 'maplesyrup').toString('hex')).toBe('9fb5cc0381497b3793528939ff788d5d79145211');
    expect(keys.localizedKey('sha', 'maplesyrup', ENGINE).toString('hex')).toBe('6695febc9288e36282235fc7151f128497b38f3f');
  });

  it.each(Object.entries(AUTH_ALGORITHMS))('%s keys have the hash length and MACs the RFC 7860 truncation', (protocol, algorithm) => {
    const keys = new UsmKeyCache();
    const key = keys.localizedKey(protocol as SnmpAuthProtocol, 'maplesyrup', ENGINE);
    expect(key.length).toBe(algorithm.keyLength);
    expect(computeMac(protocol as SnmpAuthProtocol, key, Buffer.alloc(100, 7), 10).length).toBe(algorithm.macLength);
  });

  it('computes the MAC as if its own field were zeros, so a filled-in message verifies', () => {
    const key = new UsmKeyCache().localizedKey('sha256', 'authpassword', ENGINE);
    const message = Buffer.alloc(80, 0x55);
    const mac = computeMac('sha256', key, message, 20);
    message.set(mac, 20);
    expect(computeMac('sha256', key, message, 20)).toEqual(mac);
  });

  it('rejects an empty password', () => {
    expect(() => new UsmKeyCache().passwordDigest('md5', '')).toThrow(RangeError);
  });
});

describe('privacy', () => {
  it('DES-CBC computes single DES (FIPS 81 vector) without the legacy OpenSSL provider', () => {
    const material = Buffer.concat([Buffer.from('133457799bbcdff1', 'hex'), Buffer.alloc(8)]);
    const cipher = encryptScopedPdu('des', material, 0, 0, Buffer.alloc(8), Buffer.from('0123456789abcdef', 'hex'));
    expect(cipher.toString('hex')).toBe('85e813540f0ab405');
  });

  it.each<[SnmpPrivProtocol, SnmpAuthProtocol, number]>([
    ['des', 'md5', 16],
    ['aes', 'sha', 16],
    ['aes256b', 'md5', 32],
    ['aes256b', 'sha', 32],
    ['aes256r', 'sha', 32],
    ['aes256r', 'sha512', 32],
  ])('%s with %s keys: %i bytes, and decrypt(encrypt(x)) = x', (priv, auth, keyLength) => {
    const key = new UsmKeyCache().privKey(priv, auth, 'privpassword', ENGINE);
    expect(key.length).toBe(keyLength);
    const plain = Buffer.from('3011040004007375626a656374a0050201010201', 'hex');
    const salt = Buffer.from('0000000100000002', 'hex');
    const cipher = encryptScopedPdu(priv, key, 1, 1234, salt, plain);
    expect(cipher.equals(plain)).toBe(false);
    expect(decryptScopedPdu(priv, key, 1, 1234, salt, cipher).subarray(0, plain.length)).toEqual(plain);
  });

  it('Blumenthal and Reeder extend a short (SHA-1) key differently, and keep its first 20 bytes', () => {
    const keys = new UsmKeyCache();
    const b = keys.privKey('aes256b', 'sha', 'privpassword', ENGINE);
    const r = keys.privKey('aes256r', 'sha', 'privpassword', ENGINE);
    expect(b.subarray(0, 20)).toEqual(r.subarray(0, 20));
    expect(b.subarray(20)).not.toEqual(r.subarray(20));
  });

  it('rejects DES ciphertext that is not whole blocks', () => {
    const key = new UsmKeyCache().privKey('des', 'md5', 'privpassword', ENGINE);
    expect(() => decryptScopedPdu('des', key, 0, 0, Buffer.alloc(8), Buffer.alloc(12))).toThrow(RangeError);
  });
});
