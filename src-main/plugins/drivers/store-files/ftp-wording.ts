import type { StoreTarget } from './ftp-session';

/**
 * What an FTP failure means, in words an operator can act on: the network codes of Node, the
 * FTP reply codes of the server (RFC 959) and TLS certificate errors.
 */

interface Failure {
  code?: unknown;
  message?: unknown;
}

function parts(error: unknown): { code: string | number | null; message: string } {
  if (error instanceof Error) {
    const code = (error as Failure).code;
    return { code: typeof code === 'string' || typeof code === 'number' ? code : null, message: error.message };
  }
  return { code: null, message: String(error) };
}

const CERTIFICATE = /certificate|self[- ]signed|unable to verify|CERT_|ERR_TLS_CERT/i;

/** The reason a step failed, for the store `target`; `doing` says what was attempted ("sign in as printdeck"). */
export function ftpFailure(error: unknown, target: Pick<StoreTarget, 'host' | 'port' | 'mode' | 'security'>, doing: string): string {
  const { code, message } = parts(error);
  const where = `${target.host}:${target.port}`;
  if (code === 'ECONNREFUSED') return `Could not ${doing}: nothing answers on ${where} (connection refused). Is the FTP server running, and is the port right?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Could not ${doing}: the name ${target.host} is not known to DNS. Check the server name.`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `Could not ${doing}: ${target.host} cannot be reached from this computer (no route). Check the address and the network.`;
  if (code === 'ECONNRESET') return `Could not ${doing}: ${where} closed the connection. ${target.security === 'implicit' ? 'Is it really an implicit FTPS port?' : 'The server may refuse this computer, or expect TLS from the first byte (implicit FTPS).'}`;
  if (CERTIFICATE.test(message) || (typeof code === 'string' && CERTIFICATE.test(code))) return `Could not ${doing}: the server's TLS certificate is not trusted (${message}). Install its authority on this computer, or switch off the certificate check for this store.`;
  if (/timeout/i.test(message) || code === 'ETIMEDOUT') return `Could not ${doing}: no answer from ${where} in time. A firewall may drop the connection${target.mode === 'passive' ? ' or the passive data ports' : ''}.`;
  if (/data connection|passive mode|PASV|EPSV/i.test(message) && target.mode === 'passive') return `Could not ${doing}: the data connection in passive mode could not be opened (${message}). A firewall between this computer and the server may block the server's passive ports: open them, or try active mode.`;
  if (/connect back|active mode/i.test(message)) return `Could not ${doing}: ${message}.`;
  if (typeof code === 'number') {
    if (code === 530) return `Could not ${doing}: the server refused the user name or password (${code} ${message}).`;
    if (code === 534 || code === 431) return `Could not ${doing}: the server does not offer FTPS (${code} ${message}). Choose "none" as the security, or enable TLS on the server.`;
    if (code === 550) return `Could not ${doing}: the server says the file or directory does not exist or may not be used by this login (${code} ${message}).`;
    if (code === 553 || code === 552 || code === 452) return `Could not ${doing}: the server refused to store the file (${code} ${message}): no write permission, or no room.`;
    if (code === 425 || code === 426) return `Could not ${doing}: the server could not open the data connection (${code} ${message}). ${target.mode === 'active' ? 'In active mode it connects back to this computer: a firewall or NAT may block it; try passive mode.' : 'Try active mode.'}`;
    if (code === 421) return `Could not ${doing}: the server is not taking connections now (${code} ${message}).`;
    return `Could not ${doing}: the server answered ${code} ${message}.`;
  }
  return `Could not ${doing}: ${message}`;
}
