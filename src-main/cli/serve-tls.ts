import { createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { CliError, EXIT } from './cli-error';

/** The certificate serve speaks HTTPS and WSS with, and how it came about. */
export interface ServeTls {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, "AB:CD:…" (what a browser shows and a script pins). */
  fingerprint256: string;
  /** given: --tls-cert/--tls-key; generated: made at this start; kept: the one made at an earlier start. */
  source: 'given' | 'generated' | 'kept';
  certFile: string;
}

/** Folder of the generated certificate, inside the data folder. */
export const TLS_DIR = 'tls';
const CERT_FILE = 'self-signed.crt';
const KEY_FILE = 'self-signed.key';
const VALID_DAYS = 2 * 365;
/** A kept certificate this close to its end is replaced (the fingerprint then changes, and is printed). */
const RENEW_BEFORE_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The certificate and key the administrator gave (--tls-cert, --tls-key). A file that cannot
 * be read, is not PEM, or a key that does not belong to the certificate is a data error (65)
 * naming the option.
 */
export function givenTls(certFile: string, keyFile: string): ServeTls {
  const cert = readPem(certFile, '--tls-cert');
  const key = readPem(keyFile, '--tls-key');
  const x509 = parseCertificate(cert, `--tls-cert "${certFile}"`);
  let matches: boolean;
  try {
    matches = x509.checkPrivateKey(createPrivateKey(key));
  } catch (error) {
    throw new CliError(`--tls-key "${keyFile}" is not a PEM private key (${messageOf(error)})`, EXIT.dataError);
  }
  if (!matches) throw new CliError(`--tls-key "${keyFile}" is not the key of the certificate in --tls-cert "${certFile}"`, EXIT.dataError);
  return { cert, key, fingerprint256: x509.fingerprint256, source: 'given', certFile };
}

/**
 * A self-signed certificate kept in `<dataDir>/tls/` (key file 0600), so its fingerprint stays
 * the same from one start to the next. A new one is made when there is none, when it cannot be
 * read, when it ends within 30 days, or when it does not name `host` (a specific address).
 * It names localhost, 127.0.0.1, ::1, this computer's name, `host`, and for a wildcard listener
 * (0.0.0.0, ::) the addresses of the network interfaces at the time it is made.
 */
export async function selfSignedTls(dataDir: string, host: string, now: Date = new Date()): Promise<ServeTls> {
  const dir = join(dataDir, TLS_DIR);
  const certFile = join(dir, CERT_FILE);
  const keyFile = join(dir, KEY_FILE);
  const kept = keptCertificate(certFile, keyFile, host, now);
  if (kept) return kept;
  const pems = await generate([{ name: 'commonName', value: `Printdeck on ${hostname()}` }, { name: 'organizationName', value: 'Printdeck (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeAtomically(keyFile, pems.private, 0o600);
    writeAtomically(certFile, pems.cert, 0o644);
  } catch (error) {
    throw new CliError(`cannot keep the generated TLS certificate in ${dir}: ${messageOf(error)}`, EXIT.dataError);
  }
  return { cert: pems.cert, key: pems.private, fingerprint256: new X509Certificate(pems.cert).fingerprint256, source: 'generated', certFile };
}

/** The certificate of an earlier start, when it is whole, matches its key, lasts and names `host`; else null. */
function keptCertificate(certFile: string, keyFile: string, host: string, now: Date): ServeTls | null {
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return null;
    if (new Date(x509.validTo).getTime() - now.getTime() < RENEW_BEFORE_DAYS * DAY_MS) return null;
    if (!isWildcard(host) && x509.checkIP(host) === undefined) return null;
    // Whoever copied the folder may have loosened the key's mode.
    chmodSync(keyFile, 0o600);
    return { cert, key, fingerprint256: x509.fingerprint256, source: 'kept', certFile };
  } catch {
    return null;
  }
}

type AltName = { type: 2; value: string } | { type: 7; ip: string };

function subjectAltNames(host: string): AltName[] {
  const ips = new Set(['127.0.0.1', '::1']);
  if (!isWildcard(host)) ips.add(host);
  else {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) {
        // Link-local IPv6 needs a zone, which a certificate cannot name.
        if (!address.internal && !address.address.toLowerCase().startsWith('fe80:')) ips.add(address.address);
      }
    }
  }
  const names = new Set(['localhost']);
  const own = hostname().toLowerCase();
  if (/^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*$/.test(own)) names.add(own);
  return [...[...names].map((value): AltName => ({ type: 2, value })), ...[...ips].filter((ip) => isIP(ip) !== 0).map((ip): AltName => ({ type: 7, ip }))];
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

function writeAtomically(file: string, text: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, file);
}

function readPem(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`${option} "${file}": cannot read it (${messageOf(error)})`, EXIT.dataError);
  }
}

function parseCertificate(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new CliError(`${what} is not a PEM certificate (${messageOf(error)})`, EXIT.dataError);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
