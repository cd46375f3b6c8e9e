import { z } from 'zod';

/** An https address up to its path: the authority (host and port) in group 1. */
const HTTPS_AUTHORITY = /^https:\/\/([^/?#]*)(?:[/?#][\s\S]*)?$/i;
/** What a console's authority may hold: a host name, an IPv4 or a bracketed IPv6 address, a port. */
const SAFE_AUTHORITY = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/;

/**
 * The address agents reach the console at, reduced to scheme://host:port (the path and query
 * dropped, the host in lower case, the default port 443 left out) and checked to hold only
 * letters, digits, ".", "-", ":" and brackets: it is written into command lines that cmd.exe
 * parses again (printdeck.cmd), where "&", "|", "^" or a quote inside even a quoted value would
 * start another command. null: not such an address. (By hand rather than with URL: src-shared
 * is compiled without DOM or Node typings, and only this reduction is needed.)
 */
export function consoleOrigin(text: string): string | null {
  const authority = HTTPS_AUTHORITY.exec(text.trim())?.[1]?.toLowerCase();
  if (authority === undefined) return null;
  const safe = SAFE_AUTHORITY.exec(authority);
  if (safe === null) return null;
  const port = safe[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return null;
  return `https://${port === '443' ? safe[1] : authority}`;
}

export const consoleUrlSchema = z
  .string()
  .trim()
  .url('the console address, such as https://printdeck.example.com:8443')
  .refine((u) => u.startsWith('https://'), 'agents talk to the console over HTTPS only')
  .refine((u) => consoleOrigin(u) !== null, 'the console address is https:// and a host name or address (letters, digits, ".", "-") with an optional port')
  .transform((u) => consoleOrigin(u) ?? u);
