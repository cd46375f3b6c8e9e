import {
  consoleUrlSchema,
  mailAddressSchema,
  mailSettingsUpdateSchema,
  type MailSettings,
  type MailSettingsUpdate,
  type SmtpAuth,
  type SmtpSecurity,
} from '../../../src-shared/contract/mail.contract';
import { addProblem, schemaProblems, type Built, type FormProblems, type NumberDraft } from '../forms/form-problems';

/**
 * The mail settings page's draft and its translation into mail.updateSettings. Passwords are
 * write-only: the page shows whether one is stored; an empty field keeps it, "forget" clears it.
 * Timeouts are edited in seconds (the contract holds milliseconds).
 */

export interface SmtpDraft {
  host: string;
  port: NumberDraft;
  security: SmtpSecurity;
  verifyCertificate: boolean;
  auth: SmtpAuth;
  user: string;
  /** Typed now; '' keeps the stored one. */
  password: string;
  passwordSet: boolean;
  forgetPassword: boolean;
  from: string;
  connectionTimeoutSeconds: NumberDraft;
  greetingTimeoutSeconds: NumberDraft;
  socketTimeoutSeconds: NumberDraft;
}

export interface PopDraft {
  enabled: boolean;
  host: string;
  port: NumberDraft;
  tls: boolean;
  verifyCertificate: boolean;
  user: string;
  password: string;
  passwordSet: boolean;
  forgetPassword: boolean;
  apop: boolean;
  waitAfterMs: NumberDraft;
}

export interface MailForm {
  smtp: SmtpDraft;
  pop: PopDraft;
  /** Where people open the console, for links in mails ('' = none). */
  consoleUrl: string;
}

export type MailField =
  | `smtp.${'host' | 'port' | 'user' | 'password' | 'from' | 'connectionTimeoutMs' | 'greetingTimeoutMs' | 'socketTimeoutMs'}`
  | `popBeforeSmtp.${'host' | 'port' | 'user' | 'password' | 'waitAfterMs'}`
  | 'consoleUrl'
  | 'general';

/** The contract's timeout bounds (1 s – 300 s). */
export const TIMEOUT_SECONDS = { min: 1, max: 300 } as const;

const seconds = (ms: number): number => Math.round(ms / 1000);

/** The form showing the stored settings. */
export function mailFormOf(settings: MailSettings): MailForm {
  const { smtp, popBeforeSmtp: pop } = settings;
  return {
    smtp: {
      host: smtp.host,
      port: smtp.port,
      security: smtp.security,
      verifyCertificate: smtp.verifyCertificate,
      auth: smtp.auth,
      user: smtp.user,
      password: '',
      passwordSet: smtp.passwordSet,
      forgetPassword: false,
      from: smtp.from,
      connectionTimeoutSeconds: seconds(smtp.connectionTimeoutMs),
      greetingTimeoutSeconds: seconds(smtp.greetingTimeoutMs),
      socketTimeoutSeconds: seconds(smtp.socketTimeoutMs),
    },
    pop: {
      enabled: pop.enabled,
      host: pop.host,
      port: pop.port,
      tls: pop.tls,
      verifyCertificate: pop.verifyCertificate,
      user: pop.user,
      password: '',
      passwordSet: pop.passwordSet,
      forgetPassword: false,
      apop: pop.apop,
      waitAfterMs: pop.waitAfterMs,
    },
    consoleUrl: settings.consoleUrl,
  };
}

const FIELDS: ReadonlySet<string> = new Set<MailField>([
  'smtp.host',
  'smtp.port',
  'smtp.user',
  'smtp.password',
  'smtp.from',
  'smtp.connectionTimeoutMs',
  'smtp.greetingTimeoutMs',
  'smtp.socketTimeoutMs',
  'popBeforeSmtp.host',
  'popBeforeSmtp.port',
  'popBeforeSmtp.user',
  'popBeforeSmtp.password',
  'popBeforeSmtp.waitAfterMs',
  'consoleUrl',
]);

function isMailField(value: string): value is MailField {
  return FIELDS.has(value);
}

/** Where a problem at `path` of the update is shown (a message naming "smtp.user" lands under that field). */
export function mailFieldOfPath(path: readonly PropertyKey[]): MailField {
  if (path[0] === 'consoleUrl') return 'consoleUrl';
  const key = path.slice(0, 2).map(String).join('.');
  return isMailField(key) ? key : 'general';
}

/** What a password field sends: absent keeps, null forgets, a string replaces. */
function passwordOf(draft: { password: string; forgetPassword: boolean }): string | null | undefined {
  if (draft.password !== '') return draft.password;
  return draft.forgetPassword ? null : undefined;
}

const ms = (value: NumberDraft): number | undefined => (value === '' ? undefined : Math.round(value * 1000));

/**
 * The update the form describes, or the problems keeping it from being saved: the schema's
 * rules, plus what the server would refuse (a login without a user, POP without a host, a bad
 * sender). Never throws.
 */
export function buildMailUpdate(form: MailForm): Built<MailSettingsUpdate, MailField> {
  const problems: FormProblems<MailField> = {};
  const { smtp, pop } = form;
  const from = smtp.from.trim();
  if (from !== '' && !mailAddressSchema.safeParse(from).success) addProblem(problems, 'smtp.from', { key: 'badAddress', address: from });
  if (smtp.auth !== 'none' && smtp.user.trim() === '') addProblem(problems, 'smtp.user', { key: 'required' });
  if (smtp.host.trim() !== '' && smtp.port === '') addProblem(problems, 'smtp.port', { key: 'required' });
  if (pop.enabled && pop.host.trim() === '') addProblem(problems, 'popBeforeSmtp.host', { key: 'required' });
  if (pop.enabled && pop.user.trim() === '') addProblem(problems, 'popBeforeSmtp.user', { key: 'required' });
  const consoleUrl = form.consoleUrl.trim();
  if (!consoleUrlSchema.safeParse(consoleUrl).success) addProblem(problems, 'consoleUrl', { key: 'badConsoleUrl', url: consoleUrl });

  // Checked here in seconds: the schema's limits would read in milliseconds.
  const timeouts = [
    ['connectionTimeoutSeconds', 'smtp.connectionTimeoutMs'],
    ['greetingTimeoutSeconds', 'smtp.greetingTimeoutMs'],
    ['socketTimeoutSeconds', 'smtp.socketTimeoutMs'],
  ] as const;
  for (const [key, field] of timeouts) {
    const value = smtp[key];
    if (value !== '' && value < TIMEOUT_SECONDS.min) addProblem(problems, field, { key: 'atLeast', limit: TIMEOUT_SECONDS.min });
    if (value !== '' && value > TIMEOUT_SECONDS.max) addProblem(problems, field, { key: 'atMost', limit: TIMEOUT_SECONDS.max });
  }

  const smtpPassword = passwordOf(smtp);
  const popPassword = passwordOf(pop);
  const update = {
    smtp: {
      host: smtp.host.trim(),
      ...(smtp.port === '' ? {} : { port: smtp.port }),
      security: smtp.security,
      verifyCertificate: smtp.verifyCertificate,
      auth: smtp.auth,
      user: smtp.user.trim(),
      ...(smtpPassword === undefined ? {} : { password: smtpPassword }),
      from,
      connectionTimeoutMs: ms(smtp.connectionTimeoutSeconds),
      greetingTimeoutMs: ms(smtp.greetingTimeoutSeconds),
      socketTimeoutMs: ms(smtp.socketTimeoutSeconds),
    },
    popBeforeSmtp: {
      enabled: pop.enabled,
      host: pop.host.trim(),
      ...(pop.port === '' ? {} : { port: pop.port }),
      tls: pop.tls,
      verifyCertificate: pop.verifyCertificate,
      user: pop.user.trim(),
      ...(popPassword === undefined ? {} : { password: popPassword }),
      apop: pop.apop,
      ...(pop.waitAfterMs === '' ? {} : { waitAfterMs: pop.waitAfterMs }),
    },
    consoleUrl,
  };
  const parsed = mailSettingsUpdateSchema.safeParse(update);
  if (!parsed.success) for (const [field, problem] of Object.entries(schemaProblems(parsed.error, mailFieldOfPath))) if (problem) addProblem(problems, field as MailField, problem);
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}
