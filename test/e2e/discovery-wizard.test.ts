import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPrinters, deviceRows, saveScreenshot, shownCount, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.86.0.1 … (the search covers .1–.20: the rest of the range is silent).
const BASE_ADDRESS = '127.86.0.1';
const FLEET_SIZE = 5;
const SEARCH_RANGE = '127.86.0.1-127.86.0.20';
const RANGE_SIZE = 20;
/** The simulator's SNMP port (console-harness starts every printer on it). */
const SIMULATOR_PORT = 1161;
/** Slow enough (20 addresses in about 2 s) that the panel is seen while the search runs. */
const RATE = 10;
/** A search of 20 loopback addresses at RATE, with a short timeout, ends well within this. */
const SEARCH_TIMEOUT_MS = 30_000;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
let files: string | undefined;

beforeAll(async () => {
  // Every printer answers (a demo fleet may hold a silent one): the search must find them all.
  const printers = demoPrinters(FLEET_SIZE, 5).map(({ faults: _faults, ...spec }) => spec);
  // The console starts empty; the printers run on loopback, unknown to it until the search finds them.
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS, readPrinters: false });
  ({ rig, page } = session);
  files = await mkdtemp(join(tmpdir(), 'printdeck-e2e-discovery-'));
}, 120_000);

afterAll(async () => {
  await closeConsoleSession(session);
  if (files) await rm(files, { recursive: true, force: true });
});

function wizard(): Locator {
  return page.getByRole('dialog', { name: 'Search for devices' });
}

async function openWizard(): Promise<Locator> {
  await page.getByRole('button', { name: 'Search devices' }).click();
  const dialog = wizard();
  await dialog.waitFor();
  return dialog;
}

describe('searching for devices from the console', () => {
  it('finds the simulated printers of a range: progress, the devices in the list without reload, and the run in the history', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-discovery-run').then(() => undefined));
    const simulated = (rig.simulator?.devices ?? []).map((d) => d.address).sort();
    expect(simulated, 'the simulated fleet').toHaveLength(FLEET_SIZE);
    await expect.poll(() => shownCount(page), { timeout: UI_TIMEOUT_MS }).toEqual({ shown: 0, total: 0 });

    const dialog = await openWizard();
    await dialog.getByRole('textbox', { name: 'Addresses to search' }).fill(SEARCH_RANGE);
    // discovery.check counts the range as it is typed.
    await expect.poll(() => dialog.getByTestId('discovery-check').textContent(), { timeout: UI_TIMEOUT_MS }).toBe(`${RANGE_SIZE} addresses will be probed`);
    await saveScreenshot(page, 'discovery-wizard-methods');

    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('textbox', { name: 'SNMP port' }).fill(String(SIMULATOR_PORT));
    await dialog.getByRole('textbox', { name: 'Timeout (ms)' }).fill('500');
    await dialog.getByRole('textbox', { name: 'Retries' }).fill('0');
    await dialog.getByRole('textbox', { name: 'Rate (packets/s)' }).fill(String(RATE));
    await dialog.getByRole('textbox', { name: 'Search name (optional)' }).fill('Loopback printers');
    await expect.poll(() => dialog.getByTestId('discovery-check').getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('counted');
    await saveScreenshot(page, 'discovery-wizard-options');

    await dialog.getByRole('button', { name: 'Run now' }).click();
    await dialog.waitFor({ state: 'detached' });
    const panel = page.getByRole('region', { name: 'Search progress' });
    await panel.waitFor();
    // Seen while it runs: the header badge and a bar that counts the range.
    await expect.poll(() => page.getByTestId('discovery-progress-bar').getAttribute('data-total'), { timeout: UI_TIMEOUT_MS }).toBe(String(RANGE_SIZE));
    await saveScreenshot(page, 'discovery-progress-running');

    const { value: state } = await waitUntil(() => panel.getAttribute('data-state'), (s) => s !== 'running', SEARCH_TIMEOUT_MS, 100);
    expect(state, 'the search ended by itself').toBe('succeeded');
    expect(await panel.getByTestId('discovery-count-new').getAttribute('data-count')).toBe(String(FLEET_SIZE));
    expect(await panel.getByTestId('discovery-progress-bar').getAttribute('data-probed')).toBe(String(RANGE_SIZE));
    // The devices appeared as they answered, each once, as new.
    const found = await panel.getByTestId('discovery-result').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-address')} ${r.getAttribute('data-outcome')}`).sort());
    expect(found).toEqual(simulated.map((address) => `${address} new`));

    // The list took them in through 'devices.changed': no reload.
    const { value: listed } = await waitUntil(() => deviceRows(page).evaluateAll((rows) => rows.map((r) => r.textContent ?? '')), (rows) => rows.length === FLEET_SIZE, UI_TIMEOUT_MS);
    for (const address of simulated) expect(listed.some((text) => text.includes(`${address}:${SIMULATOR_PORT}`)), `${address} in the list: ${listed.join(' | ')}`).toBe(true);
    expect(await shownCount(page)).toEqual({ shown: FLEET_SIZE, total: FLEET_SIZE });
    await saveScreenshot(page, 'discovery-progress-finished');

    await page.getByRole('button', { name: 'Search history' }).click();
    const history = page.getByRole('dialog', { name: 'Search history' });
    await history.waitFor();
    const runRow = history.getByTestId('discovery-run');
    await expect.poll(() => runRow.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    expect(await runRow.getAttribute('data-state')).toBe('succeeded');
    const runText = (await runRow.textContent()) ?? '';
    expect(runText).toContain('Loopback printers');
    expect(runText).toContain('Succeeded');
    const { runs } = await rig.api.discovery.listRuns({ limit: 10 });
    expect(runs.map((r) => [r.name, r.state, r.counts.new, r.counts.probed])).toEqual([['Loopback printers', 'succeeded', FLEET_SIZE, RANGE_SIZE]]);
    const results = history.getByTestId('discovery-run-results').getByTestId('discovery-result');
    await expect.poll(() => results.count(), { timeout: UI_TIMEOUT_MS }).toBe(FLEET_SIZE);
    const outcomes = await results.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    expect(new Set(outcomes)).toEqual(new Set(['new']));
    await saveScreenshot(page, 'discovery-history');
    await history.getByRole('button', { name: 'Close' }).click();
    await history.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Hide search progress' }).click();
  });

  it('shows the line number of a bad CSV line under the file and starts nothing', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-discovery-bad-csv').then(() => undefined));
    if (!files) throw new Error('no temp folder');
    const csv = join(files, 'printers.csv');
    await writeFile(csv, 'address\n127.86.0.1\n127.86.0.300\n127.86.0.3\n');
    const runsBefore = (await rig.api.discovery.listRuns({ limit: 10 })).runs.length;

    const dialog = await openWizard();
    await dialog.getByRole('button', { name: 'Reset the form' }).click();
    await dialog.getByRole('checkbox', { name: 'SNMP to addresses' }).uncheck();
    await dialog.getByRole('checkbox', { name: 'CSV file of addresses' }).check();
    await dialog.getByLabel('Address file (CSV)').setInputFiles(csv);
    const error = dialog.getByTestId('address-file-error');
    await error.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await error.textContent()).toMatch(/line 3\b.*127\.86\.0\.300/);

    await dialog.getByRole('button', { name: 'Run now' }).click();
    await dialog.getByTestId('discovery-general-error').waitFor();
    expect(await error.textContent(), 'the message stays under the file').toMatch(/line 3\b/);
    await saveScreenshot(page, 'discovery-wizard-bad-csv');
    expect(await dialog.isVisible(), 'the wizard stays open').toBe(true);
    expect((await rig.api.discovery.listRuns({ limit: 10 })).runs, 'no search was started').toHaveLength(runsBefore);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});
