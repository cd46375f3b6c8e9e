import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** A fresh access token: 32 random bytes as 64 hex characters. */
export function createAccessToken(): string {
  return randomBytes(32).toString('hex');
}

/** Throws naming the rule when a given token is too weak or would not survive a URL unescaped. */
export function checkGivenToken(token: string): string {
  if (!/^[A-Za-z0-9_-]{32,256}$/.test(token)) throw new Error('the access token must be 32 to 256 characters from A–Z, a–z, 0–9, "-" and "_"');
  return token;
}

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
export function tokenMatches(expected: string, presented: string | null): boolean {
  if (presented === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

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
 * names are accepted: that defeats DNS rebinding (a hostile site's name re-pointed at 127.0.0.1
 * would otherwise count as same-origin for the victim's browser).
 */
export function hostAllowed(listenHost: string, hostHeader: string | undefined): boolean {
  const name = hostnameOf(hostHeader);
  if (name === null) return false;
  return isLoopbackHost(listenHost) ? isLoopbackHost(name) : true;
}

/**
 * A browser always sends Origin with a WebSocket handshake; it must be this very server
 * (http://<Host header>), else a page of another site is trying to use the visitor's console
 * (cross-site WebSocket hijacking). Non-browser clients send no Origin and are let through:
 * they cannot be driven by a foreign page, and they still need the token.
 */
export function originAllowed(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (hostHeader === undefined) return false;
  return originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}
