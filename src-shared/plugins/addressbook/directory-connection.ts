import { z } from 'zod';
import { DIRECTORY_KINDS, DIRECTORY_PRESETS, directoryMappingSchema, type DirectoryKind } from './directory-mapping';
import { ENTRY_NUMBER_MAX } from './address-entry';
import { caCertificateSchema } from '../../net/ca-certificate';

/**
 * A saved connection to an LDAP directory that address books are imported from (issue 11):
 * where the directory is, how the connection is secured, who binds, where and what is searched,
 * and how records become entries. The bind password is sealed at rest by the plug-in's store: it
 * is in the input (`password`) and never in what is returned (`passwordSet`).
 */

/** LDAPS (TLS from the first byte, usually port 636), StartTLS (an LDAP connection upgraded before the bind, usually 389), or none (plain LDAP). */
export const DIRECTORY_SECURITIES = ['ldaps', 'starttls', 'none'] as const;
export type DirectorySecurity = (typeof DIRECTORY_SECURITIES)[number];

export const DIRECTORY_PAGE_SIZE_DEFAULT = 500;
export const DIRECTORY_SIZE_LIMIT_DEFAULT = 20_000;
export const DIRECTORY_TIMEOUT_DEFAULT_MS = 15_000;

/** The usual port of each security: 636 for LDAPS, 389 for StartTLS and plain LDAP. */
export function defaultDirectoryPort(security: DirectorySecurity): number {
  return security === 'ldaps' ? 636 : 389;
}

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isHostName(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label));
}

function isIpv6(host: string): boolean {
  return /^[0-9A-Fa-f:.]+$/.test(host) && (host.match(/:/g) ?? []).length >= 2 && !host.includes(':::');
}

/** Whether the host is this machine (plain LDAP to it does not cross a network). */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower);
}

const host = z
  .string()
  .trim()
  .min(1, 'the directory server is required, such as ldap.example.com or 10.0.0.5')
  .max(253)
  .superRefine((value, ctx) => {
    if (value === '') return;
    if (/^ldaps?:\/\//i.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'give the server name alone, without ldap:// or ldaps:// (the security setting chooses between them)' });
    } else if (/:\d+$/.test(value) && !isIpv6(value)) {
      ctx.addIssue({ code: 'custom', message: 'give the port in the port field, not after the server name' });
    } else if (!isHostName(value) && !IPV4.test(value) && !isIpv6(value)) {
      ctx.addIssue({ code: 'custom', message: 'not a server name or IP address (letters, digits, "-" and "." only), such as ldap.example.com or 10.0.0.5' });
    }
  });

/** attribute=value at the start, as in "ou=people,dc=example,dc=com". */
const DN_START = /^[A-Za-z][A-Za-z0-9-]*=|^\d+(?:\.\d+)+=/;

/** An LDAP filter in one pair of parentheses, every "(" closed, no empty "()". */
export function isLdapFilter(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let open = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '(') {
      if (text.charAt(index + 1) === ')') return false;
      open++;
    } else if (char === ')') {
      open--;
      // Back at depth 0 before the end: two filters side by side, such as "(a=1)(b=2)".
      if (open < 0 || (open === 0 && index < text.length - 1)) return false;
    }
  }
  return open === 0;
}

const directoryConnectionFields = {
  /** What the connection is called in lists, such as "Head office AD". */
  name: z.string().trim().min(1, 'give the connection a name').max(100, 'a name of at most 100 characters'),
  /** The directory product; its preset filled the filter and mapping, which stay editable. */
  kind: z.enum(DIRECTORY_KINDS, { message: 'choose Active Directory, Domino or OpenLDAP' }),
  /** Server name or IP address, without a scheme or port. */
  host,
  /** null: the usual port of the security (636 for LDAPS, 389 otherwise). */
  port: z.number({ message: 'a port is a number from 1 to 65535' }).int('a port is a whole number').min(1, 'a port is a number from 1 to 65535').max(65_535, 'a port is a number from 1 to 65535').nullable().default(null),
  security: z.enum(DIRECTORY_SECURITIES, { message: 'choose LDAPS, StartTLS or none' }).default('ldaps'),
  /** Check the server's certificate and its name (against caCertificate when given). Off: every certificate is accepted. */
  verifyCertificate: z.boolean().default(true),
  /** PEM of the authority that signed the server's certificate; empty: the authorities Node trusts. */
  caCertificate: caCertificateSchema,
  /** Who binds: a DN, or for Active Directory also user@domain or DOMAIN\user; empty: an anonymous read. */
  bindDn: z
    .string()
    .trim()
    .max(1_000)
    .refine((dn) => dn === '' || DN_START.test(dn) || /^[^@\s]+@[^@\s]+$/.test(dn) || /^[^\\\s]+\\[^\\\s]+$/.test(dn), 'a bind DN such as cn=reader,dc=example,dc=com (Active Directory also takes reader@example.com or EXAMPLE\\reader)')
    .default(''),
  /** Where the search starts; everything below it is searched. */
  baseDn: z
    .string()
    .trim()
    .min(1, 'the base DN is required, such as ou=people,dc=example,dc=com')
    .max(1_000)
    .refine((dn) => DN_START.test(dn), 'a base DN looks like ou=people,dc=example,dc=com'),
  /** Which entries become destinations, as an LDAP filter. */
  filter: z
    .string()
    .trim()
    .min(1, 'a filter is required, such as (objectClass=inetOrgPerson)')
    .max(4_000)
    .refine(isLdapFilter, 'an LDAP filter in one pair of parentheses with every "(" closed, such as (|(objectClass=person)(objectClass=groupOfNames))'),
  mapping: directoryMappingSchema,
  /** Entries per page of the paged search (the directory may send fewer: Active Directory at most 1,000). */
  pageSize: z.number().int('the page size is a whole number').min(10, 'a page size of at least 10').max(5_000, 'a page size of at most 5,000').default(DIRECTORY_PAGE_SIZE_DEFAULT),
  /** A directory with more matching entries than this is not imported (a narrower filter or base is needed). */
  sizeLimit: z.number().int('the size limit is a whole number').min(1, 'a size limit of at least 1').max(ENTRY_NUMBER_MAX, `a size limit of at most ${ENTRY_NUMBER_MAX.toLocaleString('en')} (the entries a book can number)`).default(DIRECTORY_SIZE_LIMIT_DEFAULT),
  /** Bounds each step: connecting, TLS, the bind and each page of the search. */
  timeoutMs: z.number().int().min(1_000, 'a time-out of at least 1 second').max(120_000, 'a time-out of at most 2 minutes').default(DIRECTORY_TIMEOUT_DEFAULT_MS),
};

/** A connection's settings, as the LDAP reader and the test take them. */
export const directoryConnectionSettingsSchema = z.object(directoryConnectionFields);
export type DirectoryConnection = z.output<typeof directoryConnectionSettingsSchema>;
export type DirectoryConnectionSettingsInput = z.input<typeof directoryConnectionSettingsSchema>;

/** A connection as saved and tested: the settings and the bind password (left out: the stored one stays; null: cleared). */
export const directoryConnectionInputSchema = z
  .object({ ...directoryConnectionFields, password: z.string().min(1, 'the password is empty: leave it out to keep the stored one').max(1_024).nullable().optional() })
  .superRefine((input, ctx) => {
    if (input.bindDn === '' && typeof input.password === 'string') {
      ctx.addIssue({ code: 'custom', path: ['bindDn'], message: 'a password needs a bind DN; leave both empty for an anonymous read' });
    }
    if (input.security === 'none' && input.caCertificate !== '') {
      ctx.addIssue({ code: 'custom', path: ['caCertificate'], message: 'a CA certificate is used only with LDAPS or StartTLS' });
    }
  });
export type DirectoryConnectionInput = z.input<typeof directoryConnectionInputSchema>;

export const DIRECTORY_CONNECTION_WARNINGS = ['plain-ldap', 'certificate-not-checked', 'anonymous'] as const;
export type DirectoryConnectionWarningCode = (typeof DIRECTORY_CONNECTION_WARNINGS)[number];
export const directoryConnectionWarningSchema = z.object({ code: z.enum(DIRECTORY_CONNECTION_WARNINGS), message: z.string() });
export type DirectoryConnectionWarning = z.infer<typeof directoryConnectionWarningSchema>;

/**
 * What the form shows next to a connection that works but is weaker than it could be. Plain LDAP
 * is allowed (some sites run it inside their network) but flagged unless the server is this machine.
 */
export function directoryConnectionWarnings(connection: Pick<DirectoryConnection, 'host' | 'security' | 'verifyCertificate' | 'bindDn'>): DirectoryConnectionWarning[] {
  const warnings: DirectoryConnectionWarning[] = [];
  if (connection.security === 'none' && !isLoopbackHost(connection.host)) {
    warnings.push({
      code: 'plain-ldap',
      message:
        connection.bindDn === ''
          ? 'Plain LDAP: names and addresses cross the network unencrypted. Use LDAPS or StartTLS unless the network is trusted.'
          : 'Plain LDAP: the bind password, names and addresses cross the network unencrypted. Use LDAPS or StartTLS unless the network is trusted.',
    });
  }
  if (connection.security !== 'none' && !connection.verifyCertificate) {
    warnings.push({ code: 'certificate-not-checked', message: "The server's certificate is not checked: whoever can redirect the connection can read the bind password. Give the CA certificate instead." });
  }
  if (connection.bindDn === '') {
    warnings.push({ code: 'anonymous', message: 'Anonymous read: many directories show anonymous clients few entries or none.' });
  }
  return warnings;
}

/** A saved connection as returned: the settings, whether a password is stored, and the warnings to show. Never the password. */
export const directoryConnectionSchema = z.object({
  ...directoryConnectionFields,
  passwordSet: z.boolean(),
  warnings: z.array(directoryConnectionWarningSchema),
});
export type DirectoryConnectionView = z.infer<typeof directoryConnectionSchema>;

/** The fields a new connection of a kind starts with: the preset's filter and mapping, LDAPS with certificate checking, the default page and size limits. */
export function directoryConnectionDefaults(kind: DirectoryKind): Pick<DirectoryConnection, 'kind' | 'port' | 'security' | 'verifyCertificate' | 'caCertificate' | 'filter' | 'mapping' | 'pageSize' | 'sizeLimit' | 'timeoutMs'> {
  const preset = DIRECTORY_PRESETS[kind];
  return {
    kind,
    port: preset.port,
    security: 'ldaps',
    verifyCertificate: true,
    caCertificate: '',
    filter: preset.filter,
    mapping: { ...preset.mapping },
    pageSize: DIRECTORY_PAGE_SIZE_DEFAULT,
    sizeLimit: DIRECTORY_SIZE_LIMIT_DEFAULT,
    timeoutMs: DIRECTORY_TIMEOUT_DEFAULT_MS,
  };
}

// ── Test and read results ───────────────────────────────────────────────────

/** The steps of a connection test, in order: the settings, TCP (with the name lookup), TLS, the bind, the base DN, a first page of the search. */
export const DIRECTORY_TEST_STEPS = ['settings', 'connect', 'tls', 'bind', 'base', 'search'] as const;
export type DirectoryTestStep = (typeof DIRECTORY_TEST_STEPS)[number];

export const directoryTestResultSchema = z.object({
  /** Every step passed. */
  ok: z.boolean(),
  /** The steps that ran, each with what it found or why it failed; the first failure ends the test. */
  steps: z.array(z.object({ step: z.enum(DIRECTORY_TEST_STEPS), ok: z.boolean(), message: z.string(), ms: z.number() })),
  /** Entries the filter matched on the first page (null: the search did not run). */
  firstPageCount: z.number().int().nullable(),
  /** More entries follow the first page. */
  morePages: z.boolean(),
  /** The names of the first few matching entries (the mapped name attribute, else the DN's first value). */
  sample: z.array(z.string()),
  warnings: z.array(directoryConnectionWarningSchema),
});
export type DirectoryTestResult = z.infer<typeof directoryTestResultSchema>;

/**
 * Why a directory read failed: settings (incomplete connection), unreachable (name unknown,
 * refused, no answer), tls (certificate, name, StartTLS refused), bind (DN or password refused),
 * base (base DN missing), access (the account may not read there, or the directory wants TLS),
 * filter (not valid LDAP filter syntax), size-limit (more entries than the connection's or the
 * directory's limit), timeout, aborted (cancelled), server (anything else the directory answered).
 */
export const DIRECTORY_PROBLEM_CODES = ['settings', 'unreachable', 'tls', 'bind', 'base', 'access', 'filter', 'size-limit', 'timeout', 'aborted', 'server'] as const;
export type DirectoryProblemCode = (typeof DIRECTORY_PROBLEM_CODES)[number];
