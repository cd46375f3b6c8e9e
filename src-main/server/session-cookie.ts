import type { IncomingMessage } from 'node:http';

/**
 * The web session travels in one cookie: HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Path=/; with TLS also Secure and the __Host- prefix (no
 * subdomain can set it). ASVS 5.0 4.4.4: the WebSocket handshake is authorised by it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-printdeck-session' : 'printdeck-session';
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${sessionCookieName(secure)}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session token of a request's Cookie header, or null. */
export function sessionTokenOf(request: IncomingMessage, secure: boolean): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  const name = sessionCookieName(secure);
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      const value = rest.join('=');
      return /^[A-Za-z0-9_-]{20,200}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** The secret of an "Authorization: Bearer …" header, or null. */
export function bearerTokenOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,300})\s*$/i.exec(header);
  return match?.[1] ?? null;
}
