import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenTls, selfSignedTls } from '../../../src-main/cli/serve-tls';

/** The self-signed certificate of `printdeck serve`, kept in a temp data folder. */

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'printdeck-tls-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const DAY = 86_400_000;
const now = new Date('2026-12-07T12:00:00Z');

describe('the self-signed certificate of serve', () => {
  it('is made once (key 0600, folder 0700) and kept: the same fingerprint at the next start', async () => {
    const made = await selfSignedTls(dataDir, '127.0.0.1', now);
    expect(made.source).toBe('generated');
    expect(made.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(statSync(join(dataDir, 'tls', 'self-signed.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'tls')).mode & 0o777).toBe(0o700);
    const x509 = new X509Certificate(made.cert);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.ca).toBe(false);

    const kept = await selfSignedTls(dataDir, '127.0.0.1', new Date(now.getTime() + 300 * DAY));
    expect([kept.source, kept.fingerprint256]).toEqual(['kept', made.fingerprint256]);
  });

  it('names the address it listens on, and is made again for an address it does not name', async () => {
    const first = await selfSignedTls(dataDir, '127.0.0.1', now);
    const other = await selfSignedTls(dataDir, '127.0.0.9', now);
    expect(other.source).toBe('generated');
    expect(other.fingerprint256).not.toBe(first.fingerprint256);
    expect(new X509Certificate(other.cert).checkIP('127.0.0.9')).toBe('127.0.0.9');
  });

  it('is made again when it ends within 30 days, and when its files are damaged', async () => {
    const first = await selfSignedTls(dataDir, '127.0.0.1', now);
    const nearEnd = await selfSignedTls(dataDir, '127.0.0.1', new Date(now.getTime() + (2 * 365 - 29) * DAY));
    expect(nearEnd.source).toBe('generated');
    expect(nearEnd.fingerprint256).not.toBe(first.fingerprint256);
    writeFileSync(join(dataDir, 'tls', 'self-signed.key'), 'damaged');
    expect((await selfSignedTls(dataDir, '127.0.0.1', now)).source).toBe('generated');
  });

  it('serves as a given certificate too, and a given key must be its own', async () => {
    const made = await selfSignedTls(dataDir, '127.0.0.1', now);
    const given = givenTls(join(dataDir, 'tls', 'self-signed.crt'), join(dataDir, 'tls', 'self-signed.key'));
    expect([given.source, given.fingerprint256]).toEqual(['given', made.fingerprint256]);
    const elsewhere = mkdtempSync(join(tmpdir(), 'printdeck-tls-other-'));
    try {
      await selfSignedTls(elsewhere, '127.0.0.1', now);
      expect(() => givenTls(join(dataDir, 'tls', 'self-signed.crt'), join(elsewhere, 'tls', 'self-signed.key'))).toThrow(/is not the key of the certificate in --tls-cert/);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
