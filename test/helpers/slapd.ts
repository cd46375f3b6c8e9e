import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { collectOutput, freePort, stopChild, tcpReady, waitUntil } from './daemon';

export { freePort } from './daemon';

/**
 * Debian's slapd (OpenLDAP) as the real directory of the directory tests (sign-in, address book
 * import): a slapd.conf in a temporary folder, the data loaded with slapadd, the server started
 * in the foreground as the current user on loopback ports only, and stopped by its PID. memberOf
 * comes from the dynlist overlay (OpenLDAP 2.5's replacement of the memberof overlay) for
 * groupOfNames groups.
 */
export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';
export const LDAPWHOAMI = '/usr/bin/ldapwhoami';
export const hasSlapd = existsSync(SLAPD) && existsSync(SLAPADD);

export interface SlapdOptions {
  /** The database's suffix, e.g. "dc=printdeck,dc=test". */
  suffix: string;
  /** The entries, the suffix's own first (LDIF, RFC 2849). */
  ldif: string;
  /** A certificate and key (PEM): StartTLS on the ldap:// port, and an ldaps:// port. */
  tls?: { cert: string; key: string };
  /** Accept a DN with an empty password as an anonymous bind ("allow bind_anon_dn"), as Active Directory does by default. */
  allowUnauthenticatedBind?: boolean;
  /** Tagging options slapd accepts besides "lang-" (slapd.conf attributeoptions, which must then name lang- too), e.g. "phonetic" for displayName;lang-ja;phonetic. */
  attributeOptions?: string[];
  /** Entries one search may return ("sizelimit"; slapd's default is 500, paged searches included). */
  sizeLimit?: number | 'unlimited';
}

export interface SlapdRig {
  /** ldap://127.0.0.1:port */
  url: string;
  /** ldaps://127.0.0.1:port, when TLS was given. */
  ldapsUrl: string | null;
  pid: number;
  /** slapd's log so far (debug level "stats": connections, binds, searches). */
  log(): string;
  /** Connections slapd accepted so far (as far as its log has been read). */
  accepted(): number;
  /** Waits (at most withinMs, 2 s by default) until the log shows at least `count` accepted connections; false when it does not. */
  waitForAccepted(count: number, withinMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startSlapd(options: SlapdOptions): Promise<SlapdRig> {
  const dir = mkdtempSync(join(tmpdir(), 'printdeck-slapd-'));
  mkdirSync(join(dir, 'data'));
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : null;
  const tlsLines: string[] = [];
  if (options.tls) {
    writeFileSync(join(dir, 'cert.pem'), options.tls.cert);
    writeFileSync(join(dir, 'key.pem'), options.tls.key, { mode: 0o600 });
    tlsLines.push(`TLSCertificateFile ${join(dir, 'cert.pem')}`, `TLSCertificateKeyFile ${join(dir, 'key.pem')}`);
  }
  const conf = join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'include /etc/ldap/schema/dyngroup.schema',
      `pidfile ${join(dir, 'slapd.pid')}`,
      `argsfile ${join(dir, 'slapd.args')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'moduleload dynlist',
      ...tlsLines,
      ...(options.allowUnauthenticatedBind ? ['allow bind_anon_dn'] : []),
      ...(options.attributeOptions && options.attributeOptions.length > 0 ? [`attributeoptions lang- ${options.attributeOptions.join(' ')}`] : []),
      ...(options.sizeLimit === undefined ? [] : [`sizelimit ${options.sizeLimit}`]),
      'database mdb',
      `suffix "${options.suffix}"`,
      `directory ${join(dir, 'data')}`,
      // Passwords: only for binding. Everything else: signed-in accounts only, so a search without a bind finds nothing.
      'access to attrs=userPassword by self write by anonymous auth by * none',
      'access to * by users read by * none',
      'overlay dynlist',
      'dynlist-attrset groupOfURLs memberURL member+memberOf@groupOfNames',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'data.ldif'), options.ldif);
  try {
    execFileSync(SLAPADD, ['-f', conf, '-l', join(dir, 'data.ldif')], { stdio: 'pipe', timeout: 20_000 });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`slapadd failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const urls = [`ldap://127.0.0.1:${port}/`, ...(tlsPort === null ? [] : [`ldaps://127.0.0.1:${tlsPort}/`])].join(' ');
  // -d 256 (stats): stay in the foreground (so the PID is the child's) and log connections and operations to stderr.
  const child = spawn(SLAPD, ['-d', '256', '-h', urls, '-f', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(child);
  try {
    await waitUntil(() => tcpReady(port, 'connect'), { what: `slapd did not listen on 127.0.0.1:${port}`, timeoutMs: 10_000, child, name: 'slapd', output });
  } catch (error) {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const accepted = (): number => (output().match(/ ACCEPT from /g) ?? []).length;
  const pid = child.pid;
  if (pid === undefined) throw new Error('slapd started without a PID');
  return {
    url: `ldap://127.0.0.1:${port}`,
    ldapsUrl: tlsPort === null ? null : `ldaps://127.0.0.1:${tlsPort}`,
    pid,
    log: output,
    accepted,
    waitForAccepted: async (count, withinMs = 2_000) => {
      for (let attempt = 0; attempt < withinMs / 20 && accepted() < count; attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
      return accepted() >= count;
    },
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A self-signed certificate that is its own authority (give it as the CA to check it), naming
 * the given IP addresses and DNS names (127.0.0.1 by default): slapd's TLS option takes it as is.
 */
export async function selfSignedCertificate(names: { ip?: string[]; dns?: string[] } = { ip: ['127.0.0.1'] }): Promise<{ cert: string; key: string }> {
  const altNames = [...(names.ip ?? []).map((ip) => ({ type: 7 as const, ip })), ...(names.dns ?? []).map((value) => ({ type: 2 as const, value }))];
  const pems = await generate([{ name: 'commonName', value: 'printdeck-test-ldap' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Runs ldapwhoami (simple bind) and returns what the server says the connection is bound as ("anonymous", "dn:…"). */
export function whoAmI(url: string, dn: string, password: string): string {
  return execFileSync(LDAPWHOAMI, ['-x', '-H', url, '-D', dn, '-w', password], { encoding: 'utf8', timeout: 10_000 }).trim();
}



