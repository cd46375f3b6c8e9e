import type { SmtpAuth, SmtpSecurity } from '../../../src-shared/contract/mail.contract';
import type { Database } from './database';

/** The mail settings row as stored: passwords are sealed text (SecretStore), or null when none is set. */
export interface StoredMailSettings {
  smtp: {
    host: string;
    port: number;
    security: SmtpSecurity;
    verifyCertificate: boolean;
    auth: SmtpAuth;
    user: string;
    passwordSealed: string | null;
    from: string;
    connectionTimeoutMs: number;
    greetingTimeoutMs: number;
    socketTimeoutMs: number;
  };
  popBeforeSmtp: {
    enabled: boolean;
    host: string;
    port: number;
    tls: boolean;
    verifyCertificate: boolean;
    user: string;
    passwordSealed: string | null;
    apop: boolean;
    waitAfterMs: number;
  };
  /** Where people open the console ("https://printdeck.example.com"); '' = mails carry no links. */
  consoleUrl: string;
  updatedAt: number | null;
}

interface SettingsRow {
  smtp_host: string;
  smtp_port: number;
  smtp_security: SmtpSecurity;
  smtp_verify_cert: number;
  smtp_auth: SmtpAuth;
  smtp_user: string;
  smtp_password_sealed: string | null;
  from_address: string;
  connection_timeout_ms: number;
  greeting_timeout_ms: number;
  socket_timeout_ms: number;
  pop_enabled: number;
  pop_host: string;
  pop_port: number;
  pop_tls: number;
  pop_verify_cert: number;
  pop_user: string;
  pop_password_sealed: string | null;
  pop_apop: number;
  pop_wait_after_ms: number;
  console_url: string;
  updated_at: number | null;
}

/** The one mail settings row (schema 5 creates it with defaults, schema 12 adds the console address, so it always exists). */
export class MailSettingsRepository {
  private readonly select;
  private readonly update;

  constructor(db: Database) {
    this.select = db.prepare<[], SettingsRow>('SELECT * FROM mail_settings WHERE id = 1');
    this.update = db.prepare<SettingsRow>(`
      UPDATE mail_settings SET
        smtp_host = @smtp_host, smtp_port = @smtp_port, smtp_security = @smtp_security, smtp_verify_cert = @smtp_verify_cert,
        smtp_auth = @smtp_auth, smtp_user = @smtp_user, smtp_password_sealed = @smtp_password_sealed, from_address = @from_address,
        connection_timeout_ms = @connection_timeout_ms, greeting_timeout_ms = @greeting_timeout_ms, socket_timeout_ms = @socket_timeout_ms,
        pop_enabled = @pop_enabled, pop_host = @pop_host, pop_port = @pop_port, pop_tls = @pop_tls, pop_verify_cert = @pop_verify_cert,
        pop_user = @pop_user, pop_password_sealed = @pop_password_sealed, pop_apop = @pop_apop, pop_wait_after_ms = @pop_wait_after_ms,
        console_url = @console_url, updated_at = @updated_at
      WHERE id = 1`);
  }

  get(): StoredMailSettings {
    const row = this.select.get();
    if (!row) throw new Error('mail_settings has no row: the database was not migrated to schema 5');
    return {
      smtp: {
        host: row.smtp_host,
        port: row.smtp_port,
        security: row.smtp_security,
        verifyCertificate: row.smtp_verify_cert === 1,
        auth: row.smtp_auth,
        user: row.smtp_user,
        passwordSealed: row.smtp_password_sealed,
        from: row.from_address,
        connectionTimeoutMs: row.connection_timeout_ms,
        greetingTimeoutMs: row.greeting_timeout_ms,
        socketTimeoutMs: row.socket_timeout_ms,
      },
      popBeforeSmtp: {
        enabled: row.pop_enabled === 1,
        host: row.pop_host,
        port: row.pop_port,
        tls: row.pop_tls === 1,
        verifyCertificate: row.pop_verify_cert === 1,
        user: row.pop_user,
        passwordSealed: row.pop_password_sealed,
        apop: row.pop_apop === 1,
        waitAfterMs: row.pop_wait_after_ms,
      },
      consoleUrl: row.console_url,
      updatedAt: row.updated_at,
    };
  }

  save(settings: StoredMailSettings): void {
    const { smtp, popBeforeSmtp: pop } = settings;
    this.update.run({
      smtp_host: smtp.host,
      smtp_port: smtp.port,
      smtp_security: smtp.security,
      smtp_verify_cert: smtp.verifyCertificate ? 1 : 0,
      smtp_auth: smtp.auth,
      smtp_user: smtp.user,
      smtp_password_sealed: smtp.passwordSealed,
      from_address: smtp.from,
      connection_timeout_ms: smtp.connectionTimeoutMs,
      greeting_timeout_ms: smtp.greetingTimeoutMs,
      socket_timeout_ms: smtp.socketTimeoutMs,
      pop_enabled: pop.enabled ? 1 : 0,
      pop_host: pop.host,
      pop_port: pop.port,
      pop_tls: pop.tls ? 1 : 0,
      pop_verify_cert: pop.verifyCertificate ? 1 : 0,
      pop_user: pop.user,
      pop_password_sealed: pop.passwordSealed,
      pop_apop: pop.apop ? 1 : 0,
      pop_wait_after_ms: pop.waitAfterMs,
      console_url: settings.consoleUrl,
      updated_at: settings.updatedAt,
    });
  }
}
