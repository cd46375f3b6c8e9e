import type { PeerCertificate, TLSSocket } from 'node:tls';

/*
 * What the LDAP session says about failures and TLS, in words for the operator: Active
 * Directory's bind reasons, untrusted-certificate codes, network error codes. Pure tables and
 * helpers, kept apart from the session's connection steps.
 */

/** Active Directory's reasons inside a refused bind ("data 52e"), said plainly. */
export const ACTIVE_DIRECTORY_BIND_REASONS: Readonly<Record<string, string>> = {
  '525': 'the bind DN names no account',
  '52e': 'the password is wrong',
  '530': 'the account may not sign in at this time of day',
  '531': 'the account may not sign in from this computer',
  '532': 'the password has expired',
  '533': 'the account is disabled',
  '701': 'the account has expired',
  '773': 'the account must change its password first',
  '775': 'the account is locked out',
};

export const UNTRUSTED_CERTIFICATE: Readonly<Record<string, string>> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was issued by an authority that is not trusted here',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is not among the trusted authorities',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not among the trusted authorities',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not among the trusted authorities',
  CERT_UNTRUSTED: 'it is not trusted',
  CERT_SIGNATURE_FAILURE: 'its signature does not verify',
};

export const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EPIPE', 'EADDRNOTAVAIL']);

export function describeTls(socket: TLSSocket, verified: boolean): string {
  const certificate = socket.getPeerCertificate();
  const subject = certificate.subject as Record<string, string | string[] | undefined> | undefined;
  const name = subject?.CN;
  return `${socket.getProtocol() ?? 'TLS'}, certificate ${name ? `"${String(name)}" ` : ''}${verified ? 'trusted and matching the server name' : 'not checked'}`;
}

export function certificateNames(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('cert' in error)) return null;
  const certificate = error.cert as Partial<PeerCertificate> | undefined;
  const names = certificate?.subjectaltname;
  return typeof names === 'string' && names !== '' ? names.replace(/IP Address:/g, '').replace(/DNS:/g, '') : null;
}

export function codeOf(error: unknown): string | null {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
}

export function textOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
