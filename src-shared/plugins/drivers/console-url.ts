import { z } from 'zod';

/** What a console origin may hold: a host name, an IPv4 or a bracketed IPv6 address, a port. */
const SAFE_ORIGIN = /^https:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/;

/**
 * The address agents reach the console at, reduced to scheme://host:port (the path and query
 * dropped) and checked to hold only letters, digits, ".", "-", ":" and brackets: it is written
 * into command lines that cmd.exe parses again (printdeck.cmd), where "&", "|", "^" or a quote
 * inside even a quoted value would start another command. null: not such an address.
 */
export function consoleOrigin(text: string): string | null {
  let origin: string;
  try {
    origin = new URL(text.trim()).origin;
  } catch {
    return null;
  }
  return SAFE_ORIGIN.test(origin) ? origin : null;
}

export const consoleUrlSchema = z
  .string()
  .trim()
  .url('the console address, such as https://printdeck.example.com:8443')
  .refine((u) => u.startsWith('https://'), 'agents talk to the console over HTTPS only')
  .refine((u) => consoleOrigin(u) !== null, 'the console address is https:// and a host name or address (letters, digits, ".", "-") with an optional port')
  .transform((u) => consoleOrigin(u) ?? u);
