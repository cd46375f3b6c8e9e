/**
 * Where the window may go. Pure: the window, the IPC sender check and the tests share it.
 * The page itself never leaves the app's own file; links to the web open in the user's
 * browser, and only for hosts on an allow-list (a compromised page must not be able to send
 * the user anywhere it likes).
 */

/** Hosts whose https pages the console may open in the user's browser. */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com', 'printdeck.app'];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` may be handed to the OS browser: https, default port, no credentials, and a
 * host equal (case-insensitively) to one on `allowedHosts` — subdomains must be listed
 * themselves. Malformed URLs are refused, never thrown.
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}

/**
 * True when `url` is the app's own page (`appPageUrl`, a file:// URL), whatever its query or
 * hash (the renderer may route by hash). Any other file, scheme or host is false; malformed
 * URLs are false.
 */
export function isAppPageUrl(url: string, appPageUrl: string): boolean {
  const parsed = parse(url);
  const own = parse(appPageUrl);
  if (!parsed || !own || parsed.protocol !== 'file:' || own.protocol !== 'file:') return false;
  return parsed.host === own.host && samePath(parsed.pathname, own.pathname);
}

function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}
