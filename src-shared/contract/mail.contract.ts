import { z } from 'zod';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';

/**
 * Mail: the SMTP (and POP before SMTP) settings, the outbox every alert, task result and test
 * mail goes through, and a test send. Passwords go in, never out: reads say `passwordSet`.
 */

const id = z.number().int().positive();
const port = z.number().int().min(1).max(65535);
const host = z.string().trim().max(255);
const timeoutMs = z.number().int().min(1_000).max(300_000);

export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];
export const SMTP_AUTH = ['none', 'plain', 'login'] as const;
export type SmtpAuth = (typeof SMTP_AUTH)[number];

/** A single mailbox address "name@domain" (no display name). */
export const mailAddressSchema = z.string().trim().max(254).regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, 'expected an address like name@example.com');

const smtpFields = {
  /** Server name or address; empty = mail not set up (the outbox keeps mails queued). */
  host,
  port: port.default(25),
  /** none: plain text; starttls: upgrade required (fails when the server cannot); tls: implicit TLS (port 465). */
  security: z.enum(SMTP_SECURITY).default('starttls'),
  /** Check the server certificate against the system's trusted authorities (turn off for self-signed ones). */
  verifyCertificate: z.boolean().default(true),
  auth: z.enum(SMTP_AUTH).default('none'),
  user: z.string().max(255).default(''),
  /** Sender address of every mail. */
  from: z.union([mailAddressSchema, z.literal('')]).default(''),
  connectionTimeoutMs: timeoutMs.default(10_000),
  greetingTimeoutMs: timeoutMs.default(10_000),
  socketTimeoutMs: timeoutMs.default(30_000),
};

const popFields = {
  enabled: z.boolean().default(false),
  host,
  port: port.default(110),
  /** Implicit TLS (POP3S, port 995). */
  tls: z.boolean().default(false),
  verifyCertificate: z.boolean().default(true),
  user: z.string().max(255).default(''),
  /** Log in with APOP (MD5 digest of the greeting's timestamp and the password) instead of USER/PASS. */
  apop: z.boolean().default(false),
  /** Pause between the POP login and the SMTP send (some servers open the relay with a delay). */
  waitAfterMs: z.number().int().min(0).max(60_000).default(0),
};

/**
 * Where people open the console, for the links in alert and task mails ("https://printdeck.example.com",
 * http or https, no query or fragment); '' = mails carry no links.
 */
export const consoleUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((url) => url === '' || /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?(?:\/[^?#\s]*)?$/i.test(url), 'expected an http:// or https:// address without ? or #, like https://printdeck.example.com')
  .transform((url) => url.replace(/\/+$/, ''));

/** A password field of an update: absent keeps the stored one, null clears it, a string replaces it. */
const passwordUpdate = z.string().min(1).max(1024).nullable().optional();

export const mailSettingsSchema = z.object({
  smtp: z.object({ ...smtpFields, passwordSet: z.boolean() }),
  popBeforeSmtp: z.object({ ...popFields, passwordSet: z.boolean() }),
  /** Where people open the console: the links in mails ('' = none). */
  consoleUrl: z.string(),
  updatedAt: z.number().nullable(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const mailSettingsUpdateSchema = z.object({
  smtp: z.object({ ...smtpFields, password: passwordUpdate }),
  popBeforeSmtp: z.object({ ...popFields, password: passwordUpdate }),
  /** Left out: the stored one is kept. */
  consoleUrl: consoleUrlSchema.optional(),
});
export type MailSettingsUpdate = z.infer<typeof mailSettingsUpdateSchema>;
export type MailSettingsUpdateInput = z.input<typeof mailSettingsUpdateSchema>;

export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
/** What a mail is (the same list as MailKind of the core's mail port). */
export const MAIL_KINDS = ['alert', 'alert-digest', 'task-result', 'test'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Which step of a send failed: the POP login, the SMTP connection, TLS, the login, the server refusing the mail, or a timeout. */
export const MAIL_STEPS = ['settings', 'secret', 'pop-connect', 'pop-tls', 'pop-auth', 'smtp-connect', 'smtp-tls', 'smtp-auth', 'smtp-send', 'timeout'] as const;
export type MailStep = (typeof MAIL_STEPS)[number];

export const outboxEntrySchema = z.object({
  id,
  kind: z.enum(MAIL_KINDS),
  to: z.array(z.string()),
  subject: z.string(),
  reference: z.string().nullable(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  /** When the next attempt is due (queued mails only). */
  nextAttemptAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorStep: z.enum(MAIL_STEPS).nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

export const sendTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), outboxId: id, message: z.string() }),
  z.object({ ok: z.literal(false), outboxId: id, step: z.enum(MAIL_STEPS), error: z.string() }),
]);
export type SendTestResult = z.infer<typeof sendTestResultSchema>;

/** Mail settings, the outbox and the test mail. */
export const mailContract = {
  getSettings: method(z.object({}), mailSettingsSchema, 'The SMTP and POP before SMTP settings; passwords only as passwordSet.', view('environment')),
  updateSettings: method(
    mailSettingsUpdateSchema,
    mailSettingsSchema,
    "Replaces the settings (a password left out is kept); queued mails are tried again at once. 'invalid-argument' for inconsistent settings (login without a user, POP without a host).",
    change('environment'),
  ),
  sendTest: method(
    z.object({ to: z.array(mailAddressSchema).min(1).max(20) }),
    sendTestResultSchema,
    "Sends a test mail now with the stored settings and says which step failed (POP login, connection, TLS, login, refusal, timeout); recorded in the outbox, never retried; 'invalid-argument' when no SMTP server or sender is set.",
    change('environment'),
  ),
  listOutbox: method(
    z.object({ state: z.enum(OUTBOX_STATES).optional(), limit: z.number().int().min(1).max(1000).default(100) }),
    z.object({ entries: z.array(outboxEntrySchema), counts: z.record(z.enum(OUTBOX_STATES), z.number().int()) }),
    'Outbox entries, newest first, and how many there are per state.',
    view('monitoring'),
  ),
  retry: method(z.object({ id }), outboxEntrySchema, "Queues a failed (or queued) mail for an attempt now with fresh attempts; 'not-found', 'conflict' when it is sending or sent.", change('monitoring')),
  remove: method(z.object({ id }), z.object({}), "Deletes an outbox entry; 'conflict' while it is being sent; unknown ids are no error.", change('monitoring')),
};
