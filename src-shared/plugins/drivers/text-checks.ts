import { z } from 'zod';

/** True when `text` has no control character (below U+0020, or DEL) other than those in `allowed` (a private key keeps its line breaks). */
export function noControl(text: string, allowed = ''): boolean {
  return ![...text].some((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) && !allowed.includes(c));
}

/** A certificate's SHA-256 fingerprint as `printdeck serve` prints it: 32 hex pairs separated by ":". */
export const SHA256_FINGERPRINT = /^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/;

export const fingerprintSchema = z.string().trim().regex(SHA256_FINGERPRINT, 'a SHA-256 fingerprint: 32 hex pairs separated by ":"');
