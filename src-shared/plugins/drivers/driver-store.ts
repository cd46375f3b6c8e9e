import { z } from 'zod';
import { noControl } from './text-checks';
import { caCertificateSchema } from '../../net/ca-certificate';

/**
 * A driver store: a directory on an FTP server that holds driver sets (whitepaper §3.5, issue 12
 * item 2). Several stores may be saved. The password is sealed at rest by the plug-in's store:
 * it is in the input (`password`) and never in what is returned (`passwordSet`).
 */

/** Passive (the client opens the data connection: works through NAT and most firewalls) or active (the server connects back to the client). */
export const FTP_MODES = ['passive', 'active'] as const;
export type FtpMode = (typeof FTP_MODES)[number];
/** none: plain FTP; explicit: FTPS by AUTH TLS on the usual port (21); implicit: TLS from the first byte (usually 990). */
export const FTP_SECURITIES = ['none', 'explicit', 'implicit'] as const;
export type FtpSecurity = (typeof FTP_SECURITIES)[number];

export function defaultFtpPort(security: FtpSecurity): number {
  return security === 'implicit' ? 990 : 21;
}

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isHost(value: string): boolean {
  if (IPV4.test(value)) return true;
  if (/^[0-9A-Fa-f:.]+$/.test(value) && (value.match(/:/g) ?? []).length >= 2) return true;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label));
}

const portMessage = 'a port is a number from 1 to 65535';

export const driverStoreSettingsSchema = z.object({
  /** What the store is called in lists, such as "Head office FTP". */
  name: z.string().trim().min(1, 'give the store a name').max(100, 'a name of at most 100 characters'),
  host: z
    .string()
    .trim()
    .min(1, 'the FTP server is required, such as ftp.example.com or 10.0.0.5')
    .max(253)
    .superRefine((value, ctx) => {
      if (value === '') return;
      if (/^ftps?:\/\//i.test(value)) ctx.addIssue({ code: 'custom', message: 'give the server name alone, without ftp:// (the security setting chooses FTPS)' });
      else if (/:\d+$/.test(value) && !value.includes('::')) ctx.addIssue({ code: 'custom', message: 'give the port in the port field, not after the server name' });
      else if (!isHost(value)) ctx.addIssue({ code: 'custom', message: 'not a server name or IP address (letters, digits, "-" and "." only), such as ftp.example.com or 10.0.0.5' });
    }),
  /** null: the usual port of the security (990 for implicit FTPS, 21 otherwise). */
  port: z.number({ message: portMessage }).int(portMessage).min(1, portMessage).max(65_535, portMessage).nullable().default(null),
  /** The store's directory on the server ("virtual directory"), absolute, "/" for the login's home. */
  directory: z
    .string()
    .trim()
    .max(1_000)
    .default('/')
    .transform((d) => (d === '' ? '/' : d))
    .refine((d) => d.startsWith('/'), 'the directory starts with "/", such as /drivers')
    .refine((d) => !d.split('/').some((part) => part === '..' || part === '.'), 'the directory may not contain "." or ".." parts')
    // Control characters would end up inside FTP commands.
    .refine((d) => noControl(d), 'the directory may not contain control characters (line breaks, tabs)'),
  /** Empty: anonymous. */
  user: z.string().trim().max(256).default('').refine((u) => noControl(u), 'the user name may not contain control characters'),
  mode: z.enum(FTP_MODES, { message: 'choose passive or active' }).default('passive'),
  security: z.enum(FTP_SECURITIES, { message: 'choose none, explicit FTPS or implicit FTPS' }).default('none'),
  /** FTPS only: check the server's certificate and name. Off: every certificate is accepted. */
  verifyCertificate: z.boolean().default(true),
  /** FTPS only: PEM of the authority that signed the server's certificate; empty: the authorities Node trusts. */
  caCertificate: caCertificateSchema,
});
export type DriverStoreSettings = z.output<typeof driverStoreSettingsSchema>;
export type DriverStoreSettingsInput = z.input<typeof driverStoreSettingsSchema>;

/** Settings to save: a password given seals it, null clears it, left out keeps the stored one. */
export const driverStoreInputSchema = driverStoreSettingsSchema.extend({ password: z.string().max(256).refine((p) => noControl(p), 'the password may not contain control characters').nullable().optional() });
export type DriverStoreInput = z.input<typeof driverStoreInputSchema>;

export const driverStoreSchema = driverStoreSettingsSchema.extend({
  id: z.number().int().positive(),
  passwordSet: z.boolean(),
  /** Driver sets kept on it. */
  sets: z.number().int(),
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
  /** Things worth knowing about the settings (plain FTP sends the password unencrypted …). */
  warnings: z.array(z.string()),
});
export type DriverStore = z.infer<typeof driverStoreSchema>;

/** The steps of "test connection", in order; a test stops at the first that fails. */
export const STORE_TEST_STEPS = ['connect', 'tls', 'login', 'directory', 'list', 'write'] as const;
export type StoreTestStep = (typeof STORE_TEST_STEPS)[number];

export const storeTestStepSchema = z.object({
  step: z.enum(STORE_TEST_STEPS),
  ok: z.boolean(),
  /** What was done and what came of it, in words an operator can act on. */
  message: z.string(),
  ms: z.number().int(),
});
export const storeTestResultSchema = z.object({ ok: z.boolean(), steps: z.array(storeTestStepSchema) });
export type StoreTestResult = z.infer<typeof storeTestResultSchema>;

export function driverStoreWarnings(settings: DriverStoreSettings): string[] {
  const warnings: string[] = [];
  if (settings.security === 'none') warnings.push('Plain FTP sends the user name, the password and the drivers unencrypted; the SHA-256 manifest still detects altered files.');
  if (settings.security !== 'none' && !settings.verifyCertificate) warnings.push("The server's certificate is not checked: another server could pose as it.");
  if (settings.mode === 'active') warnings.push('Active mode needs the server to connect back to the console and to every client PC; firewalls and NAT often block it.');
  return warnings;
}
