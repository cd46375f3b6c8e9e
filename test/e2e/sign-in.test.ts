import type { Browser, BrowserContext, Page, WebSocket as PageSocket } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPrinters, deviceRows, E2E_ADMIN_PASSWORD, openConsole, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';
import { handshakeStatus, openSignedIn, sessionCookieHeader, signInThroughPage, switchLanguage } from './console-access';

// This file's printers: 127.84.0.1 …
const BASE_ADDRESS = '127.84.0.1';
const FLEET_SIZE = 3;
/** The server's one text for every refused sign-in (ASVS 16.5.1). */
const SIGN_IN_FAILED = 'Sign-in failed: the user name or password is wrong, or the account is locked or disabled.';
const CAROL = { name: 'carol', displayName: 'Carol Chen', initial: 'one-time-pass-1', chosen: 'carols-own-password-2' };

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let browser: Browser;
let page: Page;
let viewersId: number;
let carolId: number;
/** Contexts a test opened besides the session's; closed after it. */
const extra: BrowserContext[] = [];

beforeAll(async () => {
  // The bare address: what someone gets who only knows where the console is.
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 6), baseAddress: BASE_ADDRESS }, (started) => started.url);
  ({ rig, page, browser } = session);
  const { groups } = await rig.api.accounts.listGroups({});
  viewersId = groups.find((g) => g.builtin === 'viewer')?.id ?? -1;
  carolId = (await rig.api.accounts.createUser({ name: CAROL.name, displayName: CAROL.displayName, password: CAROL.initial, groupIds: [viewersId], mustChangePassword: true })).id;
}, 120_000);

afterEach(async () => {
  for (const context of extra.splice(0)) await context.close();
});

afterAll(() => closeConsoleSession(session));

async function fresh(url = rig.url): Promise<Page> {
  const opened = await openConsole(browser, url);
  extra.push(opened.context);
  return opened.page;
}

describe('signing in to the console', () => {
  it('shows only the sign-in page without a session: no API socket is opened, and the API refuses a handshake without a session', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-sign-in-page').then(() => undefined));
    const sockets: string[] = [];
    page.on('websocket', (socket: PageSocket) => void sockets.push(socket.url()));
    await page.reload();
    await page.getByTestId('sign-in-page').waitFor();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await deviceRows(page).count()).toBe(0);
    expect(page.url(), 'no secret in the address').toBe(rig.url);
    expect(sockets, 'the page opened no API socket before signing in').toEqual([]);
    expect(await handshakeStatus(rig), 'handshake without a session').toBe(401);
    expect(await handshakeStatus(rig, { cookie: 'printdeck-session=0123456789abcdef0123456789abcdef' }), 'handshake with a made-up session').toBe(401);

    await page.setViewportSize({ width: 1280, height: 720 });
    await saveScreenshot(page, 'sign-in-en');
    await switchLanguage(page, '日本語');
    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    await saveScreenshot(page, 'sign-in-ja');
    await switchLanguage(page, 'English');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('answers a wrong password with the one generic message, then signs the administrator in to the device list', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-sign-in').then(() => undefined));
    await signInThroughPage(page, 'admin', 'not-the-password');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent(), { timeout: UI_TIMEOUT_MS }).toBe(SIGN_IN_FAILED);
    await signInThroughPage(page, 'nobody', 'whatever');
    await expect.poll(() => page.getByTestId('sign-in-error').textContent(), { timeout: UI_TIMEOUT_MS }).toBe(SIGN_IN_FAILED);
    expect(await deviceRows(page).count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 720 });
    await saveScreenshot(page, 'sign-in-failed-en');
    await page.setViewportSize({ width: 1440, height: 900 });

    await signInThroughPage(page, 'admin', E2E_ADMIN_PASSWORD);
    const shown = await waitUntil(() => deviceRows(page).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    expect(shown.value, 'rows after signing in').toBe(FLEET_SIZE);
    expect(await page.getByTestId('user-menu').textContent()).toContain('Administrator');
    expect(await sessionCookieHeader(page.context())).not.toBeNull();

    // A reload keeps the session (the cookie), and goes straight to the list.
    await page.reload();
    await waitUntil(() => deviceRows(page).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    expect(await page.getByTestId('sign-in-page').count()).toBe(0);
  });

  it('makes a user with a one-time password choose their own before anything else', async () => {
    const carol = await fresh();
    onTestFailed(() => saveScreenshot(carol, 'failed-change-password').then(() => undefined));
    await signInThroughPage(carol, CAROL.name, CAROL.initial);
    const screen = carol.getByTestId('change-password-screen');
    await screen.waitFor();
    expect(await deviceRows(carol).count(), 'no console before the password is changed').toBe(0);
    expect(await carol.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    await carol.setViewportSize({ width: 1280, height: 720 });
    await saveScreenshot(carol, 'change-password-en');
    await switchLanguage(carol, '日本語');
    await carol.getByRole('heading', { name: '新しいパスワードを設定' }).waitFor();
    await saveScreenshot(carol, 'change-password-ja');
    await switchLanguage(carol, 'English');

    const current = screen.getByLabel('Current password');
    const next = screen.getByLabel('New password', { exact: true });
    const repeat = screen.getByLabel('Repeat the new password');
    const submit = screen.getByRole('button', { name: 'Change password' });
    await current.fill('wrong-current');
    await next.fill(CAROL.chosen);
    await repeat.fill(CAROL.chosen);
    await submit.click();
    await screen.getByText('The current password is wrong.').waitFor();

    await current.fill(CAROL.initial);
    await next.fill('short');
    await repeat.fill('short');
    await submit.click();
    await screen.getByText(/The password must have at least \d+ characters\./).waitFor();

    await next.fill(CAROL.chosen);
    await repeat.fill(`${CAROL.chosen}x`);
    await submit.click();
    await screen.getByText('The two new passwords differ.').waitFor();
    await saveScreenshot(carol, 'change-password-problems-en');

    await repeat.fill(CAROL.chosen);
    await submit.click();
    await waitUntil(() => deviceRows(carol).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    expect(await carol.getByTestId('change-password-screen').count()).toBe(0);
    expect(await carol.getByTestId('user-menu').textContent()).toContain(CAROL.displayName);
    const stored = (await rig.api.accounts.listUsers({})).users.find((u) => u.name === CAROL.name);
    expect(stored?.mustChangePassword).toBe(false);
  });

  it('signs out from the user menu: the sign-in page says so, and the old cookie opens nothing', async () => {
    const { context, page: carol } = await openSignedIn(browser, rig, CAROL.name, CAROL.chosen);
    extra.push(context);
    onTestFailed(() => saveScreenshot(carol, 'failed-sign-out').then(() => undefined));
    await waitUntil(() => deviceRows(carol).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    const cookie = await sessionCookieHeader(context);
    expect(cookie).not.toBeNull();
    expect(await handshakeStatus(rig, { cookie }), 'the session opens the API').toBe(101);

    await carol.getByTestId('user-menu').click();
    await carol.getByRole('menuitem', { name: 'Sign out' }).click();
    await carol.getByTestId('sign-in-page').waitFor();
    expect(await carol.getByTestId('sign-in-notice').getAttribute('data-notice')).toBe('signedOut');
    expect(await deviceRows(carol).count()).toBe(0);
    expect(await handshakeStatus(rig, { cookie }), 'the ended session opens nothing').toBe(401);
  });

  it('returns to the sign-in page with "your session ended" when an administrator resets the password', async () => {
    const { context, page: carol } = await openSignedIn(browser, rig, CAROL.name, CAROL.chosen);
    extra.push(context);
    onTestFailed(() => saveScreenshot(carol, 'failed-session-ended').then(() => undefined));
    await waitUntil(() => deviceRows(carol).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);

    await rig.api.accounts.resetPassword({ id: carolId, password: 'reset-by-the-admin-3', mustChangePassword: true });
    await carol.getByTestId('sign-in-page').waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await carol.getByTestId('sign-in-notice').getAttribute('data-notice')).toBe('ended');
    expect(await carol.getByTestId('sign-in-notice').textContent()).toBe('Your session ended. Sign in again to continue.');
    await saveScreenshot(carol, 'session-ended-en');
  });

  it('says a one-time sign-in link was already used, and keeps no code in the address', async () => {
    const link = rig.signInUrl();
    const first = await fresh(link);
    await waitUntil(() => deviceRows(first).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    // The code left the address bar; the section's own address (#/devices) may follow.
    expect(first.url().replace(/#.*$/, ''), 'the code left the address bar').toBe(rig.url);

    const second = await fresh(link);
    onTestFailed(() => saveScreenshot(second, 'failed-link-expired').then(() => undefined));
    await second.getByTestId('sign-in-page').waitFor();
    expect(await second.getByTestId('sign-in-notice').getAttribute('data-notice')).toBe('linkExpired');
    expect(second.url(), '?link=expired is taken out of the address').toBe(rig.url);
  });
});
