import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPrinters, deviceRows, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';
import { forcedCall, handshakeStatus, openSignedIn, sectionNames, showSection, switchLanguage } from './console-access';

// This file's printers: 127.88.0.1 …
const BASE_ADDRESS = '127.88.0.1';
const FLEET_SIZE = 3;
const VERA = { name: 'vera', password: 'vera-viewer-password' };
const OTTO = { name: 'otto', password: 'otto-operator-password' };
const HANK = { name: 'hank', displayName: 'Hank Hill', password: 'hank-help-desk-password' };
const LOU = { name: 'lou', password: 'lou-locked-out-password' };
const HELP_DESK = 'Help desk';

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let browser: Browser;
/** The administrator's page (signed in by a one-time link). */
let page: Page;
let viewersId: number;
let operatorsId: number;
const extra: BrowserContext[] = [];

beforeAll(async () => {
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 8), baseAddress: BASE_ADDRESS });
  ({ rig, page, browser } = session);
  const { groups } = await rig.api.accounts.listGroups({});
  viewersId = groups.find((g) => g.builtin === 'viewer')?.id ?? -1;
  operatorsId = groups.find((g) => g.builtin === 'operator')?.id ?? -1;
  await waitUntil(() => deviceRows(page).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
}, 120_000);

afterEach(async () => {
  for (const context of extra.splice(0)) await context.close();
});

afterAll(() => closeConsoleSession(session));

async function signedIn(userName: string, password: string): Promise<Page> {
  const opened = await openSignedIn(browser, rig, userName, password);
  extra.push(opened.context);
  return opened.page;
}

/** Opens Settings → tab (and a sub-tab of Accounts) on the administrator's page. */
async function openSettings(target: Page, tab: string, accountsTab?: string): Promise<void> {
  await showSection(target, 'Settings');
  await target.getByTestId('settings-page').getByRole('tab', { name: tab, exact: true }).click();
  if (accountsTab) await target.getByTestId('accounts-panel').getByRole('tab', { name: accountsTab, exact: true }).click();
}

/** Closes the notices in the corner (they would cover the screenshot). */
async function dismissNotices(target: Page): Promise<void> {
  const notices = target.getByTestId('notice');
  while ((await notices.count()) > 0) await notices.first().getByRole('button', { name: /^(Close|閉じる)$/ }).click();
}

async function at1280(target: Page, name: string): Promise<void> {
  await dismissNotices(target);
  await target.setViewportSize({ width: 1280, height: 720 });
  await saveScreenshot(target, name);
  await target.setViewportSize({ width: 1440, height: 900 });
}

/** Picks an option of a Mantine Select: opens it, types to filter, clicks the option. */
async function pick(target: Page, field: Locator, search: string, option: string | RegExp): Promise<void> {
  await field.click();
  await field.fill(search);
  await target.getByRole('option', { name: option }).click();
}

/** A failure's screenshot; the page may be gone already (its context closed). */
async function saveScreenshotIfOpen(target: Page, name: string): Promise<void> {
  await saveScreenshot(target, name).catch(() => undefined);
}

const buttonCount = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true }).count();

describe('what a user may do follows their groups', () => {
  it('shows a viewer no Remove, Add or Search devices and no Settings; a forced call is refused with a message', async () => {
    await rig.api.accounts.createUser({ name: VERA.name, displayName: 'Vera Viewer', password: VERA.password, groupIds: [viewersId], mustChangePassword: false });
    const vera = await signedIn(VERA.name, VERA.password);
    onTestFailed(() => saveScreenshotIfOpen(vera, 'failed-viewer'));
    await waitUntil(() => deviceRows(vera).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    // A viewer views the address book plug-in's books too (its section comes once plugins.list answered).
    const veraSections = await waitUntil(() => sectionNames(vera), (names) => names.includes('Address books'), UI_TIMEOUT_MS);
    expect(veraSections.value).toEqual(['Devices', 'Tasks', 'Monitoring', 'Address books', 'Drivers']);
    for (const hidden of ['Remove', 'Add device', 'Search devices', 'Refresh selected', 'Add to group', 'New static group']) {
      expect(await buttonCount(vera, hidden), `"${hidden}" is hidden from a viewer`).toBe(0);
    }
    const first = deviceRows(vera).first();
    const id = Number(await first.getAttribute('data-device-id'));
    await first.dblclick();
    const detail = vera.getByTestId('device-detail');
    await detail.waitFor();
    expect(await buttonCount(detail, 'Rename device')).toBe(0);
    expect(await buttonCount(detail, 'Refresh now')).toBe(0);
    await at1280(vera, 'viewer-devices-en');

    await showSection(vera, 'Tasks');
    await vera.getByTestId('tasks-page').waitFor();
    expect(await buttonCount(vera, 'New task')).toBe(0);
    await showSection(vera, 'Monitoring');
    await vera.getByTestId('monitoring-page').waitFor();
    expect(await buttonCount(vera, 'New condition')).toBe(0);

    // Past the UI: the server refuses, says why, and nothing is removed.
    const reply = await forcedCall(vera, 'devices.remove', { ids: [id] });
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('forbidden');
    expect(reply.error?.message).toContain('You may not do this: devices.remove needs "deviceManagement: change"');
    expect((await rig.api.devices.list({})).devices).toHaveLength(FLEET_SIZE);
  });

  it('shows the server’s message when a right is taken while its dialog is open', async () => {
    const otto = (await rig.api.accounts.createUser({ name: OTTO.name, displayName: 'Otto Operator', password: OTTO.password, groupIds: [operatorsId], mustChangePassword: false })).id;
    const page2 = await signedIn(OTTO.name, OTTO.password);
    onTestFailed(() => saveScreenshotIfOpen(page2, 'failed-right-taken'));
    await waitUntil(() => deviceRows(page2).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    const ottoSections = await waitUntil(() => sectionNames(page2), (names) => names.includes('Address books'), UI_TIMEOUT_MS);
    expect(ottoSections.value, 'an operator has no Settings').toEqual(['Devices', 'Tasks', 'Monitoring', 'Address books', 'Drivers']);
    await page2.getByRole('button', { name: 'Add device', exact: true }).click();
    const dialog = page2.getByRole('dialog', { name: 'Add a device' });
    await dialog.waitFor();

    await rig.api.accounts.updateUser({ id: otto, groupIds: [viewersId] });
    await expect.poll(() => buttonCount(page2, 'Remove'), { timeout: UI_TIMEOUT_MS }).toBe(0);
    await dialog.getByRole('textbox', { name: 'Address' }).fill('127.88.9.9');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByText(/You may not do this: devices\.add needs "deviceManagement: change"/).waitFor();
    await at1280(page2, 'refused-in-dialog-en');
  });

  it('lets an administrator define a group on the function matrix and add a user to it, whose console then matches the matrix', async () => {
    onTestFailed(() => saveScreenshotIfOpen(page, 'failed-custom-group'));
    await openSettings(page, 'Accounts', 'User groups');
    await page.getByTestId('group-overview').waitFor();
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user group' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(HELP_DESK);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Floor 3: devices and the log, no settings');
    for (const grant of ['Device list: View', 'Device management: Change', 'Tasks: View', 'System log: View']) await dialog.getByRole('radio', { name: grant }).check();
    expect(await dialog.getByRole('radio', { name: 'Device list: Change' }).count(), 'a view-only function offers no change').toBe(0);
    await at1280(page, 'accounts-group-matrix-en');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.waitFor({ state: 'detached' });
    const grant = (fn: string) => page.locator(`[data-testid="group-grant"][data-group-name="${HELP_DESK}"][data-function="${fn}"]`).getAttribute('data-level');
    await expect.poll(() => grant('deviceManagement'), { timeout: UI_TIMEOUT_MS }).toBe('change');
    expect(await grant('deviceSearch')).toBe('none');
    expect(await grant('systemLog')).toBe('view');
    await at1280(page, 'accounts-groups-en');

    await page.getByTestId('accounts-panel').getByRole('tab', { name: 'Users', exact: true }).click();
    await page.getByTestId('accounts-panel').getByRole('button', { name: 'Add user' }).click();
    const add = page.getByRole('dialog', { name: 'Add a user' });
    await add.getByRole('textbox', { name: 'User name' }).fill(HANK.name);
    await add.getByRole('textbox', { name: 'Display name' }).fill(HANK.displayName);
    await add.getByLabel('Initial password').fill(HANK.password);
    await add.getByRole('checkbox', { name: 'Must choose a new password at first sign-in' }).uncheck();
    await add.getByRole('checkbox', { name: HELP_DESK }).check();
    await add.getByRole('button', { name: 'Add user' }).click();
    await add.waitFor({ state: 'detached' });
    await page.locator(`[data-testid="account-user-row"][data-user-name="${HANK.name}"]`).waitFor();
    await at1280(page, 'accounts-users-en');

    const hank = await signedIn(HANK.name, HANK.password);
    onTestFailed(() => saveScreenshotIfOpen(hank, 'failed-custom-group-user'));
    await waitUntil(() => deviceRows(hank).count(), (n) => n === FLEET_SIZE, UI_TIMEOUT_MS);
    expect(await sectionNames(hank), 'sections of the matrix: no Monitoring').toEqual(['Devices', 'Tasks', 'Settings']);
    expect(await buttonCount(hank, 'Add device'), 'device management: change').toBe(1);
    expect(await buttonCount(hank, 'Remove')).toBe(1);
    expect(await buttonCount(hank, 'Search devices'), 'device search: none').toBe(0);
    await at1280(hank, 'custom-group-devices-en');
    await showSection(hank, 'Tasks');
    await hank.getByTestId('tasks-page').waitFor();
    expect(await buttonCount(hank, 'New task'), 'tasks: view').toBe(0);
    await showSection(hank, 'Settings');
    expect(await hank.getByTestId('settings-page').getByRole('tab').allTextContents(), 'only the system log of Settings').toEqual(['System log']);
    await hank.getByTestId('system-log').waitFor();
    expect(await hank.getByTestId('audit-retention').getByRole('button', { name: 'Save' }).count(), 'system log: view, no retention change').toBe(0);
  });

  it('creates an API token shown once, which a script can use until it is revoked', async () => {
    onTestFailed(() => saveScreenshotIfOpen(page, 'failed-tokens'));
    await openSettings(page, 'Accounts', 'API tokens');
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New API token' });
    await pick(page, dialog.getByRole('combobox', { name: 'User' }), HANK.name, /^hank/);
    await dialog.getByRole('textbox', { name: 'Name' }).fill('inventory export');
    await dialog.getByRole('textbox', { name: 'Expires after (days)' }).fill('30');
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^pdt_[\w-]{20,}$/);
    await at1280(page, 'accounts-token-secret-en');
    await page.getByRole('dialog', { name: 'Token inventory export created' }).getByRole('button', { name: 'Done' }).click();
    const row = page.getByTestId('api-token-row').filter({ hasText: 'inventory export' });
    await expect.poll(() => row.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('active');
    expect(await handshakeStatus(rig, { bearer: secret }), 'a script with the token is let in').toBe(101);

    await page.getByRole('button', { name: 'Revoke token inventory export' }).click();
    await page.getByRole('dialog', { name: 'Revoke API token' }).getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('revoked');
    expect(await handshakeStatus(rig, { bearer: secret }), 'a revoked token opens nothing').toBe(401);
    await at1280(page, 'accounts-tokens-en');
    await page.getByTestId('accounts-panel').getByRole('tab', { name: 'Sign-in settings', exact: true }).click();
    await page.getByTestId('account-settings').waitFor();
    await at1280(page, 'accounts-settings-en');
  });

  it('lists these actions in the system log, filters them and exports them', async () => {
    onTestFailed(() => saveScreenshotIfOpen(page, 'failed-system-log'));
    await openSettings(page, 'System log');
    const rows = page.getByTestId('audit-row');
    const seen = () => rows.evaluateAll((all) => all.map((r) => `${r.getAttribute('data-user')} ${r.getAttribute('data-action')} ${r.getAttribute('data-outcome')}`));
    const wanted = [
      'admin accounts.createGroup ok',
      'admin accounts.createUser ok',
      'admin accounts.createToken ok',
      'admin accounts.revokeToken ok',
      'vera auth.signIn ok',
      'hank auth.signIn ok',
      'vera devices.remove refused',
      'otto devices.add refused',
    ];
    const listed = await waitUntil(seen, (lines) => wanted.every((w) => lines.includes(w)), UI_TIMEOUT_MS);
    expect(wanted.filter((w) => !listed.value.includes(w)), `rows: ${listed.value.join(' | ')}`).toEqual([]);
    await at1280(page, 'system-log-en');

    const log = page.getByTestId('system-log');
    const outcome = log.getByRole('combobox', { name: 'Outcome' });
    await outcome.click();
    await page.getByRole('option', { name: 'Refused' }).click();
    const refused = await waitUntil(seen, (lines) => lines.length > 0 && lines.every((l) => l.endsWith(' refused')), UI_TIMEOUT_MS);
    expect(refused.value).toEqual(expect.arrayContaining(['vera devices.remove refused', 'otto devices.add refused']));
    expect(refused.ok, `rows: ${refused.value.join(' | ')}`).toBe(true);

    await log.getByRole('button', { name: 'Clear' }).click();
    await log.getByRole('textbox', { name: 'User' }).fill(VERA.name);
    const byVera = await waitUntil(seen, (lines) => lines.length > 0 && lines.every((l) => l.startsWith('vera ')), UI_TIMEOUT_MS);
    expect(byVera.ok, `rows: ${byVera.value.join(' | ')}`).toBe(true);

    await log.getByRole('button', { name: 'Clear' }).click();
    await log.getByRole('textbox', { name: 'Action' }).fill('accounts.createGroup');
    const created = await waitUntil(seen, (lines) => lines.length === 1, UI_TIMEOUT_MS);
    expect(created.value).toEqual(['admin accounts.createGroup ok']);
    await rows.first().getByRole('button', { name: 'Show details' }).click();
    const detail = (await page.getByTestId('audit-detail').textContent()) ?? '';
    expect(detail).toContain('"name": "Help desk"');
    expect(detail).toContain('Method: accounts.createGroup');

    const [download] = await Promise.all([page.waitForEvent('download'), log.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^printdeck-system-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv).toContain('accounts.createGroup');
    expect(csv).not.toContain('auth.signIn');
    await log.getByRole('button', { name: 'Clear' }).click();
  });

  it('shows a user locked after failed sign-ins, and an administrator unlocks them', async () => {
    onTestFailed(() => saveScreenshotIfOpen(page, 'failed-unlock'));
    const accountSettings = await rig.api.accounts.getSettings({});
    await rig.api.accounts.createUser({ name: LOU.name, displayName: 'Lou Locked', password: LOU.password, groupIds: [viewersId], mustChangePassword: false });
    for (let i = 0; i < accountSettings.lockoutAttempts; i++) expect(await signInOverHttp(LOU.name, 'not-lous-password')).toBe(401);
    expect(await signInOverHttp(LOU.name, LOU.password), 'locked: even the right password is refused').toBe(401);

    await openSettings(page, 'Accounts', 'Users');
    const row = page.locator(`[data-testid="account-user-row"][data-user-name="${LOU.name}"]`);
    await row.getByTestId('user-locked').waitFor();
    await at1280(page, 'accounts-user-locked-en');
    await row.getByRole('button', { name: `Actions for ${LOU.name}` }).click();
    await page.getByRole('menuitem', { name: 'Unlock' }).click();
    await expect.poll(() => row.getByTestId('user-locked').count(), { timeout: UI_TIMEOUT_MS }).toBe(0);
    expect(await signInOverHttp(LOU.name, LOU.password), 'unlocked').toBe(200);
  });

  it('reads the same in Japanese at 1280×720: accounts, the matrix, tokens and the system log', async () => {
    onTestFailed(() => saveScreenshotIfOpen(page, 'failed-japanese'));
    await dismissNotices(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      await switchLanguage(page, '日本語');
      await showSection(page, '設定');
      const settings = page.getByTestId('settings-page');
      await settings.getByRole('tab', { name: 'アカウント', exact: true }).click();
      const accounts = page.getByTestId('accounts-panel');
      await accounts.getByRole('tab', { name: 'ユーザー', exact: true }).click();
      await page.locator(`[data-testid="account-user-row"][data-user-name="${HANK.name}"]`).waitFor();
      await saveScreenshot(page, 'accounts-users-ja');
      await accounts.getByRole('tab', { name: 'ユーザーグループ', exact: true }).click();
      await page.getByTestId('group-overview').waitFor();
      await saveScreenshot(page, 'accounts-groups-ja');
      await page.getByRole('button', { name: `グループ ${HELP_DESK} を編集` }).click();
      await page.getByTestId('permission-matrix').waitFor();
      await saveScreenshot(page, 'accounts-group-matrix-ja');
      await page.getByRole('button', { name: 'キャンセル' }).click();
      await accounts.getByRole('tab', { name: 'API トークン', exact: true }).click();
      await page.getByTestId('api-token-row').first().waitFor();
      await saveScreenshot(page, 'accounts-tokens-ja');
      await accounts.getByRole('tab', { name: 'サインイン設定', exact: true }).click();
      await page.getByTestId('account-settings').waitFor();
      await saveScreenshot(page, 'accounts-settings-ja');
      await settings.getByRole('tab', { name: 'システムログ', exact: true }).click();
      await page.getByTestId('audit-row').first().waitFor();
      await saveScreenshot(page, 'system-log-ja');
      await showSection(page, 'デバイス');
      await saveScreenshot(page, 'devices-header-ja');
    } finally {
      await switchLanguage(page, 'English');
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});

/** The status of a sign-in through the web endpoint, as the sign-in page sends it. */
async function signInOverHttp(userName: string, password: string): Promise<number> {
  const response = await fetch(new URL('/auth/sign-in', rig.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(rig.url).origin },
    body: JSON.stringify({ userName, password }),
  });
  await response.arrayBuffer();
  return response.status;
}
