import { isIP } from 'node:net';

/** Whether `host` is a loopback address (127.0.0.0/8, ::1) or "localhost". */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** The hostname of a Host header ("127.0.0.1:8080" → "127.0.0.1", "[::1]:80" → "[::1]"); null when malformed. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined) return null;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostHeader);
  return match?.[1]?.toLowerCase() ?? null;
}

/**
 * Requests must name this server in their Host header. On a loopback listener only loopback
 * names are accepted, and the hosts of the allowed origins (a reverse proxy on this computer
 * that passes the public name on): that defeats DNS rebinding (a hostile site's name re-pointed
 * at 127.0.0.1 would otherwise count as same-origin for the victim's browser).
 */
export function hostAllowed(listenHost: string, hostHeader: string | undefined, allowedOrigins: readonly string[] = []): boolean {
  const name = hostnameOf(hostHeader);
  if (name === null || hostHeader === undefined) return false;
  if (!isLoopbackHost(listenHost) || isLoopbackHost(name)) return true;
  return allowedOriginOfHost(hostHeader, allowedOrigins) !== null;
}

/** The allowed origin whose host (and port) is this Host header, or null. */
export function allowedOriginOfHost(hostHeader: string, allowedOrigins: readonly string[]): URL | null {
  const wanted = hostHeader.toLowerCase();
  for (const origin of allowedOrigins) {
    try {
      const url = new URL(origin);
      if (url.host.toLowerCase() === wanted) return url;
    } catch {
      // Not an address: it allows nothing.
    }
  }
  return null;
}

/**
 * A browser always sends Origin with a WebSocket handshake and with a POST; it must be this very
 * server (`<scheme>://<Host header>`) or one the administrator allowed, else a page of another
 * site is trying to use the visitor's console (cross-site WebSocket hijacking, ASVS 4.4.2).
 * Requests without Origin come from programs, not browsers: they cannot be driven by a foreign
 * page, and they still need a session or an API token.
 */
export function originAllowed(originHeader: string | undefined, hostHeader: string | undefined, options: { secure: boolean; extra?: readonly string[] } = { secure: false }): boolean {
  if (originHeader === undefined) return true;
  if (hostHeader === undefined) return false;
  const origin = originHeader.toLowerCase();
  if (origin === `${options.secure ? 'https' : 'http'}://${hostHeader.toLowerCase()}`) return true;
  return (options.extra ?? []).some((allowed) => allowed.toLowerCase().replace(/\/+$/, '') === origin);
}
