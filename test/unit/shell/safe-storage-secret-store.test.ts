import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileKeySecretStore, keyFileFor } from '../../../src-main/core/secrets/file-key-secret-store';
import { SecretStoreError } from '../../../src-main/core/secrets/secret-store';
import { createDesktopSecretStore, protectedKeyFileFor, safeStorageRefusal, type DesktopSecretStoreOptions } from '../../../src-main/shell/safe-storage-secret-store';
import { resetFakeElectron, safeStorage } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

let folder: string;
let databaseFile: string;
let plainFile: string;
let wrappedFile: string;
let logs: string[];

beforeEach(() => {
  resetFakeElectron();
  folder = mkdtempSync(join(tmpdir(), 'printdeck-safe-storage-'));
  databaseFile = join(folder, 'printdeck.db');
  plainFile = keyFileFor(databaseFile);
  wrappedFile = protectedKeyFileFor(databaseFile);
  logs = [];
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function aStore(options: Partial<DesktopSecretStoreOptions> = {}) {
  return createDesktopSecretStore({ databaseFile, log: (line) => void logs.push(line), safeStorage, platform: 'linux', ...options });
}

function failure(fn: () => unknown): SecretStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretStoreError) return error;
    throw error;
  }
  throw new Error('expected a SecretStoreError');
}

/** The key a plain key file holds, as hex. */
function plainKeyHex(): string {
  return readFileSync(plainFile, 'utf8').trim();
}

describe('the desktop secret store (key protected by safeStorage)', () => {
  it('creates the key on the first seal, wrapped by safeStorage beside the database, never in clear', () => {
    const store = aStore();
    expect(store.protection).toBe('safeStorage');
    expect(existsSync(wrappedFile)).toBe(false);
    const sealed = store.seal('smtp-secret');
    expect(sealed).toMatch(/^pd1:[0-9a-f]{8}:/);
    expect(store.open(sealed)).toBe('smtp-secret');
    const text = readFileSync(wrappedFile, 'utf8');
    expect(text).toMatch(/^pdk1:[A-Za-z0-9+/=]+\n$/);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    if (process.platform !== 'win32') expect(statSync(wrappedFile).mode & 0o777).toBe(0o600);
    expect(existsSync(plainFile)).toBe(false);
    expect(safeStorage.encrypted).toBe(1);
    // The next start opens it through safeStorage again.
    expect(aStore().open(sealed)).toBe('smtp-secret');
    expect(logs).toEqual([`created the key that seals stored passwords, protected by safeStorage in "${wrappedFile}"`]);
  });

  it('never creates a key to open with: a missing key is reported', () => {
    const sealed = aStore().seal('x');
    rmSync(wrappedFile);
    const error = failure(() => aStore().open(sealed));
    expect(error.code).toBe('secret-key-missing');
    expect(error.message).toContain(wrappedFile);
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([false, false]);
  });

  it('migrates an existing plain key file: same key (old secrets open), wrapped and verified, then the plain file removed', () => {
    const sealedBefore = createFileKeySecretStore(plainFile).seal('from an earlier version');
    const hex = plainKeyHex();
    const store = aStore();
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([true, false]);
    expect(store.open(sealedBefore)).toBe('from an earlier version');
    expect(safeStorage.decryptString(Buffer.from(readFileSync(wrappedFile, 'utf8').trim().slice('pdk1:'.length), 'base64'))).toBe(hex);
    // New secrets are sealed with the same key.
    expect(store.seal('new').split(':')[1]).toBe(sealedBefore.split(':')[1]);
    expect(logs).toEqual([`the key that seals stored passwords is now protected by safeStorage in "${wrappedFile}"; the plain key file "${plainFile}" was removed`]);
  });

  it('keeps the plain key file when the wrapped one does not read back the same', () => {
    const sealedBefore = createFileKeySecretStore(plainFile).seal('keep me');
    const broken = { ...safeStorage, decryptString: () => 'ab'.repeat(32) };
    const store = aStore({ safeStorage: broken });
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([false, true]);
    expect(logs).toEqual([expect.stringMatching(/^warning: protecting the key file ".*" with safeStorage failed, it stays in use: the wrapped key read back from ".*" differs from the plain one$/)]);
    expect(store.open(sealedBefore)).toBe('keep me');
    expect(store.open(store.seal('still the plain key'))).toBe('still the plain key');
    expect(existsSync(wrappedFile)).toBe(false);
  });

  it('finishes an interrupted migration (both files, same key) by removing the plain file', () => {
    const sealed = createFileKeySecretStore(plainFile).seal('x');
    const hex = plainKeyHex();
    writeFileSync(wrappedFile, `pdk1:${safeStorage.encryptString(hex).toString('base64')}\n`, { mode: 0o600 });
    const store = aStore();
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([true, false]);
    expect(store.open(sealed)).toBe('x');
  });

  it('keeps opening what a different plain key sealed (printdeck serve on the same data), sealing new secrets with the protected key', () => {
    const desktop = aStore();
    const sealedByDesktop = desktop.seal('desktop');
    const sealedByServe = createFileKeySecretStore(plainFile).seal('serve');
    const store = aStore();
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([true, true]);
    expect(logs.at(-1)).toMatch(/^warning: the plain key file ".*" holds another key \([0-9a-f]{8}\) than the one protected by safeStorage \([0-9a-f]{8}\)/);
    expect([store.open(sealedByDesktop), store.open(sealedByServe)]).toEqual(['desktop', 'serve']);
    expect(store.seal('new').split(':')[1]).toBe(sealedByDesktop.split(':')[1]);
  });

  it.each([
    ['the "basic_text" backend (no keyring)', () => void (safeStorage.backend = 'basic_text'), /backend "basic_text"/],
    ['the "unknown" backend', () => void (safeStorage.backend = 'unknown'), /backend "unknown"/],
    ['no encryption at all', () => void (safeStorage.available = false), /no OS key store/],
  ])('warns and keeps the plain key file on Linux with %s', (_what, arrange, reason) => {
    arrange();
    const sealedBefore = createFileKeySecretStore(plainFile).seal('old');
    const store = aStore();
    expect(store.protection).toBe('key-file');
    expect(logs).toEqual([expect.stringMatching(reason)]);
    expect(logs[0]).toMatch(/^warning: .*; the key that seals stored passwords stays in the plain key file ".*printdeck\.db\.key"/);
    expect(store.open(sealedBefore)).toBe('old');
    expect(store.open(store.seal('new'))).toBe('new');
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([false, true]);
  });

  it('creates a plain key file where safeStorage protects nothing', () => {
    safeStorage.backend = 'basic_text';
    aStore().seal('x');
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([false, true]);
  });

  it('asks only Linux for its backend', () => {
    safeStorage.backend = 'basic_text';
    expect(safeStorageRefusal(safeStorage, 'win32')).toBeNull();
    expect(safeStorageRefusal(safeStorage, 'darwin')).toBeNull();
    expect(safeStorageRefusal(safeStorage, 'linux')).toMatch(/basic_text/);
    expect(aStore({ platform: 'win32' }).protection).toBe('safeStorage');
  });

  it('refuses, rather than making a second key, when the key is wrapped but safeStorage is not usable now', () => {
    const sealed = aStore().seal('x');
    safeStorage.backend = 'basic_text';
    const store = aStore();
    expect(failure(() => store.open(sealed))).toMatchObject({ code: 'secret-key-unusable', message: expect.stringContaining('start Printdeck where the OS keyring is available') });
    expect(failure(() => store.seal('y')).code).toBe('secret-key-unusable');
    expect(existsSync(plainFile)).toBe(false);
    expect(logs.at(-1)).toMatch(/^warning: the key that seals stored passwords is protected by safeStorage/);
  });

  it('says so when another OS user or computer wrapped the key', () => {
    const sealed = aStore().seal('x');
    safeStorage.owner = 'os-user-2';
    const error = failure(() => aStore().open(sealed));
    expect(error.code).toBe('secret-key-unusable');
    expect(error.message).toMatch(/cannot be unlocked by safeStorage .*another OS user or on another computer/);
  });

  it('reports a damaged key file', () => {
    aStore().seal('x');
    writeFileSync(wrappedFile, 'not a key\n');
    expect(failure(() => aStore().seal('x'))).toMatchObject({ code: 'secret-key-unusable', message: expect.stringContaining('is damaged') });
  });

  it('keeps the plain key file when told why (portable mode), without a warning', () => {
    const store = aStore({ keepKeyFile: 'portable mode' });
    store.seal('x');
    expect(store.protection).toBe('key-file');
    expect([existsSync(wrappedFile), existsSync(plainFile)]).toEqual([false, true]);
    expect(logs).toEqual([`portable mode; the key that seals stored passwords stays in the plain key file "${plainFile}" (readable by this OS user only)`]);
  });
});
