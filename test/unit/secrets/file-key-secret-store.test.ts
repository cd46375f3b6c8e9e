import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeySecretStore, createMemorySecretStore } from '../../../src-main/core/secrets/file-key-secret-store';
import { SecretStoreError } from '../../../src-main/core/secrets/secret-store';

let folder: string;
let keyFile: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'printdeck-secrets-'));
  keyFile = join(folder, 'printdeck.db.key');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function failure(fn: () => unknown): SecretStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretStoreError) return error;
    throw error;
  }
  throw new Error('expected a SecretStoreError');
}

describe('file-key secret store (AES-256-GCM)', () => {
  it('seals and opens text; the sealed form holds no clear text and differs each time', () => {
    const store = createFileKeySecretStore(keyFile);
    const a = store.seal('Sm7p-Secret! ü');
    const b = store.seal('Sm7p-Secret! ü');
    expect(a).not.toContain('Sm7p');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^pd1:[0-9a-f]{8}:[A-Za-z0-9+/=]+$/);
    expect(store.open(a)).toBe('Sm7p-Secret! ü');
    // Another store on the same key file (the next start of the console) opens it too.
    expect(createFileKeySecretStore(keyFile).open(b)).toBe('Sm7p-Secret! ü');
  });

  it('creates the key file on the first seal, 32 random bytes as hex, readable only by its owner', () => {
    const store = createFileKeySecretStore(keyFile);
    expect(existsSync(keyFile)).toBe(false);
    store.seal('x');
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('says the key file is missing when it was deleted, instead of making a new key', () => {
    const sealed = createFileKeySecretStore(keyFile).seal('secret');
    rmSync(keyFile);
    const error = failure(() => createFileKeySecretStore(keyFile).open(sealed));
    expect(error.code).toBe('secret-key-missing');
    expect(error.message).toBe(`the key file "${keyFile}" is missing, so stored passwords cannot be decrypted: put it back, or enter the passwords again`);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('says another key sealed the secret when the key file was replaced', () => {
    const sealed = createFileKeySecretStore(keyFile).seal('secret');
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const error = failure(() => createFileKeySecretStore(keyFile).open(sealed));
    expect(error.code).toBe('secret-undecryptable');
    expect(error.message).toMatch(/sealed with another key than the key file ".*" \(key id [0-9a-f]{8}, this key [0-9a-f]{8}\): put the original key file back, or enter the password again/);
  });

  it('refuses a key file that holds no key or that other users can read', () => {
    writeFileSync(keyFile, 'not a key\n', { mode: 0o600 });
    expect(failure(() => createFileKeySecretStore(keyFile).seal('x'))).toMatchObject({ code: 'secret-key-unusable', message: expect.stringContaining('expected 64 hex digits') });
    if (process.platform === 'win32') return;
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`);
    chmodSync(keyFile, 0o644);
    expect(failure(() => createFileKeySecretStore(keyFile).seal('x'))).toMatchObject({ code: 'secret-key-unusable', message: expect.stringContaining('run chmod 600') });
  });

  it('detects damaged sealed text', () => {
    const store = createFileKeySecretStore(keyFile);
    const sealed = store.seal('secret');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(failure(() => store.open(tampered)).code).toBe('secret-undecryptable');
    expect(failure(() => store.open('plain text')).message).toMatch(/not in the sealed format/);
  });

  it('keeps an in-memory key for a database that lives in memory', () => {
    const store = createMemorySecretStore();
    expect(store.open(store.seal('x'))).toBe('x');
    expect(failure(() => createMemorySecretStore().open(store.seal('x'))).code).toBe('secret-undecryptable');
  });
});
