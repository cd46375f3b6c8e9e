import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { demoPrinters, E2E_ADMIN_PASSWORD, openConsole, rowOf, saveScreenshot, UI_TIMEOUT_MS, type ConsoleRig } from './console-harness';
import { signInThroughPage, switchLanguage } from './console-access';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * The device detail an administrator expects (issue 14, item 9): every counter the profile
 * reads (a Canon iR-ADV's billing counters), paper left in sheets of the tray's capacity, the
 * recent status changes and alerts of the device, a link to its own web page, and an address of
 * its own (#/devices/42) that opens it — also through the sign-in. At 1440×900 and 1280×720, in
 * English and Japanese.
 */

// This file's printers: 127.94.0.1 …
const BASE_ADDRESS = '127.94.0.1';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
] as const;

// A Canon colour MFP and two others, none of them silent.
const fleet = demoPrinters(24, 31).filter((p) => p.faults === undefined);
const canonSpec = fleet.find((p) => p.name.startsWith('canon-'));
const printers = [canonSpec, ...fleet.filter((p) => !p.name.startsWith('canon-')).slice(0, 2)].filter((p) => p !== undefined);

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
let canon: DeviceSummary;

beforeAll(async () => {
  if (!canonSpec) throw new Error('the demo fleet of seed 31 has no Canon');
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
  const { devices } = await rig.api.devices.list({});
  const found = devices.find((d) => d.identity.vendor === 'Canon');
  if (!found) throw new Error(`no Canon among ${devices.map((d) => d.identity.vendor).join(', ')}`);
  canon = found;
}, 180_000);

afterAll(() => closeConsoleSession(session));

const detail = () => page.getByTestId('device-detail');

async function openCanon(): Promise<void> {
  await rowOf(page, canon.id).dblclick();
  await expect.poll(() => detail().getAttribute('data-device-id')).toBe(String(canon.id));
  await detail().getByText('Counters', { exact: true }).waitFor();
}

describe('the device detail', () => {
  it('shows every counter of the Canon iR-ADV, its trays in sheets, its web page and its recent status and alerts', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-device-detail-content').then(() => undefined));
    const watched = await rig.api.monitoring.createCondition({
      name: 'Paper path',
      enabled: true,
      targets: { allDevices: false, deviceIds: [canon.id], groupIds: [] },
      watch: ['jammed', 'doorOpen'],
      hours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' },
      destinations: [],
      holdDownMinutes: 0,
      dampingMinutes: 0,
      digest: false,
    });
    await openCanon();
    await expect.poll(() => new URL(page.url()).hash, { message: 'the detail has an address of its own' }).toBe(`#/devices/${canon.id}`);

    const counters = await detail().locator('table').filter({ hasText: 'Counter' }).locator('tbody tr td:first-child').allTextContents();
    process.stdout.write(`device detail: the Canon iR-ADV shows ${counters.length} counters: ${counters.join(', ')}\n`);
    for (const name of ['Total pages', 'Black & white', 'Colour, large paper', 'Colour, small paper', 'Copied', 'Printed', 'Scanned']) expect(counters, name).toContain(name);

    const levels = await detail().getByTestId('tray-level').allTextContents();
    expect(levels.some((l) => /^\d[\d,]* of \d[\d,]* sheets$/.test(l)), `tray levels ${levels.join(' | ')}`).toBe(true);

    const web = detail().getByTestId('device-web-page');
    expect(await web.getAttribute('href')).toBe(`http://${canon.address}/`);
    expect(await web.getAttribute('target')).toBe('_blank');

    // A jam: monitoring logs it, the status changes; both appear under "Recent status and alerts" without a reload.
    rig.simulator?.device(canonSpec?.name ?? '').setErrorState(['jammed']);
    const events = detail().getByTestId('recent-events');
    const kinds = async (): Promise<string> => {
      const rows = events.getByTestId('recent-event');
      const found: string[] = [];
      for (let i = 0; i < Math.min(2, await rows.count()); i++) found.push((await rows.nth(i).getAttribute('data-kind')) ?? '');
      return found.join(',');
    };
    await expect.poll(kinds, { timeout: UI_TIMEOUT_MS }).toBe('alert,status');
    expect(await events.textContent()).toContain('Paper jam');
    expect(await events.textContent()).toContain('condition "Paper path"');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await detail().getByText('Recent status and alerts').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `detail-recent-${size.width}x${size.height}`);
      await detail().getByText('Paper trays').scrollIntoViewIfNeeded();
      await saveScreenshot(page, `detail-trays-counters-${size.width}x${size.height}`);
    }
    await switchLanguage(page, '日本語');
    await detail().getByText('カウンター', { exact: true }).first().scrollIntoViewIfNeeded();
    const jaLevels = await detail().getByTestId('tray-level').allTextContents();
    expect(jaLevels.some((l) => /^\d[\d,]* 枚中 \d[\d,]* 枚$/.test(l)), jaLevels.join(' | ')).toBe(true);
    await saveScreenshot(page, 'detail-trays-counters-ja-1280x720');
    await switchLanguage(page, 'English');
    await page.setViewportSize(SIZES[0]);
    rig.simulator?.device(canonSpec?.name ?? '').setErrorState([]);
    await rig.api.monitoring.removeCondition({ id: watched.id });
  });

  it('opens #/devices/<id> after the sign-in, and follows the address bar', async () => {
    if (!session) throw new Error('no session');
    const fresh = await openConsole(session.browser, `${rig.url}#/devices/${canon.id}`);
    try {
      const other = fresh.page;
      await other.setViewportSize(SIZES[1]);
      await signInThroughPage(other, 'admin', E2E_ADMIN_PASSWORD);
      const opened = other.getByTestId('device-detail');
      await expect.poll(() => opened.getAttribute('data-device-id'), { timeout: UI_TIMEOUT_MS }).toBe(String(canon.id));
      await saveScreenshot(other, 'detail-deep-link-1280x720');
      const { devices } = await rig.api.devices.list({});
      const next = devices.find((d) => d.id !== canon.id);
      if (!next) throw new Error('a second device');
      await other.goto(`${rig.url}#/devices/${next.id}`);
      await expect.poll(() => opened.getAttribute('data-device-id')).toBe(String(next.id));
      await other.getByRole('button', { name: 'Close details' }).click();
      await expect.poll(() => new URL(other.url()).hash).toBe('#/devices');
    } finally {
      await fresh.context.close();
    }
  });
});
