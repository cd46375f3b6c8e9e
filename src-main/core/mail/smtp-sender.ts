import { isIP } from 'node:net';
import { createTransport } from 'nodemailer';
import type { SmtpAuth, SmtpSecurity } from '../../../src-shared/contract/mail.contract';
import { connectProblem, errorCode, errorMessage, isTlsCode, MailFailure, tlsAdvice } from './mail-failure';

/** The one file that imports nodemailer: one SMTP send, its errors mapped to MailFailure. */

export interface SmtpOptions {
  host: string;
  port: number;
  security: SmtpSecurity;
  verifyCertificate: boolean;
  auth: SmtpAuth;
  user: string;
  password: string;
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export interface SmtpMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html?: string;
}

/** Sends one mail on its own connection; resolves with the server's reply, rejects with MailFailure. */
export async function sendSmtp(options: SmtpOptions, message: SmtpMessage): Promise<string> {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: options.security === 'tls',
    requireTLS: options.security === 'starttls',
    ignoreTLS: options.security === 'none',
    tls: { rejectUnauthorized: options.verifyCertificate, ...(isIP(options.host) ? {} : { servername: options.host }) },
    auth: options.auth === 'none' ? undefined : { user: options.user, pass: options.password },
    authMethod: options.auth === 'login' ? 'LOGIN' : 'PLAIN',
    connectionTimeout: options.connectionTimeoutMs,
    greetingTimeout: options.greetingTimeoutMs,
    socketTimeout: options.socketTimeoutMs,
  });
  try {
    const info = await transport.sendMail({ from: message.from, to: [...message.to], subject: message.subject, text: message.text, html: message.html });
    return info.response;
  } catch (error) {
    throw smtpFailure(error, options);
  } finally {
    transport.close();
  }
}

/** Turns a nodemailer error into the step that failed and what to do about it. */
export function smtpFailure(error: unknown, options: Pick<SmtpOptions, 'host' | 'port' | 'user' | 'verifyCertificate' | 'security'>): MailFailure {
  const where = `SMTP server ${options.host}:${options.port}`;
  const code = errorCode(error);
  const original = originalCode(error);
  const reply = serverReply(error);
  const replyText = reply ? ` (${reply})` : '';
  const why = errorMessage(error);
  const make = (step: ConstructorParameters<typeof MailFailure>[0], text: string) => new MailFailure(step, text, { cause: error });

  if (code === 'ETIMEDOUT') return make('timeout', `${where} ${timeoutText(timeoutType(error), options)}`);
  if (code === 'EAUTH') {
    if (/missing credentials/i.test(why)) return make('settings', `the mail settings use SMTP login but have no password: enter one`);
    if (/unknown authentication method/i.test(why) || /not support|no.*auth/i.test(why)) {
      return make('smtp-auth', `${where} does not offer the chosen login method${replyText}: choose another (PLAIN or LOGIN) or none`);
    }
    return make('smtp-auth', `${where} refused the login of "${options.user}"${replyText}: check user and password`);
  }
  if (code === 'EPROTOCOL' && commandOf(error) === undefined && reply) {
    return make('smtp-connect', `${where} refused the session${replyText}: it may want POP before SMTP, or not accept mail from this computer`);
  }
  if (/wrong version number|packet length too long|unknown protocol/i.test(why)) {
    return make('smtp-tls', `TLS with ${where} failed: the server does not speak implicit TLS on this port; choose security "starttls" or "none", or the TLS port (usually 465)`);
  }
  if (code === 'ETLS' && commandOf(error) === 'STARTTLS') {
    return make('smtp-tls', `${where} does not offer STARTTLS${replyText}: choose security "none", or "tls" with the implicit TLS port (usually 465)`);
  }
  if (code === 'ETLS' || isTlsCode(original) || isTlsCode(code)) {
    return make('smtp-tls', `TLS with ${where} failed: ${tlsAdvice(stripReply(why), options.verifyCertificate)}`);
  }
  const problem = connectProblem(original) ?? connectProblem(code);
  if (problem && (code === 'ESOCKET' || code === 'ECONNECTION' || code === 'EDNS' || original !== undefined)) {
    return make('smtp-connect', `${where} ${problem}`);
  }
  if (code === 'EDNS') return make('smtp-connect', `${where} could not be looked up: ${why}`);
  if (code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EPROTOCOL' || code === 'EREQUIRETLS') {
    const at = commandOf(error);
    return make('smtp-send', `${where} refused the mail${at ? ` at ${at}` : ''}${replyText}: check the sender and recipient addresses`);
  }
  if (code === 'ESOCKET' || code === 'ECONNECTION') return make('smtp-connect', `${where} broke the connection: ${why}`);
  return make('smtp-send', `sending through ${where} failed: ${why}`);
}

function timeoutText(type: string | undefined, options: Pick<SmtpOptions, 'security'>): string {
  switch (type) {
    case 'CONNECT_TIMEOUT':
      return 'did not accept a connection in time: check the host, port and firewall';
    case 'GREETING_TIMEOUT':
      return options.security === 'tls'
        ? 'sent no greeting in time: check whether the port expects implicit TLS (465) or STARTTLS (587/25)'
        : 'sent no greeting in time: the port may expect implicit TLS; try security "tls"';
    case 'UPGRADE_TIMEOUT':
      return 'did not finish the TLS handshake in time';
    default:
      return 'stopped answering (socket timeout): try again later or raise the socket timeout';
  }
}

function originalCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('originalCode' in error)) return undefined;
  return typeof error.originalCode === 'string' ? error.originalCode : undefined;
}

function timeoutType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('timeoutType' in error)) return undefined;
  return typeof error.timeoutType === 'string' ? error.timeoutType : undefined;
}

function serverReply(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('response' in error) || typeof error.response !== 'string') return null;
  const line = error.response.split(/\r?\n/)[0]?.trim() ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line || null;
}

function commandOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('command' in error)) return undefined;
  return typeof error.command === 'string' && error.command !== 'API' && error.command !== 'CONN' ? error.command : undefined;
}

function stripReply(message: string): string {
  return message.replace(/^Error initiating TLS - /, '');
}
