import type { IncomingMessage } from 'node:http';

/**
 * The web session travels in one cookie: HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Path=/; with TLS also Secure and the __Host- prefix (no
 * subdomain can set it). ASVS 5.0 4.4.4: the WebSocket handshake is authorised by it. Cookies
 * are per host, not per port, so the name carries the server's port: two consoles on one host
 * (a help-desk PC, a test) keep their sessions apart in one browser.
 */
export function sessionCookieName(secure: boolean, port: number): string {
  return `${secure ? '__Host-' : ''}printdeck-session-${port}`;
}

/** The port the request reached this server on (the cookie's name carries it). */
export function serverPortOf(request: IncomingMessage): number {
  return request.socket.localPort ?? 0;
}

export function sessionCookie(token: string, secure: boolean, port: number): string {
  return `${sessionCookieName(secure, port)}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean, port: number): string {
  return `${sessionCookieName(secure, port)}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session token of a request's Cookie header, or null. */
export function sessionTokenOf(request: IncomingMessage, secure: boolean): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  const name = sessionCookieName(secure, serverPortOf(request));
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
