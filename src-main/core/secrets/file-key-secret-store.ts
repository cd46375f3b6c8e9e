import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { SecretStoreError, type SecretStore } from './secret-store';

/**
 * AES-256-GCM with a random 32-byte key. node:crypto is enough here (a library would only wrap
 * these calls). Sealed text: "pd1:<key id>:<base64 of iv | tag | ciphertext>"; the key id (first
 * bytes of the key's SHA-256) lets open() tell "another key sealed this" from "damaged".
 */
const PREFIX = 'pd1';
/** Bytes of a sealing key. */
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Where a store's key comes from. The key file below is one source; a host may keep the key
 * elsewhere (the Electron shell wraps it with safeStorage) and still seal in this one format,
 * so secrets sealed under one source open under another that holds the same key.
 */
export interface SecretKeySource {
  /** How messages name the key ("the key file …"). */
  readonly name: string;
  /** The key seal() uses; may create it. Throws SecretStoreError when none can be had. */
  forSealing(): Buffer;
  /** The keys open() may use, the sealing key first; never creates one. Throws SecretStoreError when there is none. */
  forOpening(): readonly Buffer[];
}

/** A store that seals in the "pd1" format with the keys of `source`. */
export function createSecretStoreWithKeys(source: SecretKeySource): SecretStore {
  return new AesGcmSecretStore(source);
}

/** A store whose key lives only in this process (':memory:' databases: their secrets die with them). */
export function createMemorySecretStore(): SecretStore {
  const key = randomBytes(SECRET_KEY_BYTES);
  return new AesGcmSecretStore({ name: 'the in-memory key', forSealing: () => key, forOpening: () => [key] });
}

/**
 * A store whose key is a file (64 hex digits, mode 0600). seal() creates the file when missing;
 * open() never does — a missing or replaced key file means the stored secrets are lost, and the
 * error says so (enter the passwords again, or put the original key file back).
 */
export function createFileKeySecretStore(keyFile: string): SecretStore {
  let key: Buffer | null = null;
  const load = (create: boolean): Buffer => (key ??= readKeyFile(keyFile, create));
  return new AesGcmSecretStore({ name: `the key file "${keyFile}"`, forSealing: () => load(true), forOpening: () => [load(false)] });
}

/** The key file that belongs to a database file. */
export function keyFileFor(databaseFile: string): string {
  return `${databaseFile}.key`;
}

/**
 * The key in a key file, or null when there is no such file. Throws SecretStoreError
 * ('secret-key-unusable') when it cannot be read, holds no key, or other users can read it.
 */
export function readExistingKeyFile(file: string): Buffer | null {
  try {
    return readKeyFile(file, false);
  } catch (error) {
    if (error instanceof SecretStoreError && error.code === 'secret-key-missing') return null;
    throw error;
  }
}

/** A key from its text form (64 hex digits, surrounding white space ignored); throws 'secret-key-unusable' naming `where`. */
export function keyFromHex(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) {
    throw new SecretStoreError('secret-key-unusable', `${where} does not hold a key (expected 64 hex digits): restore it from a backup, or delete it and enter the passwords again`);
  }
  return Buffer.from(hex, 'hex');
}

/** The short id a sealed text names its key by (first 8 hex digits of the key's SHA-256). */
export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

class AesGcmSecretStore implements SecretStore {
  constructor(private readonly keys: SecretKeySource) {}

  seal(text: string): string {
    const key = this.keys.forSealing();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `${PREFIX}:${secretKeyId(key)}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    const [prefix, id, payload, extra] = sealed.split(':');
    if (prefix !== PREFIX || !id || payload === undefined || extra !== undefined) {
      throw new SecretStoreError('secret-undecryptable', 'a stored secret is damaged (not in the sealed format): enter it again');
    }
    const keys = this.keys.forOpening();
    const key = keys.find((k) => secretKeyId(k) === id);
    if (!key) {
      const ids = `${keys.length === 1 ? 'this key' : 'these keys'} ${keys.map(secretKeyId).join(', ')}`;
      throw new SecretStoreError(
        'secret-undecryptable',
        `a stored secret was sealed with another key than ${this.keys.name} (key id ${id}, ${ids}): put the original key file back, or enter the password again`,
      );
    }
    const bytes = Buffer.from(payload, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new SecretStoreError('secret-undecryptable', 'a stored secret is damaged (too short): enter it again');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new SecretStoreError('secret-undecryptable', `a stored secret does not decrypt with ${this.keys.name} (damaged): enter it again`, { cause });
    }
  }
}

function readKeyFile(file: string, create: boolean): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw new SecretStoreError('secret-key-unusable', `cannot read the key file "${file}": ${describe(error)}`, { cause: error });
    if (!create) {
      throw new SecretStoreError(
        'secret-key-missing',
        `the key file "${file}" is missing, so stored passwords cannot be decrypted: put it back, or enter the passwords again`,
      );
    }
    return createKeyFile(file);
  }
  checkPermissions(file);
  return keyFromHex(text, `the key file "${file}"`);
}

function createKeyFile(file: string): Buffer {
  const key = randomBytes(SECRET_KEY_BYTES);
  try {
    // 'wx': never overwrite a key another process created meanwhile; 0600: only this user reads it.
    writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return key;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return readKeyFile(file, false);
    throw new SecretStoreError('secret-key-unusable', `cannot create the key file "${file}": ${describe(error)}`, { cause: error });
  }
}

function checkPermissions(file: string): void {
  // Windows has no POSIX modes; its ACLs are the user profile's.
  if (process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new SecretStoreError('secret-key-unusable', `the key file "${file}" is readable by other users (mode ${mode.toString(8)}): run chmod 600 on it`);
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
