import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { demoPrinters, POLL_INTERVAL_MS, rowOf, saveScreenshot, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.83.0.1 …
const BASE_ADDRESS = '127.83.0.1';
const FLEET_SIZE = 6;
/** Beyond one poll interval: the round itself, the event's trip, the list's 250 ms coalescing, a refetch, a render. */
const MARGIN_MS = 2_500;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 4), baseAddress: BASE_ADDRESS, pollIntervalMs: POLL_INTERVAL_MS });
  ({ rig, page } = session);
}, 120_000);

afterAll(() => closeConsoleSession(session));

/** A printer that is fine now, with its simulator handle. */
async function healthyPrinter(): Promise<{ device: DeviceSummary; name: string }> {
  const { devices } = await rig.api.devices.list({});
  for (const device of devices) {
    const simulated = rig.simulator?.devices.find((d) => d.address === device.address && d.port === device.port);
    if (device.state === 'ok' && simulated) return { device, name: simulated.name };
  }
  throw new Error(`no healthy printer: ${devices.map((d) => `${d.address} ${d.state}`).join(', ')}`);
}

describe('live updates in the console', () => {
  it(`shows a jam injected into a printer in its row and its open detail within one poll interval (${POLL_INTERVAL_MS} ms + ${MARGIN_MS} ms), without a reload`, async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-live-update').then(() => undefined));
    const { device, name } = await healthyPrinter();
    const row = rowOf(page, device.id);
    await expect.poll(() => row.getAttribute('data-state')).toBe('ok');
    await row.dblclick();
    const detailState = page.getByTestId('device-detail').getByTestId('detail-state');
    await expect.poll(() => detailState.textContent()).toBe('OK');
    // A reload would lose this mark: the change must arrive by a pushed event.
    await page.locator('html').evaluate((html) => html.setAttribute('data-e2e-loaded-once', 'yes'));

    rig.simulator?.device(name).setErrorState(['jammed']);
    const deadline = POLL_INTERVAL_MS + MARGIN_MS;
    const seen = await waitUntil(() => row.getAttribute('data-state'), (state) => state === 'error', deadline + 5_000, 25);
    process.stdout.write(`live update: the jam showed in the list ${Math.round(seen.ms)} ms after it was injected (poll interval ${POLL_INTERVAL_MS} ms)\n`);
    expect(seen.value, `state of the row of ${device.address} after ${Math.round(seen.ms)} ms`).toBe('error');
    expect(seen.ms, 'ms from injecting the jam to the row showing it').toBeLessThanOrEqual(deadline);
    expect(await row.textContent()).toContain('Paper jam');
    await expect.poll(() => detailState.textContent()).toBe('Error');
    await expect.poll(() => page.getByTestId('device-detail').getByTestId('detail-message').textContent()).toContain('Paper jam');
    expect(await page.locator('html').getAttribute('data-e2e-loaded-once'), 'a mark set before the jam (a reload drops it)').toBe('yes');
    await saveScreenshot(page, 'live-jam-light');

    rig.simulator?.device(name).setErrorState([]);
    const cleared = await waitUntil(() => row.getAttribute('data-state'), (state) => state === 'ok', deadline + 5_000, 25);
    expect(cleared.value, `state of the row after the jam was cleared (${Math.round(cleared.ms)} ms)`).toBe('ok');
    expect(cleared.ms).toBeLessThanOrEqual(deadline);
  }, 40_000);
});
