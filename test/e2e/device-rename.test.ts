import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { demoPrinters, rowOf, saveScreenshot, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.85.0.1 …
const BASE_ADDRESS = '127.85.0.1';
const FLEET_SIZE = 4;
const NEW_NAME = 'Front desk (renamed by e2e)';

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  // No monitoring: no poll round refetches the list, so only the rename's own pushed event can update it.
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 5), baseAddress: BASE_ADDRESS, monitor: false });
  ({ rig, page } = session);
}, 120_000);

afterAll(() => closeConsoleSession(session));

/** A device that was read and reports its own name (so clearing the name has something to go back to). */
async function namedDevice(): Promise<DeviceSummary & { ownName: string }> {
  const { devices } = await rig.api.devices.list({});
  for (const device of devices) {
    const ownName = device.identity.sysName?.trim();
    if (ownName && device.lastSeen !== null) return { ...device, ownName };
  }
  throw new Error(`no read device with a sysName: ${devices.map((d) => `${d.address} sysName=${String(d.identity.sysName)}`).join(', ')}`);
}

/** The name the core gives the device now, as the list shows it (a set name, else its own). */
async function coreName(id: number): Promise<string | null> {
  const detail = await rig.api.devices.get({ id });
  return detail.name ?? detail.identity.sysName;
}

describe('renaming a device in the detail pane', () => {
  it('shows the new name in the list row without a reload, and clearing the name restores the device’s own name', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-rename').then(() => undefined));
    const device = await namedDevice();
    const row = rowOf(page, device.id);
    await expect.poll(() => row.textContent()).toContain(device.ownName);
    await row.dblclick();
    const detail = page.getByTestId('device-detail');
    await expect.poll(() => detail.getAttribute('data-device-id')).toBe(String(device.id));
    // A reload would lose this mark: the new name must arrive by a pushed event.
    await page.locator('html').evaluate((html) => html.setAttribute('data-e2e-loaded-once', 'yes'));

    // Escape drops the edit: nothing is sent, the name stays.
    await detail.getByRole('button', { name: 'Rename device' }).click();
    const input = detail.getByLabel('Device name');
    expect(await input.inputValue(), 'the field starts with the name shown').toBe(device.ownName);
    await input.fill('never saved');
    await input.press('Escape');
    await expect.poll(() => input.count(), { message: 'the name field after Escape' }).toBe(0);
    expect(await coreName(device.id), 'name in the core after Escape').toBe(device.ownName);

    // Enter saves; the row follows the pushed devices.changed.
    await detail.getByRole('button', { name: 'Rename device' }).click();
    await input.fill(`  ${NEW_NAME}  `);
    await input.press('Enter');
    await expect.poll(() => row.textContent(), { message: `row of ${device.address} after the rename` }).toContain(NEW_NAME);
    await expect.poll(() => detail.getByRole('heading', { level: 4 }).textContent(), { message: 'detail title after the rename' }).toBe(NEW_NAME);
    expect(await coreName(device.id), 'name in the core (trimmed)').toBe(NEW_NAME);
    await saveScreenshot(page, 'device-renamed');

    // A name the server refuses: its message shows under the field and nothing changes.
    await detail.getByRole('button', { name: 'Rename device' }).click();
    await input.fill('x'.repeat(201));
    await detail.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => input.getAttribute('aria-invalid'), { message: 'the field after a refused name' }).toBe('true');
    const shownError = (await detail.locator('.mantine-TextInput-error').textContent()) ?? '';
    process.stdout.write(`device rename: a 201-character name was refused with "${shownError}"\n`);
    expect(shownError, 'the server’s message under the field').toMatch(/name/i);
    expect(await coreName(device.id), 'name in the core after a refused rename').toBe(NEW_NAME);

    // An empty name gives the device its own name back.
    await input.fill('');
    await input.press('Enter');
    await expect.poll(() => input.count(), { message: 'the name field after saving' }).toBe(0);
    await expect.poll(() => row.textContent(), { message: `row of ${device.address} after clearing the name` }).toContain(device.ownName);
    expect(await row.textContent()).not.toContain(NEW_NAME);
    expect(await coreName(device.id), 'name in the core after clearing it').toBe(device.ownName);
    expect(await page.locator('html').getAttribute('data-e2e-loaded-once'), 'a mark set before the renames (a reload drops it)').toBe('yes');
  }, 60_000);
});
