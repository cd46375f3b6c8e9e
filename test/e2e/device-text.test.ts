import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { SimulatedDeviceSpec } from '../../src-main/simulator/simulator';
import { demoPrinters, rowOf, saveScreenshot, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * Text devices report, as the console shows it: a name with a right-to-left override does not
 * pass for another file name, a 1,000-character alert stays inside the detail pane (clamped, the
 * whole text a click away), and a device whose serial and MAC another address also answers with
 * says so.
 */

// This file's printers: 127.92.0.1 …
const BASE_ADDRESS = '127.92.0.1';
const SYS_NAME = '1.3.6.1.2.1.1.5.0';
const SPOOFED = '\u202Egnp.exe\u202C';
const LONG_ALERT = 'PaperJamInTray2-'.repeat(63);

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;

function named(spec: SimulatedDeviceSpec, name: string, sysName?: string): SimulatedDeviceSpec {
  const varbinds = spec.varbinds.map((vb) => (vb.oid === SYS_NAME && sysName !== undefined ? { oid: vb.oid, value: { type: 'OctetString' as const, value: new TextEncoder().encode(sysName) } } : vb));
  const { faults: _faults, ...rest } = spec;
  return { ...rest, name, varbinds };
}

beforeAll(async () => {
  const [spoof, alerting, original] = demoPrinters(3, 11) as [SimulatedDeviceSpec, SimulatedDeviceSpec, SimulatedDeviceSpec];
  const printers = [named(spoof, 'spoof', SPOOFED), named(alerting, 'alerting'), named(original, 'original'), named(original, 'clone')];
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS, monitor: false });
  ({ rig, page } = session);
}, 120_000);

afterAll(() => closeConsoleSession(session));

async function deviceAt(name: string) {
  const address = rig.simulator?.devices.find((d) => d.name === name)?.address;
  const device = (await rig.api.devices.list({})).devices.find((d) => d.address === address);
  if (!device) throw new Error(`no device for simulated printer ${name}`);
  return device;
}

async function openDetail(id: number) {
  await rowOf(page, id).dblclick();
  const pane = page.getByTestId('device-detail');
  await expect.poll(() => pane.getAttribute('data-device-id')).toBe(String(id));
  return pane;
}

describe('device text in the console', () => {
  it('shows a right-to-left override in a device name instead of obeying it, isolated from the row around it', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-bidi-name').then(() => undefined));
    const device = await deviceAt('spoof');
    expect(device.identity.sysName).toBe(SPOOFED);
    const nameCell = rowOf(page, device.id).locator('bdi', { hasText: 'gnp' }).first();
    await nameCell.waitFor();
    expect(await nameCell.textContent()).toBe('[U+202E]gnp.exe[U+202C]');
    expect(await rowOf(page, device.id).textContent()).not.toContain('\u202E');
    const pane = await openDetail(device.id);
    await expect.poll(() => pane.getByRole('heading', { level: 4 }).textContent()).toBe('[U+202E]gnp.exe[U+202C]');
    await saveScreenshot(page, 'bidi-name');
  });

  it('keeps a 1,000-character alert inside the detail pane, clamped, with the whole text one click away', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-long-alert').then(() => undefined));
    expect(LONG_ALERT.length).toBe(1_008);
    const device = await deviceAt('alerting');
    rig.simulator?.device('alerting').addAlert({ severity: 'warning', group: 13, groupIndex: 1, location: 0, code: 8, description: LONG_ALERT });
    await rig.api.devices.refresh({ ids: [device.id] });
    expect((await rig.api.devices.get({ id: device.id })).alerts.map((a) => a.description)).toContain(LONG_ALERT);

    const pane = await openDetail(device.id);
    const text = pane.getByTestId('detail-alert-text').filter({ hasText: 'PaperJamInTray2' }).first();
    await text.waitFor();
    // Every long text ends inside the pane, and none scrolls sideways within itself (an expression, evaluated in the page).
    const fits = async () => {
      const paneBox = await pane.boundingBox();
      const texts = pane.locator('[data-testid="detail-alert-text"], [data-testid="detail-message"]');
      for (const element of await texts.all()) {
        const box = await element.boundingBox();
        if (!paneBox || !box || box.x + box.width > paneBox.x + paneBox.width + 1) return false;
      }
      return page.evaluate<boolean>(
        `[...document.querySelectorAll('[data-testid="device-detail"] [data-testid="detail-alert-text"], [data-testid="device-detail"] [data-testid="detail-message"]')].every((el) => el.scrollWidth <= el.clientWidth + 1)`,
      );
    };
    expect(await fits(), 'no alert text reaches beyond the pane').toBe(true);
    expect(await text.getAttribute('data-clamped')).toBe('true');
    expect(await text.getAttribute('title')).toBe(LONG_ALERT);
    const clampedHeight = (await text.boundingBox())?.height ?? 0;
    await saveScreenshot(page, 'long-alert-clamped');

    await pane.getByRole('button', { name: 'Show all' }).first().click();
    await expect.poll(() => text.getAttribute('data-clamped')).toBeNull();
    expect((await text.textContent())?.length).toBe(LONG_ALERT.length);
    expect((await text.boundingBox())?.height ?? 0).toBeGreaterThan(clampedHeight);
    expect(await fits(), 'the whole text wraps inside the pane').toBe(true);
    await saveScreenshot(page, 'long-alert-open');
    await pane.getByRole('button', { name: 'Show less' }).first().click();
    await expect.poll(() => text.getAttribute('data-clamped')).toBe('true');
  });

  it('says on the device when another address answers with its serial number and MAC address', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-identity-conflict').then(() => undefined));
    const device = await deviceAt('original');
    const clone = rig.simulator?.devices.find((d) => d.name === 'clone');
    expect(device.identityConflict?.address).toBe(clone?.address);
    expect((await rig.api.devices.list({})).devices.filter((d) => d.identity.serial === device.identity.serial)).toHaveLength(1);

    const pane = await openDetail(device.id);
    const note = pane.getByTestId('detail-identity-conflict');
    await note.waitFor();
    expect(await note.textContent()).toContain(`Another address also answers with this device's serial number and MAC address: ${clone?.address}:${clone?.port}`);
    await saveScreenshot(page, 'identity-conflict');
  });
});
