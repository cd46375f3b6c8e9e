/**
 * Why the sign-in page shows: a session that ended (signed out elsewhere, idle, password
 * changed), a one-time link that was used or expired (the server redirects to /?link=expired),
 * or one's own sign-out. Pure, so the address handling is tested without a browser.
 */
export const SIGN_IN_NOTICES = ['ended', 'linkExpired', 'signedOut'] as const;
export type SignInNotice = (typeof SIGN_IN_NOTICES)[number];

/** The notice the address carries, and the query string without it ('' when nothing is left). */
export function noticeFromAddress(search: string): { notice: SignInNotice | null; search: string } {
  const params = new URLSearchParams(search);
  const link = params.get('link');
  if (link === null) return { notice: null, search };
  params.delete('link');
  const rest = params.toString();
  return { notice: link === 'expired' ? 'linkExpired' : null, search: rest ? `?${rest}` : '' };
}
