import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import type { SnmpAuthProtocol, SnmpPrivProtocol } from '../core/snmp/snmp-client';

/**
 * The User-based Security Model's cryptography (RFC 3414, 3826, 7860 and the AES-256 key
 * extensions of draft-blumenthal-aes-usm / draft-reeder-snmpv3-usm-3desede that net-snmp
 * implements as aes256b / aes256r). node:crypto only.
 */

interface AuthAlgorithm {
  readonly hash: string;
  /** Length of the hash, i.e. of a localized key. */
  readonly keyLength: number;
  /** Bytes of the HMAC carried in msgAuthenticationParameters. */
  readonly macLength: number;
}

export const AUTH_ALGORITHMS: Readonly<Record<SnmpAuthProtocol, AuthAlgorithm>> = {
  md5: { hash: 'md5', keyLength: 16, macLength: 12 },
  sha: { hash: 'sha1', keyLength: 20, macLength: 12 },
  sha224: { hash: 'sha224', keyLength: 28, macLength: 16 },
  sha256: { hash: 'sha256', keyLength: 32, macLength: 24 },
  sha384: { hash: 'sha384', keyLength: 48, macLength: 32 },
  sha512: { hash: 'sha512', keyLength: 64, macLength: 48 },
};

const PASSWORD_STRETCH = 1_048_576;

/**
 * Password digests (Ku, RFC 3414 A.2 first step) by protocol and password. Hashing a megabyte
 * per password is the expensive part, and a fleet shares few passwords, so this is kept per
 * simulator and reused for every engine ID.
 */
export class UsmKeyCache {
  private readonly digests = new Map<string, Buffer>();

  /** Ku: the hash of the password repeated to 1 MiB; throws RangeError for an empty password. */
  passwordDigest(protocol: SnmpAuthProtocol, password: string | Uint8Array): Buffer {
    const bytes = typeof password === 'string' ? Buffer.from(password, 'utf8') : Buffer.from(password);
    if (bytes.length === 0) throw new RangeError('SNMPv3 password must not be empty');
    const id = `${protocol}:${bytes.toString('hex')}`;
    let digest = this.digests.get(id);
    if (!digest) {
      digest = createHash(AUTH_ALGORITHMS[protocol].hash).update(Buffer.alloc(PASSWORD_STRETCH, bytes)).digest();
      this.digests.set(id, digest);
    }
    return digest;
  }

  /** Kul: the password localized to one engine (RFC 3414 A.2). */
  localizedKey(protocol: SnmpAuthProtocol, password: string | Uint8Array, engineId: Uint8Array): Buffer {
    const ku = this.passwordDigest(protocol, password);
    return createHash(AUTH_ALGORITHMS[protocol].hash).update(ku).update(engineId).update(ku).digest();
  }

  /** Key material for a privacy protocol: DES 16 bytes (key + pre-IV), AES-128 16, AES-256 32. */
  privKey(priv: SnmpPrivProtocol, auth: SnmpAuthProtocol, password: string, engineId: Uint8Array): Buffer {
    const kul = this.localizedKey(auth, password, engineId);
    switch (priv) {
      case 'des':
      case 'aes':
        return kul.subarray(0, 16);
      case 'aes256b': {
        // Blumenthal: extend with the hash of everything so far until long enough.
        let key = kul;
        while (key.length < 32) key = Buffer.concat([key, createHash(AUTH_ALGORITHMS[auth].hash).update(key).digest()]);
        return key.subarray(0, 32);
      }
      case 'aes256r': {
        // Reeder: extend with the previous localized key, localized again as if a password.
        let key = kul;
        let last = kul;
        while (key.length < 32) {
          last = this.localizedKey(auth, last, engineId);
          key = Buffer.concat([key, last]);
        }
        return key.subarray(0, 32);
      }
    }
  }
}

/** HMAC of `message` with the MAC field [macOffset, macOffset+length) taken as zeros, truncated. */
export function computeMac(protocol: SnmpAuthProtocol, key: Uint8Array, message: Uint8Array, macOffset: number): Buffer {
  const { hash, macLength } = AUTH_ALGORITHMS[protocol];
  const hmac = createHmac(hash, key);
  hmac.update(message.subarray(0, macOffset));
  hmac.update(Buffer.alloc(macLength));
  hmac.update(message.subarray(macOffset + macLength));
  return hmac.digest().subarray(0, macLength);
}

/** Encrypts a scoped PDU; `salt` is 8 bytes chosen by the sender (privParameters). */
export function encryptScopedPdu(
  priv: SnmpPrivProtocol,
  key: Buffer,
  boots: number,
  time: number,
  salt: Buffer,
  plaintext: Uint8Array,
): Buffer {
  if (priv === 'des') {
    const padded = Buffer.alloc(Math.ceil(plaintext.length / 8) * 8);
    padded.set(plaintext);
    const cipher = createCipheriv('des-ede3-cbc', desKey(key), desIv(key, salt));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(padded), cipher.final()]);
  }
  const cipher = createCipheriv(aesName(priv), key, aesIv(boots, time, salt));
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

/** Decrypts a scoped PDU; throws RangeError when the parameters cannot be right. */
export function decryptScopedPdu(
  priv: SnmpPrivProtocol,
  key: Buffer,
  boots: number,
  time: number,
  salt: Uint8Array,
  ciphertext: Uint8Array,
): Buffer {
  if (salt.length !== 8) throw new RangeError('privParameters must be 8 bytes');
  if (priv === 'des') {
    if (ciphertext.length % 8 !== 0) throw new RangeError('DES ciphertext is not a multiple of 8 bytes');
    const decipher = createDecipheriv('des-ede3-cbc', desKey(key), desIv(key, salt));
    decipher.setAutoPadding(false);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const decipher = createDecipheriv(aesName(priv), key, aesIv(boots, time, salt));
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function aesName(priv: 'aes' | 'aes256b' | 'aes256r'): string {
  return priv === 'aes' ? 'aes-128-cfb' : 'aes-256-cfb';
}

// Single DES is not in OpenSSL 3's default provider; 3DES-EDE with three equal keys
// computes exactly DES (E_K ∘ D_K ∘ E_K = E_K), so the legacy provider is not needed.
function desKey(material: Buffer): Buffer {
  const k = material.subarray(0, 8);
  return Buffer.concat([k, k, k]);
}

function desIv(material: Buffer, salt: Uint8Array): Buffer {
  const iv = Buffer.allocUnsafe(8);
  for (let i = 0; i < 8; i++) iv[i] = (material[8 + i] as number) ^ (salt[i] as number);
  return iv;
}

function aesIv(boots: number, time: number, salt: Uint8Array): Buffer {
  const iv = Buffer.allocUnsafe(16);
  iv.writeUInt32BE(boots >>> 0, 0);
  iv.writeUInt32BE(time >>> 0, 4);
  iv.set(salt.subarray(0, 8), 8);
  return iv;
}
