/**
 * Where the headless server's API answers. The browser's session cookie (HttpOnly, set by the
 * sign-in page's POST) authorises the socket: nothing secret goes into the address.
 */

/** The API WebSocket URL of the server that served the page (ws: or wss: like the page). */
export function apiWebSocketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api`;
}
