import type { MailStep } from '../../../src-shared/contract/mail.contract';

/**
 * A send that did not work, with the step that failed and a message a person can act on.
 * `permanent`: retrying cannot help until someone changes something (the outbox still retries
 * on its schedule, because that change may well happen meanwhile).
 */
export class MailFailure extends Error {
  override readonly name = 'MailFailure';

  constructor(
    readonly step: MailStep,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Socket error codes that mean "no TCP connection", as opposed to a TLS or protocol failure. */
const CONNECT_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (nothing listens on that port?)',
  ECONNRESET: 'closed the connection',
  EHOSTUNREACH: 'is unreachable (no route to the host)',
  ENETUNREACH: 'is unreachable (no route to the network)',
  ENOTFOUND: 'is unknown (the name does not resolve)',
  EAI_AGAIN: 'could not be looked up (DNS did not answer)',
  EADDRNOTAVAIL: 'cannot be reached from this computer',
  EPIPE: 'closed the connection',
};

/** "refused the connection …" for a connect-level socket error code, or null for others. */
export function connectProblem(code: string | undefined): string | null {
  return code ? (CONNECT_CODES[code] ?? null) : null;
}

/** True for the error codes Node's TLS layer and OpenSSL use for certificate and handshake failures. */
export function isTlsCode(code: string | undefined): boolean {
  return code !== undefined && (/CERT|SSL|TLS|SIGNATURE|ISSUER|HOSTNAME|ALTNAME|VERIFY/i.test(code) || code === 'ERR_TLS_CERT_ALTNAME_INVALID');
}

/** Advice for a TLS failure, with the reason Node gave. */
export function tlsAdvice(reason: string, verifying: boolean): string {
  const hint = /self[- ]signed|unable to (get|verify)|certificate/i.test(reason) && verifying
    ? 'turn off certificate checking for a self-signed certificate, or install the issuing authority'
    : 'check the security setting and the port (implicit TLS is usually 465 for SMTP and 995 for POP)';
  return `${reason}: ${hint}`;
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
