/**
 * The access token of the headless server: `printdeck serve` prints a URL with ?token=…; the
 * token is remembered for the tab (sessionStorage) so a reload keeps working, and is taken out
 * of the address bar so it does not end up in screenshots or bookmarks.
 */

export const TOKEN_STORAGE_KEY = 'printdeck.token';

/** The part of sessionStorage used (declared here so that tests need no DOM typings). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The token from the query string (then remembered), else the remembered one, else null. Never throws. */
export function resolveAccessToken(search: string, storage: TokenStorage | null): string | null {
  const fromUrl = new URLSearchParams(search).get('token')?.trim();
  if (fromUrl) {
    rememberAccessToken(fromUrl, storage);
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

/** Remembers (or, for null, forgets) the token for this tab; storage errors are ignored. */
export function rememberAccessToken(token: string | null, storage: TokenStorage | null): void {
  try {
    if (token) storage?.setItem(TOKEN_STORAGE_KEY, token);
    else storage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // Private modes may refuse storage: the token then lasts until the page is reloaded.
  }
}

/** The query string without its token parameter ('' when nothing is left). */
export function searchWithoutToken(search: string): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** The API WebSocket URL of the server that served the page (ws: or wss: like the page). */
export function apiWebSocketUrl(location: { protocol: string; host: string }, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/api${query}`;
}
