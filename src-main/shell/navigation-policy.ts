/**
 * Where the window may go. Pure: the window, the IPC sender check, the app protocol and the
 * tests share it. The page is served from our own scheme (`app://printdeck/…`, see
 * app-protocol.ts), never from file://; it never leaves the app's own page, and links to the web
 * open in the user's browser, only for hosts on an allow-list (a compromised page must not be
 * able to send the user anywhere it likes).
 */

/** The custom scheme the renderer is served from (registered as standard and secure). */
export const APP_SCHEME = 'app';
/** The one host of that scheme: the page's origin is `app://printdeck`. */
export const APP_HOST = 'printdeck';
/** The origin of every page and file of the console. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The console's page: the only page a window shows and the only IPC sender accepted. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

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
 * True when `url` belongs to the app's origin (`app://printdeck`, any path): what any
 * webContents may navigate to. Other schemes and hosts (file:, http(s):, about:, another
 * app:// host), credentials, ports and malformed URLs are false.
 */
export function isAppOriginUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:`) return false;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return parsed.hostname.toLowerCase() === APP_HOST;
}

/**
 * True when `url` is the app's own page (`appPageUrl`, on the app's origin), whatever its query
 * or hash (the renderer may route by hash). Any other file, scheme or host is false; malformed
 * URLs are false.
 */
export function isAppPageUrl(url: string, appPageUrl: string = APP_PAGE_URL): boolean {
  const parsed = parse(url);
  const own = parse(appPageUrl);
  if (!parsed || !own || !isAppOriginUrl(url) || !isAppOriginUrl(appPageUrl)) return false;
  return samePath(parsed.pathname, own.pathname);
}

function samePath(a: string, b: string): boolean {
  try {
    return decodeURIComponent(a) === decodeURIComponent(b);
  } catch {
    return false;
  }
}
