import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import { buildDemoFleet, loadDemoProfiles } from '../../src-main/simulator/demo-fleet';
import type { SimulatedDeviceSpec } from '../../src-main/simulator/simulator';
import { rowOf, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { showSection, switchLanguage } from './console-access';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * Device settings in the console (issue 10): the wizard from a static group of three simulated
 * printers of three vendors, the support matrix with an item two of them do not take, write
 * credentials set once for the three and "Test authentication", per-item results, the new
 * location in the list, a delivery scheduled a few seconds ahead, acquired values copied to a
 * new delivery, and IP address pools. Screens at 1280×720 in English and Japanese.
 */

// This file's printers: 127.89.0.1 … (the device settings UI's range is 127.89.0.0/16).
const BASE_ADDRESS = '127.89.0.1';
/** The group's printers: Brother takes the location and the DNS server; Kyocera and Canon only the location. */
const GROUP_PROFILES = ['brother-mono-mfp', 'kyocera-mono', 'canon-color-mfp'] as const;
/** Outside the group: for the toolbar's selection. */
const OTHER_PROFILE = 'hp-color-laser';
const WRITE_COMMUNITY = 'private';
const LOCATION = 'Floor 3, east';
const DNS_SERVER = '10.0.0.53';
/** A delivery to three loopback printers ends well within this. */
const RUN_TIMEOUT_MS = 30_000;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
/** Device ids by demo profile. */
const ids = new Map<string, number>();
let groupId = 0;

function healthyPrinter(profile: string): SimulatedDeviceSpec {
  const found = loadDemoProfiles().find((p) => p.name === profile);
  if (!found) throw new Error(`no demo profile ${profile}`);
  const [spec] = buildDemoFleet(1, 23, [found]);
  if (!spec) throw new Error(`no printer built from ${profile}`);
  const { faults: _faults, ...healthy } = spec;
  // A short reboot: the reboot test waits for the device to answer again.
  return { ...healthy, name: profile, rebootMs: 500 };
}

function idOf(profile: string): number {
  const id = ids.get(profile);
  if (id === undefined) throw new Error(`no device of ${profile}`);
  return id;
}

beforeAll(async () => {
  session = await startConsoleSession({ printers: [...GROUP_PROFILES, OTHER_PROFILE].map(healthyPrinter), baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
  const { devices } = await rig.api.devices.list({});
  for (const printer of rig.simulator?.devices ?? []) {
    const device = devices.find((d) => d.address === printer.address && d.port === printer.port);
    if (device) ids.set(printer.name, device.id);
  }
  expect(ids.size, 'every printer was read').toBe(GROUP_PROFILES.length + 1);
  const group = await rig.api.groups.create({ name: 'Floor 3', kind: 'static' });
  await rig.api.groups.addDevices({ id: group.id, deviceIds: GROUP_PROFILES.map(idOf) });
  groupId = group.id;
  await page.setViewportSize({ width: 1280, height: 720 });
  await rowOf(page, idOf(OTHER_PROFILE)).waitFor();
}, 120_000);

afterAll(() => closeConsoleSession(session));

function wizardOf(name = 'Device settings'): Locator {
  return page.getByRole('dialog', { name });
}

/** Opens the settings wizard from a group's menu (its labels in the language shown). */
async function openFromGroup(actions: string, item: string, title = 'Device settings'): Promise<Locator> {
  await page.getByRole('button', { name: actions }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const wizard = wizardOf(title);
  await wizard.waitFor();
  return wizard;
}

/** The device rows of the support matrix, by device id: what they take and skip, and whether credentials are stored. */
async function supportRows(wizard: Locator): Promise<Map<number, { supported: string; unsupported: string; credentials: string }>> {
  const rows = await wizard.getByTestId('support-row').evaluateAll((elements) =>
    elements.map((e) => ({ id: Number(e.getAttribute('data-device-id')), supported: e.getAttribute('data-supported') ?? '', unsupported: e.getAttribute('data-unsupported') ?? '', credentials: e.getAttribute('data-credentials') ?? '' })),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Stores a write community for the devices the matrix acts on (all shown, or the selected), through the dialog. */
async function setCommunity(wizard: Locator, community: string): Promise<void> {
  await wizard.getByRole('button', { name: /^Write credentials for 3 devices/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Write credentials' });
  await dialog.getByLabel('Write community').fill(community);
  if (community !== WRITE_COMMUNITY) await saveScreenshot(page, 'device-settings-credentials-dialog');
  await dialog.getByRole('button', { name: 'Save credentials' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Runs "Test authentication" for the devices shown and returns each device's step. */
async function testAuthentication(wizard: Locator): Promise<string[]> {
  await wizard.getByRole('button', { name: 'Test authentication (3)' }).click();
  const results = wizard.getByTestId('auth-test-result');
  const { value } = await waitUntil(
    () => results.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-step') ?? '')),
    (steps) => steps.length === 3 && steps.every((step) => step !== 'testing' && step !== 'none' && step !== ''),
    UI_TIMEOUT_MS,
    100,
  );
  return value;
}

async function waitForFinalState(target: Locator, timeoutMs: number): Promise<string | null> {
  const { value } = await waitUntil(() => target.getAttribute('data-state'), (s) => s !== null && s !== 'queued' && s !== 'running', timeoutMs, 100);
  return value;
}

describe('device settings in the console', () => {
  // A test that failed with a dialog open must not fail the next ones: Escape closes it.
  beforeEach(async () => {
    for (let i = 0; i < 3 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
  });

  it('sets the location of a static group of three printers: support matrix, credentials set once and tested, results per item, the new location in the list', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-settings-delivery').then(() => undefined));
    const wizard = await openFromGroup('Actions for Floor 3', 'Device settings…');
    await expect.poll(() => wizard.getByText('Floor 3').count(), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    await saveScreenshot(page, 'device-settings-1-targets');

    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('checkbox', { name: 'Installation site' }).check();
    await wizard.getByRole('textbox', { name: 'Installation site' }).fill(LOCATION);
    // A value too long for any device is refused under its field before anything runs.
    await wizard.getByRole('textbox', { name: 'Administrator name' }).fill('x'.repeat(130));
    await wizard.getByText('At most 127 characters (130 typed).').waitFor();
    await wizard.getByRole('checkbox', { name: 'Administrator name' }).uncheck();
    await wizard.getByRole('tab', { name: /TCP\/IP/ }).click();
    // Typing a value ticks the item; the DNS server needs a reboot to take effect.
    await wizard.getByRole('textbox', { name: 'Primary DNS server' }).fill(DNS_SERVER);
    await expect.poll(() => wizard.getByTestId('settings-chosen-count').textContent()).toBe('2 items chosen');
    await saveScreenshot(page, 'device-settings-2-items');

    await wizard.getByRole('button', { name: 'Next' }).click();
    const matrix = wizard.getByTestId('support-matrix');
    await matrix.waitFor();
    await expect.poll(() => wizard.getByTestId('support-row').count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
    const rows = await supportRows(wizard);
    expect(rows.get(idOf('brother-mono-mfp'))).toMatchObject({ supported: 'installationSite,primaryDns', unsupported: '', credentials: 'false' });
    for (const profile of ['kyocera-mono', 'canon-color-mfp']) expect(rows.get(idOf(profile)), profile).toMatchObject({ supported: 'installationSite', unsupported: 'primaryDns' });
    expect(await matrix.locator('[data-testid="support-item"][data-item="primaryDns"]').getAttribute('data-skipped')).toBe('2');
    expect(await matrix.getByTestId('support-no-credentials').textContent()).toBe('3 without write credentials');
    await saveScreenshot(page, 'device-settings-3-support-matrix');

    // The same (wrong) community for the three in one step: the test names the failed step per device.
    await setCommunity(wizard, 'not-the-community');
    await expect.poll(async () => [...(await supportRows(wizard)).values()].map((r) => r.credentials).join(), { timeout: UI_TIMEOUT_MS }).toBe('true,true,true');
    expect(await testAuthentication(wizard)).toEqual(['wrong-credentials', 'wrong-credentials', 'wrong-credentials']);
    await saveScreenshot(page, 'device-settings-4-credentials-wrong');
    await setCommunity(wizard, WRITE_COMMUNITY);
    expect(await testAuthentication(wizard)).toEqual(['ok', 'ok', 'ok']);
    expect(await wizard.getByTestId('credential-status').first().textContent()).toContain('v2c community');
    expect(await wizard.getByTestId('credentials-stored').textContent()).toContain('Stored the write credentials of 3 devices.');
    await saveScreenshot(page, 'device-settings-5-credentials-ok');

    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByTestId('reboot-needed').waitFor();
    expect(await wizard.getByTestId('delivery-summary').textContent()).toContain('Installation site, Primary DNS server → 1 group');
    await saveScreenshot(page, 'device-settings-6-run');
    await wizard.getByRole('button', { name: 'Deliver now' }).click();
    await wizard.waitFor({ state: 'detached' });

    // The execution opens in Tasks: per device, and per item with the outcome words.
    const detail = page.getByTestId('execution-detail');
    await detail.waitFor();
    expect(await waitForFinalState(detail, RUN_TIMEOUT_MS), 'every device took at least one item').toBe('succeeded');
    const items = detail.getByTestId('execution-item');
    await expect.poll(() => items.count(), { timeout: UI_TIMEOUT_MS }).toBe(6);
    const outcomes = await items.evaluateAll((elements) => elements.map((e) => `${e.getAttribute('data-device-id')}:${e.getAttribute('data-item')}:${e.getAttribute('data-outcome')}`).sort());
    const expected = [
      `${idOf('brother-mono-mfp')}:installationSite:delivered`,
      `${idOf('brother-mono-mfp')}:primaryDns:delivered`,
      `${idOf('kyocera-mono')}:installationSite:delivered`,
      `${idOf('kyocera-mono')}:primaryDns:unsupported`,
      `${idOf('canon-color-mfp')}:installationSite:delivered`,
      `${idOf('canon-color-mfp')}:primaryDns:unsupported`,
    ].sort();
    expect(outcomes).toEqual(expected);
    expect(await detail.locator('[data-testid="item-outcome-count"][data-outcome="unsupported"]').getAttribute('data-count')).toBe('2');
    expect(await items.filter({ hasText: 'Unsupported' }).count()).toBe(2);
    expect(await items.filter({ hasText: LOCATION }).count(), 'the value read back is shown').toBe(3);
    await saveScreenshot(page, 'device-settings-7-results');
    await page.getByRole('dialog', { name: 'Executions' }).getByRole('button', { name: 'Close' }).click();

    // The list shows the new location once the devices are read again.
    await showSection(page, 'Devices');
    const [first, ...others] = GROUP_PROFILES.map(idOf);
    await rowOf(page, first ?? 0).click();
    for (const id of others) await rowOf(page, id).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: 'Refresh selected' }).click();
    for (const id of GROUP_PROFILES.map(idOf)) await expect.poll(() => rowOf(page, id).textContent(), { timeout: UI_TIMEOUT_MS }).toContain(LOCATION);
    expect(await rowOf(page, idOf(OTHER_PROFILE)).textContent()).not.toContain(LOCATION);
    await saveScreenshot(page, 'device-settings-8-list-location');
  }, 120_000);

  it('runs a delivery scheduled once, a few seconds ahead, at its time', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-settings-scheduled').then(() => undefined));
    // The three group printers are still selected in the list: the toolbar's menu starts from them.
    await page.getByRole('button', { name: 'Device settings' }).click();
    await page.getByRole('menuitem', { name: 'Deliver settings to 3 devices…' }).click();
    const wizard = wizardOf();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'Administrator contact' }).fill('helpdesk@example.test');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => wizard.getByTestId('support-row').count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'Task name' }).fill('Helpdesk contact');
    await wizard.locator('label', { hasText: /^Once$/ }).click();
    const at = Date.now() + 20_000;
    const local = new Date(at - new Date(at).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    await wizard.getByLabel('Date and time').fill(local);
    await expect.poll(() => wizard.getByTestId('schedule-preview').textContent()).toContain('Runs: Once at');
    await saveScreenshot(page, 'device-settings-9-scheduled');
    await wizard.getByRole('button', { name: 'Save task' }).click();
    await wizard.waitFor({ state: 'detached' });

    const [task] = (await rig.api.tasks.list({})).tasks.filter((t) => t.name === 'Helpdesk contact');
    if (!task) throw new Error('the scheduled task was not saved');
    expect(task.type).toBe('deliverSettings');
    expect(Math.abs((task.nextRunAt ?? 0) - Math.floor(at / 1000) * 1000), 'armed for the time given').toBeLessThan(1_000);
    expect(task.lastExecution, 'nothing ran before its time').toBeNull();

    await showSection(page, 'Tasks');
    const row = page.getByTestId('task-row').filter({ hasText: 'Helpdesk contact' });
    expect(await row.textContent()).toContain('Settings delivery');
    await expect.poll(() => row.getAttribute('data-last-state'), { timeout: 20_000 + RUN_TIMEOUT_MS, interval: 250 }).toBe('succeeded');
    const [execution] = (await rig.api.tasks.listExecutions({ taskId: task.id, limit: 5 })).executions;
    expect(execution?.trigger).toBe('schedule');
    expect(execution?.startedAt ?? 0, 'started at its time, not before').toBeGreaterThanOrEqual(Math.floor(at / 1000) * 1000);
    const { devices } = await rig.api.tasks.getExecution({ executionId: execution?.id ?? 0 });
    expect(devices.map((d) => d.items?.map((i) => i.outcome).join()).sort()).toEqual(['delivered', 'delivered', 'delivered']);
    await saveScreenshot(page, 'device-settings-10-scheduled-done');

    // A saved delivery is edited in the same wizard, with its values ticked.
    await page.getByRole('button', { name: 'More actions for Helpdesk contact' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = wizardOf('Edit settings delivery');
    expect(await edit.getByRole('checkbox', { name: 'Administrator contact' }).isChecked()).toBe(true);
    expect(await edit.getByRole('textbox', { name: 'Administrator contact' }).inputValue()).toBe('helpdesk@example.test');
    await edit.getByRole('button', { name: 'Close' }).click();
    await edit.waitFor({ state: 'detached' });
  }, 90_000);

  it('acquires a device’s settings in its detail, shows them with their time, and copies them into a new delivery', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-settings-acquired').then(() => undefined));
    await showSection(page, 'Devices');
    const brother = idOf('brother-mono-mfp');
    await rowOf(page, brother).dblclick();
    const pane = page.getByTestId('device-detail');
    await pane.getByRole('tab', { name: 'Settings' }).click();
    const acquired = pane.getByTestId('acquired-settings');
    await acquired.getByText('Not acquired yet', { exact: false }).waitFor();
    await acquired.getByRole('button', { name: 'Acquire now' }).click();
    const site = acquired.locator('[data-testid="acquired-value"][data-item="installationSite"]');
    await expect.poll(() => site.textContent(), { timeout: RUN_TIMEOUT_MS }).toContain(LOCATION);
    expect(await acquired.locator('[data-testid="acquired-value"][data-item="primaryDns"]').textContent()).toContain(DNS_SERVER);
    expect(await acquired.locator('[data-testid="acquired-value"][data-item="lpd"]').textContent()).toMatch(/On|Off/);
    expect(await acquired.getByTestId('acquired-at').textContent()).toMatch(/^Read /);
    await saveScreenshot(page, 'device-settings-11-acquired');

    await acquired.getByRole('button', { name: 'Use these values…' }).click();
    const wizard = wizardOf();
    await wizard.getByTestId('settings-chosen-count').waitFor();
    expect(await wizard.getByRole('checkbox', { name: 'Installation site' }).isChecked()).toBe(true);
    expect(await wizard.getByRole('textbox', { name: 'Installation site' }).inputValue()).toBe(LOCATION);
    // A device's own name is not copied to many devices unless ticked.
    expect(await wizard.getByRole('checkbox', { name: 'Device name' }).isChecked()).toBe(false);
    await saveScreenshot(page, 'device-settings-12-copy');
    await wizard.getByRole('button', { name: 'Close' }).click();
    await wizard.waitFor({ state: 'detached' });
  }, 60_000);

  it('reboots the selected device from the toolbar after asking, and shows that it came back', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-settings-reboot').then(() => undefined));
    const hp = idOf(OTHER_PROFILE);
    await rig.api.credentials.setForDevices({ deviceIds: [hp], snmpWrite: { version: 'v2c', community: 'internal' } });
    await showSection(page, 'Devices');
    await page.getByTestId('device-detail').getByRole('button', { name: 'Close details' }).click();
    await rowOf(page, hp).click();
    await expect.poll(() => page.getByTestId('device-count').textContent()).toContain('1 selected');
    await page.getByRole('button', { name: 'Device settings' }).click();
    await page.getByRole('menuitem', { name: 'Reboot 1 device…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reboot devices' });
    await confirm.getByText('Reboot 1 device?', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Reboot' }).click();
    const detail = page.getByTestId('execution-detail');
    await detail.waitFor();
    expect(await waitForFinalState(detail, RUN_TIMEOUT_MS)).toBe('succeeded');
    const device = detail.getByTestId('execution-device');
    expect(await device.getAttribute('data-device-id')).toBe(String(hp));
    expect(await device.textContent()).toMatch(/rebooted: answering again/);
    await page.getByRole('dialog', { name: 'Executions' }).getByRole('button', { name: 'Close' }).click();
  }, 60_000);

  it('keeps IP address pools in Settings: a bad range is named under its field, size and used are listed', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-settings-pools').then(() => undefined));
    await showSection(page, 'Settings');
    await page.getByRole('tab', { name: 'IP address pools' }).click();
    const panel = page.getByTestId('ip-pools-panel');
    await panel.getByText('No pools yet.').waitFor();
    await panel.getByRole('button', { name: 'New pool' }).click();
    const dialog = page.getByRole('dialog', { name: 'New IP address pool' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Floor 3');
    await dialog.getByRole('textbox', { name: 'Addresses' }).fill('10.0.3.10-10.0.3.40, 10.0.300.1');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => dialog.getByText(/10\.0\.300\.1/).count(), { timeout: UI_TIMEOUT_MS }).toBeGreaterThan(0);
    await saveScreenshot(page, 'device-settings-13-pool-error');
    await dialog.getByRole('textbox', { name: 'Addresses' }).fill('10.0.3.10-10.0.3.40');
    await dialog.getByRole('textbox', { name: 'Exclusions' }).fill('10.0.3.20');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = panel.getByTestId('pool-row');
    await expect.poll(() => row.getAttribute('data-size'), { timeout: UI_TIMEOUT_MS }).toBe('30');
    expect(await row.getAttribute('data-used')).toBe('0');
    await panel.getByRole('button', { name: 'New pool' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Annex');
    await dialog.getByRole('textbox', { name: 'Addresses' }).fill('10.0.9.0/28');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
    await saveScreenshot(page, 'device-settings-14-pools');

    await panel.getByRole('button', { name: 'Edit Floor 3' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit IP address pool' });
    await edit.getByRole('textbox', { name: 'Exclusions' }).fill('');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await expect.poll(() => panel.locator('[data-testid="pool-row"]').filter({ hasText: 'Floor 3' }).getAttribute('data-size')).toBe('31');
    await panel.getByRole('button', { name: 'Delete Annex' }).click();
    await page.getByRole('dialog', { name: 'Delete pool' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    expect((await rig.api.settings.listPools({})).pools.map((p) => p.name)).toEqual(['Floor 3']);
  }, 60_000);

  it('shows the wizard, the support matrix, the results, the acquired values and the pools in Japanese at 1280×720', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-settings-ja').then(() => undefined));
    await switchLanguage(page, '日本語');
    try {
      await showSection(page, 'デバイス');
      const wizard = await openFromGroup('Floor 3 の操作', 'デバイス設定…', 'デバイス設定');
      await saveScreenshot(page, 'device-settings-ja-1-targets');
      await wizard.getByRole('button', { name: '次へ' }).click();
      await wizard.getByRole('textbox', { name: '設置場所' }).fill(LOCATION);
      await wizard.getByRole('textbox', { name: '管理者名' }).fill('x'.repeat(130));
      await saveScreenshot(page, 'device-settings-ja-2-items');
      await wizard.getByRole('checkbox', { name: '管理者名' }).uncheck();
      await wizard.getByRole('tab', { name: /TCP\/IP/ }).click();
      await wizard.getByRole('textbox', { name: 'プライマリ DNS サーバー' }).fill(DNS_SERVER);
      await saveScreenshot(page, 'device-settings-ja-3-tcpip');
      await wizard.getByRole('button', { name: '次へ' }).click();
      await expect.poll(() => wizard.getByTestId('support-row').count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
      await wizard.getByRole('button', { name: '認証テスト（3）' }).click();
      await expect.poll(() => wizard.locator('[data-testid="auth-test-result"][data-step="ok"]').count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
      await saveScreenshot(page, 'device-settings-ja-4-support-matrix');
      await wizard.getByRole('button', { name: '次へ' }).click();
      await saveScreenshot(page, 'device-settings-ja-5-run');
      await wizard.getByRole('button', { name: '閉じる' }).click();

      await showSection(page, 'タスク');
      const delivery = page.getByTestId('task-execution').filter({ hasText: 'Settings: Installation site' }).first();
      await delivery.click();
      await page.getByTestId('execution-items').waitFor();
      await saveScreenshot(page, 'device-settings-ja-6-results');
      await page.getByRole('dialog', { name: '実行履歴' }).getByRole('button', { name: '閉じる' }).click();

      await showSection(page, 'デバイス');
      await rowOf(page, idOf('brother-mono-mfp')).dblclick();
      await page.getByTestId('device-detail').getByRole('tab', { name: '設定' }).click();
      await page.locator('[data-testid="acquired-value"][data-item="installationSite"]').waitFor();
      await saveScreenshot(page, 'device-settings-ja-7-acquired');

      await showSection(page, '設定');
      await page.getByRole('tab', { name: 'IP アドレスプール' }).click();
      await page.getByTestId('pool-row').first().waitFor();
      await saveScreenshot(page, 'device-settings-ja-8-pools');

      await page.setViewportSize({ width: 1440, height: 900 });
      await showSection(page, 'デバイス');
      const wide = await openFromGroup('Floor 3 の操作', 'デバイス設定…', 'デバイス設定');
      await wide.getByRole('button', { name: '次へ' }).click();
      await wide.getByRole('textbox', { name: '設置場所' }).fill(LOCATION);
      await wide.getByRole('button', { name: '次へ' }).click();
      await expect.poll(() => wide.getByTestId('support-row').count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
      await saveScreenshot(page, 'device-settings-ja-9-support-matrix-1440');
      await wide.getByRole('button', { name: '閉じる' }).click();
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
      await switchLanguage(page, 'English');
    }
    expect(groupId).toBeGreaterThan(0);
  }, 90_000);
});
