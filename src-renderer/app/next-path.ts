/**
 * Where to go after signing in: the console sends a browser without a session from a plug-in's
 * own page (the drivers' pull page) to "/?next=<that path>". Only a same-origin path of a
 * plug-in is followed — never another site ("//evil.example", "https://…", "/\\evil"), never a
 * path that leaves /plugins/ through "..", never a javascript: address — so the link cannot be
 * used to send a person elsewhere after they signed in. Pure: tested without a browser.
 */
const ORIGIN = 'http://printdeck.invalid';

export function safeNextPath(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  if (next === null || next.length > 2_000) return null;
  if (!next.startsWith('/plugins/') || next.includes('\\') || next.includes('//')) return null;
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== ORIGIN || !url.pathname.startsWith('/plugins/')) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
