import type { Browser, BrowserContext, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { openConsole, UI_TIMEOUT_MS, type ConsoleRig } from './console-harness';

/**
 * What the sign-in and access-control e2e tests share: signing in through the page, the
 * sections and the language switch, and the API socket as a script (or a forced call) sees it.
 */

/** The header's navigation, by its label in either language. */
export const SECTIONS_NAV = /^(Sections|セクション)$/;

/** Fills the sign-in page and submits it (the page must show it). */
export async function signInThroughPage(page: Page, userName: string, password: string): Promise<void> {
  const form = page.getByTestId('sign-in-page');
  await form.waitFor();
  await form.getByLabel('User name').fill(userName);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** A fresh browser context at the console's address (no session), signed in as `userName`; resolves when the sign-in page is gone. */
export async function openSignedIn(browser: Browser, rig: ConsoleRig, userName: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await openConsole(browser, rig.url);
  await signInThroughPage(page, userName, password);
  await page.getByTestId('sign-in-page').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  return { context, page };
}

/** The names of the section buttons in the header, in order. */
export async function sectionNames(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: SECTIONS_NAV }).getByRole('button').allTextContents();
}

export async function showSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: SECTIONS_NAV }).getByRole('button', { name, exact: true }).click();
}

/** Switches the UI language with the English / 日本語 control. */
export async function switchLanguage(page: Page, language: 'English' | '日本語'): Promise<void> {
  await page.locator('label', { hasText: language }).first().click();
  const wanted = language === 'English' ? 'en' : 'ja';
  const started = Date.now();
  while ((await page.locator('html').getAttribute('lang')) !== wanted) {
    if (Date.now() - started > UI_TIMEOUT_MS) throw new Error(`the page did not switch to ${wanted}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The status of a WebSocket handshake to /api as a script sees it: with a Cookie header, an API token (Bearer), or nothing. */
export function handshakeStatus(rig: ConsoleRig, credential: { cookie?: string | null; bearer?: string } = {}): Promise<number> {
  const headers: Record<string, string> = {};
  if (credential.cookie) headers.Cookie = credential.cookie;
  if (credential.bearer) headers.Authorization = `Bearer ${credential.bearer}`;
  return new Promise((resolve, reject) => {
    const origin = `http://127.0.0.1:${rig.server.port}`;
    const socket = new WebSocket(`ws://127.0.0.1:${rig.server.port}/api`, { origin, headers });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no answer to the /api handshake within 5 s'));
    }, 5_000);
    socket.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      clearTimeout(timer);
      resolve(101);
      socket.close();
    });
    socket.on('error', () => undefined);
  });
}

/** The page's session cookie as a Cookie header (HttpOnly: the page's scripts never see it, the browser context does). */
export async function sessionCookieHeader(context: BrowserContext): Promise<string | null> {
  const cookie = (await context.cookies()).find((c) => c.name.includes('printdeck-session-'));
  return cookie ? `${cookie.name}=${cookie.value}` : null;
}

/** What a forced call answers. */
export interface ForcedReply {
  ok: boolean;
  error?: { code: string; message: string };
}

/**
 * A call the UI does not offer, sent from inside the page over a raw WebSocket to /api (the
 * browser adds the session cookie): what a user who bypasses the UI gets. Resolves with the reply envelope.
 */
export async function forcedCall(page: Page, method: string, params: unknown): Promise<ForcedReply> {
  // A script text, run in the page (the tests' TypeScript has no DOM types).
  const script = `new Promise((resolve, reject) => {
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss' : 'ws') + '://' + location.host + '/api');
    socket.onopen = () => socket.send(JSON.stringify({ kind: 'request', id: 1, method: ${JSON.stringify(method)}, params: ${JSON.stringify(params)} }));
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data));
      if (message.kind !== 'response' || message.id !== 1) return;
      socket.close();
      resolve(message.reply);
    };
    socket.onerror = () => reject(new Error('the forced call could not open the API socket'));
  })`;
  return (await page.evaluate(script)) as ForcedReply;
}
