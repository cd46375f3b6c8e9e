/**
 * The port that keeps secrets (SMTP/POP passwords, later device passwords and SNMP keys) out
 * of the database in clear. The headless host uses a key file beside the database; the
 * Electron shell can pass one based on safeStorage through createCore's `secretStore`.
 */
export interface SecretStore {
  /** Encrypts `text`; the result is printable and safe to store. Throws SecretStoreError when no key can be had. */
  seal(text: string): string;
  /** Decrypts what seal() made; throws SecretStoreError when the key is missing or not the one that sealed it, or the text is damaged. */
  open(sealed: string): string;
}

/** 'secret-key-missing' | 'secret-key-unusable' | 'secret-undecryptable': what a person must fix differs. */
export type SecretStoreErrorCode = 'secret-key-missing' | 'secret-key-unusable' | 'secret-undecryptable';

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';

  constructor(
    readonly code: SecretStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
