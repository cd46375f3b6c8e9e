import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { safeStorage as electronSafeStorage, type SafeStorage } from 'electron';
import {
  createFileKeySecretStore,
  createSecretStoreWithKeys,
  keyFileFor,
  keyFromHex,
  readExistingKeyFile,
  SECRET_KEY_BYTES,
  secretKeyId,
} from '../core/secrets/file-key-secret-store';
import { SecretStoreError, type SecretStore } from '../core/secrets/secret-store';

/** What the store needs of Electron's safeStorage (tests pass a fake). */
export type SafeStorageApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/** Where the key is kept: wrapped by safeStorage, or in the plain key file (0600) as `printdeck serve` keeps it. */
export type KeyProtection = 'safeStorage' | 'key-file';

export interface DesktopSecretStore extends SecretStore {
  readonly protection: KeyProtection;
}

/** "Printdeck key, wrapped, format 1": the file holds this prefix, then safeStorage's bytes in base64. */
const WRAPPED_PREFIX = 'pdk1:';

/** The file that holds the sealing key wrapped by safeStorage, beside the database. */
export function protectedKeyFileFor(databaseFile: string): string {
  return `${keyFileFor(databaseFile)}.safestorage`;
}

/**
 * Why safeStorage cannot protect the key here, or null when it can: no encryption at all, or
 * on Linux the "basic_text" backend (no keyring: Chromium then encrypts with a fixed password,
 * which protects nothing) or "unknown" (asked before the app was ready).
 */
export function safeStorageRefusal(api: SafeStorageApi, platform: NodeJS.Platform): string | null {
  if (!api.isEncryptionAvailable()) return 'safeStorage cannot encrypt on this system (no OS key store is available)';
  // getSelectedStorageBackend exists on Linux only.
  if (platform !== 'linux') return null;
  const backend = api.getSelectedStorageBackend();
  if (backend === 'basic_text') return 'safeStorage has no keyring on this Linux desktop (backend "basic_text", which protects nothing)';
  if (backend === 'unknown') return 'safeStorage has not chosen a keyring yet (backend "unknown": asked before the app was ready)';
  return null;
}

export interface DesktopSecretStoreOptions {
  databaseFile: string;
  log: (message: string) => void;
  /** Electron's safeStorage by default. */
  safeStorage?: SafeStorageApi;
  /** process.platform by default. */
  platform?: NodeJS.Platform;
  /**
   * Why to keep the plain key file even where safeStorage works (portable mode: the data
   * travels to other computers and users, which safeStorage's key would not).
   */
  keepKeyFile?: string;
}

/**
 * The desktop's SecretStore: the same AES-256-GCM sealing as the key-file store (so secrets
 * sealed before keep opening), with its 32-byte key kept encrypted by safeStorage (DPAPI,
 * Keychain, libsecret/kwallet) in `<database>.key.safestorage`, created by the first seal.
 *
 * - An existing plain key file (`<database>.key`, from an earlier version or `printdeck serve`)
 *   is migrated at once: its key is wrapped, the wrapped file written (temporary file, then
 *   rename), read back and unwrapped to verify, and only then is the plain file removed. A
 *   failed migration is logged and the plain file stays in use (tried again next start).
 * - A plain key file beside a wrapped one: the same key (an interrupted migration) is removed;
 *   a different key (e.g. made by `printdeck serve` later) is kept and used to open what it
 *   sealed, while new secrets are sealed with the protected key.
 * - Where safeStorage cannot protect anything (`safeStorageRefusal`), or `keepKeyFile` says
 *   why not, a warning is logged and the plain key-file store is used. If the key is already
 *   wrapped and there is no plain file, the store refuses (secret-key-unusable) rather than
 *   making a second key.
 */
export function createDesktopSecretStore(options: DesktopSecretStoreOptions): DesktopSecretStore {
  const api = options.safeStorage ?? electronSafeStorage;
  const plainFile = keyFileFor(options.databaseFile);
  const wrappedFile = protectedKeyFileFor(options.databaseFile);
  const refusal = options.keepKeyFile ?? safeStorageRefusal(api, options.platform ?? process.platform);
  if (refusal !== null) {
    if (existsSync(wrappedFile) && !existsSync(plainFile)) {
      const message = `the key that seals stored passwords is protected by safeStorage ("${wrappedFile}") but ${refusal}: start Printdeck where the OS keyring is available (the same user's desktop session), or enter the passwords again after moving that file away`;
      options.log(`warning: ${message}`);
      const fail = (): never => {
        throw new SecretStoreError('secret-key-unusable', message);
      };
      return withProtection(createSecretStoreWithKeys({ name: `the key in "${wrappedFile}"`, forSealing: fail, forOpening: fail }), 'safeStorage');
    }
    const why = options.keepKeyFile === undefined ? `warning: ${refusal}` : refusal;
    options.log(`${why}; the key that seals stored passwords stays in the plain key file "${plainFile}" (readable by this OS user only)`);
    return withProtection(createFileKeySecretStore(plainFile), 'key-file');
  }

  const wrapped = new WrappedKeyFile(wrappedFile, api);
  try {
    migrate(plainFile, wrapped, options.log);
  } catch (error) {
    options.log(`warning: protecting the key file "${plainFile}" with safeStorage failed, it stays in use: ${describe(error)}`);
  }

  let sealing: Buffer | null = null;
  let others: Buffer[] | null = null;
  const load = (create: boolean): Buffer => {
    if (sealing) return sealing;
    if (wrapped.exists()) return (sealing = wrapped.read());
    // A migration that failed: keep using the plain key rather than making a second one.
    const plain = readExistingKeyFile(plainFile);
    if (plain) return (sealing = plain);
    if (!create) {
      throw new SecretStoreError('secret-key-missing', `the key file "${wrappedFile}" is missing, so stored passwords cannot be decrypted: put it back, or enter the passwords again`);
    }
    const key = randomBytes(SECRET_KEY_BYTES);
    wrapped.write(key);
    options.log(`created the key that seals stored passwords, protected by safeStorage in "${wrappedFile}"`);
    return (sealing = key);
  };
  const opening = (): Buffer[] => {
    const key = load(false);
    // A different plain key beside the protected one (printdeck serve made it): what it sealed still opens.
    others ??= [readPlainKeyOrNull(plainFile, options.log)].filter((k): k is Buffer => k !== null && !k.equals(key));
    return [key, ...others];
  };
  return withProtection(createSecretStoreWithKeys({ name: `the key protected by safeStorage ("${wrappedFile}")`, forSealing: () => load(true), forOpening: opening }), 'safeStorage');
}

function withProtection(store: SecretStore, protection: KeyProtection): DesktopSecretStore {
  return { protection, seal: (text) => store.seal(text), open: (sealed) => store.open(sealed) };
}

function readPlainKeyOrNull(file: string, log: (message: string) => void): Buffer | null {
  try {
    return readExistingKeyFile(file);
  } catch (error) {
    log(`warning: the plain key file "${file}" is ignored: ${describe(error)}`);
    return null;
  }
}

/** Wraps an existing plain key file (see createDesktopSecretStore); throws when it cannot, leaving the plain file. */
function migrate(plainFile: string, wrapped: WrappedKeyFile, log: (message: string) => void): void {
  if (wrapped.exists()) {
    if (!existsSync(plainFile)) return;
    const plain = readExistingKeyFile(plainFile);
    const key = wrapped.read();
    if (plain?.equals(key)) {
      unlinkSync(plainFile);
      log(`removed the plain key file "${plainFile}": its key is protected by safeStorage in "${wrapped.file}"`);
    } else if (plain) {
      log(
        `warning: the plain key file "${plainFile}" holds another key (${secretKeyId(plain)}) than the one protected by safeStorage (${secretKeyId(key)}), perhaps made by printdeck serve on this data: passwords it sealed still open, new ones are sealed with the protected key`,
      );
    }
    return;
  }
  const plain = readExistingKeyFile(plainFile);
  if (!plain) return;
  wrapped.write(plain);
  let verified = false;
  try {
    verified = wrapped.read().equals(plain);
  } finally {
    if (!verified) rmSync(wrapped.file, { force: true });
  }
  if (!verified) throw new Error(`the wrapped key read back from "${wrapped.file}" differs from the plain one`);
  unlinkSync(plainFile);
  log(`the key that seals stored passwords is now protected by safeStorage in "${wrapped.file}"; the plain key file "${plainFile}" was removed`);
}

/** The key wrapped by safeStorage in a small text file ("pdk1:" + base64). */
class WrappedKeyFile {
  constructor(
    readonly file: string,
    private readonly api: SafeStorageApi,
  ) {}

  exists(): boolean {
    return existsSync(this.file);
  }

  read(): Buffer {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8').trim();
    } catch (error) {
      throw new SecretStoreError('secret-key-unusable', `cannot read the key file "${this.file}": ${describe(error)}`, { cause: error });
    }
    if (!text.startsWith(WRAPPED_PREFIX)) {
      throw new SecretStoreError('secret-key-unusable', `the key file "${this.file}" is damaged (not a key protected by safeStorage): restore it from a backup, or delete it and enter the passwords again`);
    }
    let hex: string;
    try {
      hex = this.api.decryptString(Buffer.from(text.slice(WRAPPED_PREFIX.length), 'base64'));
    } catch (cause) {
      throw new SecretStoreError(
        'secret-key-unusable',
        `the key in "${this.file}" cannot be unlocked by safeStorage (${describe(cause)}): it was protected by another OS user or on another computer, or the OS keyring was reset; sign in as that user, or enter the passwords again after moving the file away`,
        { cause },
      );
    }
    return keyFromHex(hex, `the key file "${this.file}"`);
  }

  /** Writes the wrapped key: a temporary file renamed into place, so a crash leaves no half-written key. */
  write(key: Buffer): void {
    const text = `${WRAPPED_PREFIX}${this.api.encryptString(key.toString('hex')).toString('base64')}\n`;
    const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, text, { mode: 0o600, flag: 'wx' });
      chmodSync(temporary, 0o600);
      renameSync(temporary, this.file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw new SecretStoreError('secret-key-unusable', `cannot write the key file "${this.file}": ${describe(error)}`, { cause: error });
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
