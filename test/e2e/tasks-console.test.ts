import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPrinters, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { startSimulator } from '../../src-main/simulator/simulator';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.87.0.1 … (the tasks UI's range is 127.87.0.0/16).
const BASE_ADDRESS = '127.87.0.1';
const FLEET_SIZE = 3;
const EVERY_MINUTES = 30;
/** A refresh of three loopback printers ends well within this. */
const RUN_TIMEOUT_MS = 20_000;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  // Every printer answers: the refresh must succeed on each.
  const printers = demoPrinters(FLEET_SIZE, 11).map(({ faults: _faults, ...spec }) => spec);
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
}, 120_000);

afterAll(() => closeConsoleSession(session));

async function showSection(name: 'Devices' | 'Tasks' | 'Monitoring' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
}

/** Picks an option of a Mantine (Multi)Select: opens it, types to filter, clicks the option. */
async function pick(field: Locator, search: string, option: string | RegExp): Promise<void> {
  await field.click();
  await field.fill(search);
  await page.getByRole('option', { name: option }).click();
}

describe('tasks in the console', () => {
  it('creates a refresh task in the wizard, lists it with its next run, runs it now and shows the per-device results', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-tasks').then(() => undefined));
    const { devices } = await rig.api.devices.list({});
    expect(devices, 'the fleet was read').toHaveLength(FLEET_SIZE);

    await showSection('Tasks');
    await page.getByTestId('tasks-page').getByText('No tasks yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'New task' }).click();
    const wizard = page.getByRole('dialog', { name: 'New task' });
    await wizard.waitFor();

    // Save on an empty form: nothing is saved, the problems are shown under their fields.
    await wizard.getByRole('button', { name: 'Save task' }).click();
    await wizard.getByTestId('task-wizard-error').waitFor();
    expect(await wizard.getByText('Pick at least one device or group.').count()).toBeGreaterThan(0);
    expect((await rig.api.tasks.list({})).tasks, 'nothing was saved').toHaveLength(0);

    await wizard.getByRole('textbox', { name: 'Task name' }).fill('Refresh lobby');
    const deviceField = wizard.getByLabel('Devices', { exact: true });
    for (const device of devices) await pick(deviceField, device.address, new RegExp(`\\(${device.address.replace(/\./g, '\\.')}:${device.port}\\)`));
    await page.keyboard.press('Escape');
    await wizard.waitFor();
    await saveScreenshot(page, 'tasks-wizard-task');

    await wizard.getByRole('button', { name: 'Next' }).click();
    await wizard.getByRole('textbox', { name: 'Every' }).fill(String(EVERY_MINUTES));
    await expect.poll(() => wizard.getByTestId('schedule-preview').textContent(), { timeout: UI_TIMEOUT_MS }).toBe(`Runs: Every ${EVERY_MINUTES} minutes`);
    await wizard.getByRole('textbox', { name: 'Mail the result to' }).fill('not-an-address');
    await wizard.getByRole('button', { name: 'Save task' }).click();
    await wizard.getByText('Not a mail address: not-an-address').waitFor();
    await wizard.getByRole('textbox', { name: 'Mail the result to' }).fill('');
    await saveScreenshot(page, 'tasks-wizard-schedule');
    const savedAt = Date.now();
    await wizard.getByRole('button', { name: 'Save task' }).click();
    await wizard.waitFor({ state: 'detached' });

    const row = page.getByTestId('task-row');
    await expect.poll(() => row.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Refresh lobby');
    expect(text).toContain('Refresh devices');
    expect(text).toContain(`${FLEET_SIZE} devices`);
    expect(text).toContain(`Every ${EVERY_MINUTES} minutes`);
    expect(text).toContain('Never run');
    const nextRun = Number(await row.getAttribute('data-next-run'));
    const period = EVERY_MINUTES * 60_000;
    expect(nextRun, 'the next run, one period after saving').toBeGreaterThanOrEqual(savedAt + period - 5_000);
    expect(nextRun).toBeLessThanOrEqual(Date.now() + period + 5_000);
    expect((await row.getByTestId('task-next-run').textContent())?.trim(), 'the next run is shown as a date').not.toBe('Not scheduled');
    const [task] = (await rig.api.tasks.list({})).tasks;
    expect(task?.targets.deviceIds.sort()).toEqual(devices.map((d) => d.id).sort());
    await saveScreenshot(page, 'tasks-list');

    await row.getByRole('button', { name: 'Run Refresh lobby now' }).click();
    const execution = page.getByTestId('task-execution');
    await expect.poll(() => execution.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    const { value: state } = await waitUntil(() => execution.getAttribute('data-state'), (s) => s !== null && s !== 'queued' && s !== 'running', RUN_TIMEOUT_MS, 100);
    expect(state, 'the execution ended by itself').toBe('succeeded');
    await expect.poll(() => row.getAttribute('data-last-state'), { timeout: UI_TIMEOUT_MS }).toBe('succeeded');
    expect(await execution.textContent()).toContain('Run now');
    await saveScreenshot(page, 'tasks-executions');

    await execution.click();
    const detail = page.getByTestId('execution-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-state')).toBe('succeeded');
    const results = detail.getByTestId('execution-device');
    await expect.poll(() => results.count(), { timeout: UI_TIMEOUT_MS }).toBe(FLEET_SIZE);
    expect(await results.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ok')))).toEqual(Array.from({ length: FLEET_SIZE }, () => 'true'));
    const shownIds = await results.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-device-id'))).sort((a, b) => a - b));
    expect(shownIds).toEqual(devices.map((d) => d.id).sort((a, b) => a - b));
    expect(await detail.getByTestId('execution-log').textContent(), 'the log says something').not.toBe('Nothing logged.');
    await saveScreenshot(page, 'tasks-execution-detail');
    await page.getByRole('dialog', { name: 'Executions' }).getByRole('button', { name: 'Close' }).click();
  }, 90_000);

  it('copies a task (disabled, not scheduled) and deletes it', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-tasks-copy').then(() => undefined));
    await page.getByRole('button', { name: 'More actions for Refresh lobby' }).click();
    await page.getByRole('menuitem', { name: 'Copy' }).click();
    const copy = page.getByTestId('task-row').filter({ hasText: 'Copy of Refresh lobby' });
    await copy.waitFor();
    expect(await copy.textContent()).toContain('Disabled');
    expect(await copy.getAttribute('data-next-run')).toBe('');

    await page.getByRole('button', { name: 'More actions for Copy of Refresh lobby' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete task' });
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await copy.waitFor({ state: 'detached' });
    expect((await rig.api.tasks.list({})).tasks.map((t) => t.name)).toEqual(['Refresh lobby']);
  }, 30_000);

  it('saves a device search as a task; run now, the printers it finds appear in the device list', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-tasks-search').then(() => undefined));
    // Printers the console does not know yet, on a port of their own (below the ephemeral range).
    const annex = await startSimulator({ port: 16187, baseAddress: '127.87.5.1', devices: demoPrinters(2, 31).map(({ faults: _faults, ...spec }) => spec) });
    try {
      await page.getByRole('button', { name: 'New task' }).click();
      const wizard = page.getByRole('dialog', { name: 'New task' });
      await wizard.getByRole('textbox', { name: 'Task name' }).fill('Search the annex');
      await wizard.getByRole('radio', { name: /^Device search/ }).check();
      await wizard.getByRole('button', { name: 'Next' }).click();
      await wizard.getByRole('textbox', { name: 'Addresses to search' }).fill('127.87.5.1-127.87.5.10');
      await wizard.getByRole('textbox', { name: 'SNMP port' }).fill('16187');
      await saveScreenshot(page, 'tasks-wizard-search');
      await wizard.getByRole('button', { name: 'Next' }).click();
      await wizard.getByRole('button', { name: 'Save task' }).click();
      await wizard.waitFor({ state: 'detached' });

      const row = page.getByTestId('task-row').filter({ hasText: 'Search the annex' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Device search');
      await row.getByRole('button', { name: 'Run Search the annex now' }).click();
      await expect.poll(() => row.getAttribute('data-last-state'), { timeout: RUN_TIMEOUT_MS }).toBe('succeeded');
      const known = new Set((await rig.api.devices.list({})).devices.map((d) => d.address));
      expect(annex.devices.every((d) => known.has(d.address))).toBe(true);
      await showSection('Devices');
      for (const d of annex.devices) await page.getByText(`${d.address}:16187`).first().waitFor({ timeout: UI_TIMEOUT_MS });
      await showSection('Tasks');
    } finally {
      await annex.close();
    }
  }, 60_000);
});
