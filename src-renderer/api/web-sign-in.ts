import { serverText } from '../i18n/server-text';

/**
 * The web sign-in of `printdeck serve` over plain HTTP (a WebSocket cannot set cookies):
 * GET /auth/session says whether this browser has a session, POST /auth/sign-in opens one
 * (an HttpOnly cookie the page never sees), POST /auth/sign-out ends it. The fetch function is
 * passed in, so the rules are tested without a browser.
 */

export const WEB_AUTH_PATHS = { session: '/auth/session', signIn: '/auth/sign-in', signOut: '/auth/sign-out' } as const;

/** The part of a fetch Response used here. */
export interface HttpReply {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  credentials: 'same-origin';
  cache: 'no-store';
}

/** window.fetch, narrowed to what the sign-in needs. */
export type HttpFetch = (url: string, init: HttpRequest) => Promise<HttpReply>;

/** A sign-in the server refused: its HTTP status and the message it gave (one text for every reason). */
export type WebSignInOutcome = { ok: true } | { ok: false; status: number; message: string };

/** Whether this browser holds a live session. Rejects when the server cannot be reached or answers oddly. */
export async function fetchSignedIn(fetch: HttpFetch): Promise<boolean> {
  const reply = await fetch(WEB_AUTH_PATHS.session, { method: 'GET', credentials: 'same-origin', cache: 'no-store' });
  if (!reply.ok) throw new Error(`the Printdeck server answered ${reply.status} to ${WEB_AUTH_PATHS.session}`);
  const body = await reply.json();
  return isRecord(body) && body.signedIn === true;
}

/** Signs in with a user name and password; a refusal carries the server's message. Rejects only when the server cannot be reached. */
export async function signInOverHttp(fetch: HttpFetch, userName: string, password: string): Promise<WebSignInOutcome> {
  const reply = await fetch(WEB_AUTH_PATHS.signIn, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userName, password }),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (reply.ok) return { ok: true };
  return { ok: false, status: reply.status, message: await messageOf(reply) };
}

/** Ends this browser's session (the server clears the cookie). Rejects when the server cannot be reached or refuses. */
export async function signOutOverHttp(fetch: HttpFetch): Promise<void> {
  const reply = await fetch(WEB_AUTH_PATHS.signOut, { method: 'POST', credentials: 'same-origin', cache: 'no-store' });
  if (!reply.ok) throw new Error(await messageOf(reply));
}

async function messageOf(reply: HttpReply): Promise<string> {
  try {
    const body = await reply.json();
    // A worded refusal (sign-in failed) in the UI language; other messages as the server wrote them.
    if (isRecord(body) && typeof body.message === 'string' && body.message.trim() !== '') return serverText(body);
  } catch {
    // Not JSON: the status says enough.
  }
  return `the Printdeck server answered ${reply.status}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
