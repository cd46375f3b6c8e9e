import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { demoPrinters, rowOf, saveScreenshot, UI_TIMEOUT_MS, type ConsoleRig } from './console-harness';
import { switchLanguage } from './console-access';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * Issue 14, items 5–7, at 1280×720 and 1440×900: filters say what they filter, empty groups say
 * so, groups are renamed and a smart group's filter edited; the search panel lists new devices
 * first and its tiles filter the list; the history shows the run's settings (community masked),
 * links results to their device and files them into a group; a search becomes a task in one step.
 */

// This file's printers: 127.147.0.1 … (the search covers .1–.40: the rest is silent).
const BASE_ADDRESS = '127.147.0.1';
const FLEET_SIZE = 8;
const SEARCH_RANGE = '127.147.0.1-127.147.0.40';
const SIMULATOR_PORT = 1161;
const SEARCH_TIMEOUT_MS = 30_000;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
] as const;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
let devices: DeviceSummary[];

beforeAll(async () => {
  // Every printer answers, so that the search's counts are known.
  const printers = demoPrinters(FLEET_SIZE, 7).map(({ faults: _faults, ...spec }) => spec);
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
  devices = (await rig.api.devices.list({})).devices;
  await rowOf(page, devices[0]?.id ?? 0).waitFor();
}, 120_000);

afterAll(() => closeConsoleSession(session));

/** Screenshots of the same screen at both window sizes (the smaller last, as the test goes on with it). */
async function shoot(name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await saveScreenshot(page, `${name}-${size.width}x${size.height}`);
  }
}

function groupsNav(): Locator {
  return page.getByRole('navigation', { name: 'Groups' });
}

function groupLink(name: string): Locator {
  return groupsNav().getByRole('button', { name: new RegExp(`^${name}`) });
}

async function createGroup(kind: 'static' | 'smart', name: string): Promise<void> {
  await page.getByRole('button', { name: kind === 'static' ? 'New static group' : 'New smart group from the current filter' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Group name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function groupNamed(name: string) {
  return (await rig.api.groups.list({})).groups.find((g) => g.name === name);
}

describe('first day: filters and groups (issue 14, item 5)', { timeout: 40_000 }, () => {
  it('keeps each filter field\'s name in view while it holds text, and shows a hidden filled field as a chip', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-filters').then(() => undefined));
    await page.setViewportSize(SIZES[0]);
    const model = devices[0]?.identity.model ?? '';
    const word = model.split(/\s+/).pop() ?? model;
    await page.getByRole('textbox', { name: 'Model', exact: true }).fill(word.toLowerCase());
    const field = page.getByTestId('filter-field-model');
    await expect.poll(() => field.getAttribute('data-filled')).toBe('true');
    // The field's name stays beside the text (the placeholder vanished as one typed).
    expect(await field.textContent()).toContain('Model');
    expect(await field.locator('label').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'More fields' }).click();
    await page.getByRole('textbox', { name: 'Vendor', exact: true }).fill('zz-none');
    await page.getByRole('button', { name: 'Fewer fields' }).click();
    const chip = page.getByTestId('filter-chip-vendor');
    await expect.poll(() => chip.textContent()).toContain('Vendor: zz-none');
    await shoot('first-day-filter-labels');
    await chip.getByRole('button', { name: 'Empty the Vendor field' }).click();
    await expect.poll(() => chip.count()).toBe(0);
    await page.getByRole('button', { name: 'Clear filter' }).click();
  });

  it('an empty static group says it is empty; it is renamed from its menu', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-static').then(() => undefined));
    await createGroup('static', 'Helpdesk watch');
    await expect.poll(() => page.getByText('“Helpdesk watch” has no devices yet.', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText('No device matches the filter.').count()).toBe(0);
    await shoot('first-day-empty-group');

    await page.getByRole('button', { name: 'Actions for Helpdesk watch' }).click();
    await page.getByRole('menuitem', { name: 'Rename…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename group' });
    const name = dialog.getByRole('textbox', { name: 'Group name' });
    expect(await name.inputValue()).toBe('Helpdesk watch');
    await name.fill('Helpdesk printers');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await groupLink('Helpdesk printers').waitFor();
    expect(await groupNamed('Helpdesk printers'), 'renamed on the server').toMatchObject({ kind: 'static' });
  });

  it('edits a smart group\'s filter from its menu; a smart group matching nothing says so', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-smart').then(() => undefined));
    await groupsNav().getByRole('button', { name: /^All devices/ }).click();
    const location = devices.map((d) => d.identity.location ?? '').find((l) => l !== '') ?? '';
    await page.getByRole('textbox', { name: 'Location', exact: true }).fill(location.toLowerCase());
    await createGroup('smart', 'By location');
    await page.getByRole('button', { name: 'Clear filter' }).click();

    await page.getByRole('button', { name: 'Actions for By location' }).click();
    await page.getByRole('menuitem', { name: 'Edit name and filter…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit smart group' });
    expect(await dialog.getByRole('textbox', { name: 'Location', exact: true }).inputValue()).toBe(location.toLowerCase());
    await dialog.getByRole('textbox', { name: 'Model', exact: true }).fill('no-such-model');
    await shoot('first-day-edit-smart-group');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await groupNamed('By location'))?.filter?.fields).toEqual({ location: location.toLowerCase(), model: 'no-such-model' });
    await groupLink('By location').click();
    await expect.poll(() => page.getByText('No device matches the filter of the smart group “By location”.', { exact: false }).isVisible()).toBe(true);
    await groupsNav().getByRole('button', { name: /^All devices/ }).click();
  });
});

describe('first day: search progress, history and tasks (issue 14, items 6 and 7)', { timeout: 60_000 }, () => {
  const forgotten: DeviceSummary[] = [];

  it('lists new devices first, filters the found list by a tile, and tells a rate', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-search').then(() => undefined));
    await page.setViewportSize(SIZES[0]);
    // Three printers the console forgets are new to the search; the other five are unchanged.
    forgotten.push(...devices.slice(-3));
    await rig.api.devices.remove({ ids: forgotten.map((d) => d.id) });

    await page.getByRole('button', { name: 'Search devices' }).click();
    const wizard = page.getByRole('dialog', { name: 'Search for devices' });
    await wizard.getByRole('textbox', { name: 'Addresses to search' }).fill(SEARCH_RANGE);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'SNMP port' }).fill(String(SIMULATOR_PORT));
    await wizard.getByRole('textbox', { name: 'Timeout (ms)' }).fill('400');
    await wizard.getByRole('textbox', { name: 'Retries' }).fill('0');
    await wizard.getByRole('textbox', { name: 'Search name (optional)' }).fill('Loopback sweep');
    await wizard.getByRole('button', { name: 'Run now' }).click();
    await wizard.waitFor({ state: 'detached' });

    const panel = page.getByTestId('discovery-panel');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: SEARCH_TIMEOUT_MS }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('discovery-count-new').getAttribute('data-count')).toBe('3');
    const outcomes = async () => panel.getByTestId('discovery-result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    await expect.poll(async () => (await outcomes()).slice(0, 3)).toEqual(['new', 'new', 'new']);
    expect((await outcomes()).slice(3).every((o) => o === 'unchanged')).toBe(true);
    // The finished search keeps the rate it probed at, not the idle reading phase's.
    const rate = Number((await page.getByTestId('discovery-rate').textContent())?.replace(/[^\d.]/g, ''));
    expect(rate, 'packets/s shown at the end').toBeGreaterThan(5);
    await shoot('first-day-search-new-first');

    await page.getByTestId('discovery-count-unchanged').click();
    expect(await page.getByTestId('discovery-count-unchanged').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => [...new Set(await outcomes())]).toEqual(['unchanged']);
    await shoot('first-day-search-tile-filter');
    await page.getByTestId('discovery-found-all').click();
    await expect.poll(async () => (await outcomes()).length).toBe(FLEET_SIZE);
  });

  it('history shows the run\'s settings with the community masked, links a result to its device, and adds results to a group', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-history').then(() => undefined));
    await page.getByTestId('discovery-panel').getByRole('button', { name: 'Show in history' }).click();
    const settings = page.getByTestId('run-settings');
    await settings.waitFor();
    const text = (await settings.textContent()) ?? '';
    expect(text).toContain(SEARCH_RANGE);
    expect(text).toContain('SNMP port: 1161');
    expect(text).toContain('••••');
    expect(text).not.toContain('public');

    const results = page.getByTestId('discovery-run-results');
    await results.locator('label').filter({ hasText: /^New \(3\)$/ }).click();
    const add = page.getByTestId('history-add-to-group');
    await expect.poll(() => add.textContent()).toBe('Add these 3 devices to a group');
    await shoot('first-day-history-settings');
    await add.click();
    await page.getByRole('menuitem', { name: 'Helpdesk printers' }).click();
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toContainEqual(expect.stringContaining('Added 3 devices to Helpdesk printers.'));
    const found = (await rig.api.devices.list({})).devices.filter((d) => forgotten.some((f) => f.address === d.address));
    expect(found).toHaveLength(3);
    await expect.poll(async () => (await groupNamed('Helpdesk printers'))?.deviceIds.slice().sort((a, b) => a - b)).toEqual(found.map((d) => d.id).sort((a, b) => a - b));

    const link = results.getByTestId('result-device-link').first();
    const deviceId = Number(await link.getAttribute('data-device-id'));
    await link.click();
    await page.getByTestId('device-detail').waitFor({ timeout: UI_TIMEOUT_MS });
    await expect.poll(() => page.getByRole('dialog', { name: 'Search history' }).count()).toBe(0);
    expect(found.map((d) => d.id)).toContain(deviceId);
  });

  it('saves the search as a task in one step, every value carried over; the task list names the range', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-save-as-task').then(() => undefined));
    await page.getByRole('button', { name: 'Search devices' }).click();
    const wizard = page.getByRole('dialog', { name: 'Search for devices' });
    // The wizard opens where it was left: back to the methods.
    await wizard.getByRole('button', { name: 'Reset the form' }).click();
    await wizard.getByRole('textbox', { name: 'Addresses to search' }).fill(SEARCH_RANGE);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'SNMP port' }).fill(String(SIMULATOR_PORT));
    await wizard.getByRole('textbox', { name: 'Timeout (ms)' }).fill('400');
    await wizard.getByRole('textbox', { name: 'Retries' }).fill('0');
    await wizard.getByRole('textbox', { name: 'Search name (optional)' }).fill('Loopback sweep');
    await shoot('first-day-wizard-save-as-task');
    await wizard.getByRole('button', { name: 'Save as task…' }).click();
    const taskWizard = page.getByRole('dialog', { name: 'New task' });
    await taskWizard.waitFor();
    await page.getByTestId('tasks-page').waitFor();
    await taskWizard.getByRole('button', { name: 'Back' }).click();
    expect(await taskWizard.getByRole('textbox', { name: 'Addresses to search' }).inputValue()).toBe(SEARCH_RANGE);
    expect(await taskWizard.getByRole('textbox', { name: 'SNMP port' }).inputValue()).toBe(String(SIMULATOR_PORT));
    expect(await taskWizard.getByRole('textbox', { name: 'Timeout (ms)' }).inputValue()).toBe('400');
    await shoot('first-day-task-search-step');
    await taskWizard.getByRole('button', { name: 'Save task' }).click();
    await taskWizard.waitFor({ state: 'detached' });

    const row = page.getByTestId('task-row').filter({ hasText: 'Loopback sweep' });
    await row.waitFor();
    await expect.poll(() => row.getByTestId('task-search-target').textContent()).toBe(`${SEARCH_RANGE} · port ${SIMULATOR_PORT}`);
    const saved = (await rig.api.tasks.list({})).tasks.find((t) => t.name === 'Loopback sweep');
    expect(saved?.params).toMatchObject({ name: 'Loopback sweep', methods: [{ kind: 'addresses', spec: SEARCH_RANGE }], options: { port: SIMULATOR_PORT, timeoutMs: 400, retries: 0 } });
    await shoot('first-day-task-list-range');
  });

  it('says the same in Japanese: filter labels, the empty group, the history settings', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-first-day-japanese').then(() => undefined));
    await page.getByRole('button', { name: 'Devices', exact: true }).click();
    await switchLanguage(page, '日本語');
    await page.getByRole('textbox', { name: '機種', exact: true }).fill('c35');
    await expect.poll(() => page.getByTestId('filter-field-model').getAttribute('data-filled')).toBe('true');
    await page.getByRole('button', { name: /^By location/ }).first().click();
    await expect.poll(() => page.getByText('スマートグループ「By location」', { exact: false }).isVisible()).toBe(true);
    await shoot('first-day-japanese-filters');
    await page.getByTestId('discovery-panel').getByRole('button', { name: '履歴で表示' }).click();
    await page.getByTestId('run-settings').waitFor();
    expect(await page.getByTestId('run-settings').textContent()).toContain('SNMP ポート');
    await shoot('first-day-japanese-history');
    await page.keyboard.press('Escape');
    await switchLanguage(page, 'English');
  });
});
