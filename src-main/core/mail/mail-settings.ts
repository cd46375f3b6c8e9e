import type { MailSettings, MailSettingsUpdate } from '../../../src-shared/contract/mail.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { SecretStore } from '../secrets/secret-store';
import { SecretStoreError } from '../secrets/secret-store';
import type { StoredMailSettings } from '../store/mail-settings.repository';
import { MailFailure } from './mail-failure';
import type { PopLoginOptions } from './pop3-client';
import type { SmtpOptions } from './smtp-sender';

/** Everything one send needs, passwords decrypted (lives only for the send). */
export interface DeliverySettings {
  smtp: SmtpOptions;
  from: string;
  pop: (PopLoginOptions & { waitAfterMs: number }) | null;
}

/** The settings as the contract shows them: passwords only as passwordSet. */
export function toContractSettings(stored: StoredMailSettings): MailSettings {
  const { passwordSealed: smtpSealed, ...smtp } = stored.smtp;
  const { passwordSealed: popSealed, ...pop } = stored.popBeforeSmtp;
  return {
    smtp: { ...smtp, passwordSet: smtpSealed !== null },
    popBeforeSmtp: { ...pop, passwordSet: popSealed !== null },
    consoleUrl: stored.consoleUrl,
    updatedAt: stored.updatedAt,
  };
}

/**
 * The stored form of an update: a password left out keeps the stored one, null clears it, a
 * string is sealed. Throws AppError 'invalid-argument' (naming the field) for settings that
 * cannot work: a login without user or password, POP before SMTP without host, user or password.
 */
export function applyUpdate(current: StoredMailSettings, update: MailSettingsUpdate, secrets: SecretStore, now: number): StoredMailSettings {
  const seal = (text: string): string => {
    try {
      return secrets.seal(text);
    } catch (error) {
      if (error instanceof SecretStoreError) throw new AppError('internal', `the password cannot be stored: ${error.message}`);
      throw error;
    }
  };
  const sealed = (value: string | null | undefined, kept: string | null): string | null => (value === undefined ? kept : value === null ? null : seal(value));
  const { password: smtpPassword, ...smtp } = update.smtp;
  const { password: popPassword, ...pop } = update.popBeforeSmtp;
  const next: StoredMailSettings = {
    smtp: { ...smtp, passwordSealed: sealed(smtpPassword, current.smtp.passwordSealed) },
    popBeforeSmtp: { ...pop, passwordSealed: sealed(popPassword, current.popBeforeSmtp.passwordSealed) },
    consoleUrl: update.consoleUrl ?? current.consoleUrl,
    updatedAt: now,
  };
  check(next);
  return next;
}

function check(settings: StoredMailSettings): void {
  const { smtp, popBeforeSmtp: pop } = settings;
  const bad = (field: string, message: string): never => {
    throw new AppError('invalid-argument', `${field}: ${message}`, { field });
  };
  if (smtp.auth !== 'none') {
    if (!smtp.user.trim()) bad('smtp.user', `SMTP login (${smtp.auth.toUpperCase()}) needs a user name`);
    if (smtp.passwordSealed === null) bad('smtp.password', `SMTP login (${smtp.auth.toUpperCase()}) needs a password`);
  }
  if (smtp.host && !smtp.from) bad('smtp.from', 'a sender address is needed to send mail');
  if (pop.enabled) {
    if (!pop.host) bad('popBeforeSmtp.host', 'POP before SMTP needs the POP server');
    if (!pop.user.trim()) bad('popBeforeSmtp.user', 'POP before SMTP needs a user name');
    if (pop.passwordSealed === null) bad('popBeforeSmtp.password', 'POP before SMTP needs a password');
  }
}

/** Why mail cannot be sent at all with these settings (no attempt is made then), or null when it can be tried. */
export function notReadyReason(stored: StoredMailSettings): string | null {
  if (!stored.smtp.host) return 'no SMTP server is set in the mail settings';
  if (!stored.smtp.from) return 'no sender address is set in the mail settings';
  return null;
}

/**
 * The console's address of a place in it ("#/devices/42" → "https://printdeck.example.com/#/devices/42"),
 * or null when no console address is set.
 */
export function consoleLink(stored: Pick<StoredMailSettings, 'consoleUrl'>, hashPath: string): string | null {
  if (!stored.consoleUrl) return null;
  return `${stored.consoleUrl.replace(/\/+$/, '')}/${hashPath.startsWith('#') ? hashPath : `#${hashPath}`}`;
}

/** Decrypts the passwords for one send; throws MailFailure (step 'secret') when a password cannot be decrypted. */
export function deliverySettings(stored: StoredMailSettings, secrets: SecretStore): DeliverySettings {
  const { smtp, popBeforeSmtp: pop } = stored;
  const open = (sealed: string | null, what: string): string => {
    if (sealed === null) return '';
    try {
      return secrets.open(sealed);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new MailFailure('secret', `cannot use the stored ${what} password: ${why}`, { cause: error });
    }
  };
  return {
    from: smtp.from,
    smtp: {
      host: smtp.host,
      port: smtp.port,
      security: smtp.security,
      verifyCertificate: smtp.verifyCertificate,
      auth: smtp.auth,
      user: smtp.user,
      password: smtp.auth === 'none' ? '' : open(smtp.passwordSealed, 'SMTP'),
      connectionTimeoutMs: smtp.connectionTimeoutMs,
      greetingTimeoutMs: smtp.greetingTimeoutMs,
      socketTimeoutMs: smtp.socketTimeoutMs,
    },
    pop: pop.enabled
      ? {
          host: pop.host,
          port: pop.port,
          tls: pop.tls,
          verifyCertificate: pop.verifyCertificate,
          user: pop.user,
          password: open(pop.passwordSealed, 'POP'),
          apop: pop.apop,
          connectionTimeoutMs: smtp.connectionTimeoutMs,
          replyTimeoutMs: smtp.greetingTimeoutMs,
          waitAfterMs: pop.waitAfterMs,
        }
      : null,
  };
}
