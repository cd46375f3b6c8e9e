import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * SNMPv3 DES privacy (RFC 3414 §8) without single DES, which OpenSSL 3 (Node 20) only offers
 * through its legacy provider: 3DES-EDE with three equal keys computes exactly DES
 * (E_K ∘ D_K ∘ E_K = E_K). Old printers often offer DES as their only privacy protocol.
 *
 * The functions take the shapes net-snmp's Encryption table expects, so the adapter can put
 * them in place of net-snmp's own (see net-snmp-client.ts); `localizedKey` is net-snmp's
 * password-to-key function.
 */

type LocalizedKey = (authProtocol: number, password: string, engineId: Buffer) => Buffer;

const BLOCK = 8;

function keyAndPreIv(localizedKey: LocalizedKey, authProtocol: number, password: string, engineId: Buffer): { key: Buffer; preIv: Buffer } {
  const material = localizedKey(authProtocol, password, engineId);
  const key = material.subarray(0, BLOCK);
  return { key: Buffer.concat([key, key, key]), preIv: material.subarray(BLOCK, 2 * BLOCK) };
}

function ivOf(preIv: Buffer, salt: Uint8Array): Buffer {
  const iv = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) iv[i] = (preIv[i] as number) ^ (salt[i] as number);
  return iv;
}

/** Encrypts a scoped PDU; the salt is engine boots 1 (we keep no engine state) and 4 random bytes. */
export function desEncrypt(localizedKey: LocalizedKey) {
  return (scopedPdu: Buffer, _privProtocol: number, password: string, authProtocol: number, engine: { engineID: Buffer }) => {
    const { key, preIv } = keyAndPreIv(localizedKey, authProtocol, password, engine.engineID);
    const salt = Buffer.concat([Buffer.from([0, 0, 0, 1]), randomBytes(4)]);
    const padded = Buffer.alloc(Math.ceil(scopedPdu.length / BLOCK) * BLOCK);
    scopedPdu.copy(padded);
    const cipher = createCipheriv('des-ede3-cbc', key, ivOf(preIv, salt));
    cipher.setAutoPadding(false);
    return { encryptedPdu: Buffer.concat([cipher.update(padded), cipher.final()]), msgPrivacyParameters: salt };
  };
}

/** Decrypts a scoped PDU; throws RangeError for parameters that cannot be DES. */
export function desDecrypt(localizedKey: LocalizedKey) {
  return (encryptedPdu: Buffer, _privProtocol: number, salt: Buffer, password: string, authProtocol: number, engine: { engineID: Buffer }) => {
    if (salt.length !== BLOCK || encryptedPdu.length % BLOCK !== 0) throw new RangeError('DES privacy parameters or ciphertext of the wrong length');
    const { key, preIv } = keyAndPreIv(localizedKey, authProtocol, password, engine.engineID);
    const decipher = createDecipheriv('des-ede3-cbc', key, ivOf(preIv, salt));
    decipher.setAutoPadding(false);
    return Buffer.concat([decipher.update(encryptedPdu), decipher.final()]);
  };
}
