import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { demoPrinters, rowIds, rowOf, saveScreenshot, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.81.0.1 …
const BASE_ADDRESS = '127.81.0.1';
const FLEET_SIZE = 12;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
let devices: DeviceSummary[];

beforeAll(async () => {
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 5), baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
  devices = (await rig.api.devices.list({})).devices;
  await rowOf(page, devices[0]?.id ?? 0).waitFor();
}, 120_000);

afterAll(() => closeConsoleSession(session));

const allIds = (): number[] => devices.map((d) => d.id).sort((a, b) => a - b);

async function expectRows(expected: number[], what: string): Promise<void> {
  const { value } = await waitUntil(() => rowIds(page), (ids) => ids.join() === expected.join(), 10_000);
  expect(value, `${what}: rows shown ${value.join(', ')}; expected ${expected.join(', ')}`).toEqual(expected);
}

/** The group's entry in the group tree (its accessible name is the group name and its count). */
function groupLink(name: string) {
  return page.getByRole('navigation', { name: 'Groups' }).getByRole('button', { name: new RegExp(`^${name}`) });
}

async function createGroup(kind: 'static' | 'smart', name: string): Promise<void> {
  await page.getByRole('button', { name: kind === 'static' ? 'New static group' : 'New smart group from the current filter' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Group name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('groups in the console', () => {
  it('creates an empty static group, fills it with selected devices, and shows only its members when chosen', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-static-group').then(() => undefined));
    await createGroup('static', 'Finance printers');
    // A new group is shown at once: empty.
    await expect.poll(() => groupLink('Finance printers').getAttribute('aria-current')).toBe('page');
    await expectRows([], 'the new, empty group');
    // An empty group says it is empty (not that a filter hides every device).
    await expect.poll(() => page.getByText('“Finance printers” has no devices yet.', { exact: false }).isVisible()).toBe(true);

    await page.getByRole('navigation', { name: 'Groups' }).getByRole('button', { name: /^All devices/ }).click();
    await expectRows(allIds(), 'all devices');
    const [first, , third] = devices;
    if (!first || !third) throw new Error('the fleet is too small');
    await rowOf(page, first.id).click();
    await rowOf(page, third.id).click({ modifiers: ['Control'] });
    await expect.poll(() => page.getByTestId('device-count').textContent()).toContain('2 selected');
    await page.getByRole('button', { name: 'Add to group' }).click();
    await page.getByRole('menuitem', { name: 'Finance printers' }).click();
    await expect.poll(() => page.getByTestId('notice').allTextContents()).toContainEqual(expect.stringContaining('Added 2 devices to Finance printers.'));

    const members = [first.id, third.id].sort((a, b) => a - b);
    const stored = (await rig.api.groups.list({})).groups.find((g) => g.name === 'Finance printers');
    expect(stored?.deviceIds.slice().sort((a, b) => a - b), 'members on the server').toEqual(members);
    await groupLink('Finance printers').click();
    await expectRows(members, 'the static group "Finance printers"');
    await expect.poll(() => groupLink('Finance printers').textContent()).toMatch(/2$/);
  });

  it('saves the current filter as a smart group that keeps narrowing the list after the filter is cleared', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-smart-group').then(() => undefined));
    await page.getByRole('navigation', { name: 'Groups' }).getByRole('button', { name: /^All devices/ }).click();
    const location = devices.map((d) => d.identity.location ?? '').find((l) => {
      const n = devices.filter((d) => d.identity.location === l).length;
      return l !== '' && n > 1 && n < FLEET_SIZE;
    });
    if (location === undefined) throw new Error(`no location shared by some devices: ${devices.map((d) => d.identity.location).join(', ')}`);
    const matching = devices.filter((d) => (d.identity.location ?? '').toLowerCase().includes(location.toLowerCase())).map((d) => d.id).sort((a, b) => a - b);

    await page.getByRole('textbox', { name: 'Location', exact: true }).fill(location.toLowerCase());
    await expectRows(matching, `location filter "${location}"`);
    await createGroup('smart', `In ${location}`);
    await expect.poll(() => groupLink(`In ${location}`).getAttribute('aria-current')).toBe('page');

    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Location', exact: true }).inputValue()).toBe('');
    await expectRows(matching, `smart group "In ${location}" without a filter in the bar`);
    const stored = (await rig.api.groups.list({})).groups.find((g) => g.name === `In ${location}`);
    expect(stored?.kind).toBe('smart');
    expect(stored?.filter?.fields.location, 'the smart group keeps the filter').toBe(location.toLowerCase());

    await page.getByRole('navigation', { name: 'Groups' }).getByRole('button', { name: /^All devices/ }).click();
    await expectRows(allIds(), 'all devices again');
    await saveScreenshot(page, 'groups-light');
  });

  it('asks for one text in the same way everywhere: a bad address shows the server\'s message under the field, a good one is added', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-add-device').then(() => undefined));
    await page.getByRole('button', { name: 'Add device' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a device' });
    await dialog.getByRole('textbox', { name: 'Address' }).fill('10.0.0.300');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => dialog.getByText(/300/).first().isVisible()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Address' }).fill('127.81.9.9:1161');
    await dialog.getByRole('textbox', { name: 'Name (optional)' }).fill('Spare printer');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await rig.api.devices.list({})).devices.some((d) => d.address === '127.81.9.9' && d.name === 'Spare printer')).toBe(true);
  });
});
