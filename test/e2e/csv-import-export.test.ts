import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as iconv from 'iconv-lite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { buildRenderer, launchChromium, type BuiltRenderer } from '../helpers/browser-fixture';
import { demoPrinters, deviceRows, openConsole, rowIds, saveScreenshot, shownCount, startConsole, waitUntil, type ConsoleRig } from './console-harness';

// This file's printers: 127.82.0.1 …
const BASE_ADDRESS = '127.82.0.1';
const FLEET_SIZE = 8;

let renderer: BuiltRenderer;
let source: ConsoleRig;
/** A fresh console with nothing in it (monitoring off, so imported devices stay unread). */
let target: ConsoleRig;
let browser: Browser;
let context: BrowserContext;
let sourcePage: Page;
let targetPage: Page;
let files: string;

beforeAll(async () => {
  renderer = await buildRenderer();
  files = await mkdtemp(join(tmpdir(), 'printdeck-e2e-csv-'));
  source = await startConsole({ rendererDir: renderer.dir, printers: demoPrinters(FLEET_SIZE, 3), baseAddress: BASE_ADDRESS });
  target = await startConsole({ rendererDir: renderer.dir, monitor: false });
  browser = await launchChromium();
  const opened = await openConsole(browser, source.signInUrl());
  context = opened.context;
  sourcePage = opened.page;
  targetPage = await context.newPage();
  await targetPage.goto(target.signInUrl());
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await target?.close();
  await source?.close();
  await renderer?.remove();
  if (files) await rm(files, { recursive: true, force: true });
});

/** What a device list round-trips through CSV (serial and MAC are the device's own word, not the file's). */
function listed(devices: readonly DeviceSummary[]): string[] {
  return devices.map((d) => [d.name ?? '', `${d.address}:${d.port}`, d.identity.vendor ?? '', d.identity.model ?? '', d.identity.location ?? ''].join(' | ')).sort();
}

async function importFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('CSV file to import').setInputFiles(path);
}

describe('CSV export and import in the console', () => {
  it('exports the list as a CSV download that a fresh console imports back: the same devices, greyed out until read', async () => {
    onTestFailed(() => saveScreenshot(targetPage, 'failed-csv-round-trip').then(() => undefined));
    const original = (await source.api.devices.list({})).devices;
    expect(original).toHaveLength(FLEET_SIZE);
    // Two tabs: the one in front gets animation frames (Playwright's click waits on them).
    await sourcePage.bringToFront();
    await waitUntil(() => sourcePage.getByTestId('device-row').count(), (n) => n === FLEET_SIZE, 10_000);

    await sourcePage.getByRole('button', { name: 'CSV' }).click();
    const [download] = await Promise.all([sourcePage.waitForEvent('download'), sourcePage.getByRole('menuitem', { name: 'All devices' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^printdeck-devices-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = join(files, download.suggestedFilename());
    await download.saveAs(exported);
    const text = await readFile(exported, 'utf8');
    const lines = text.replace(/^\ufeff/, '').trim().split('\n');
    expect(lines[0]).toBe('name,address,port,vendor,model,serial,mac,location');
    expect(lines, `the exported file:\n${text}`).toHaveLength(FLEET_SIZE + 1);

    await targetPage.bringToFront();
    await expect.poll(() => targetPage.getByText('No devices yet. Add one by address or import a CSV file.').isVisible()).toBe(true);
    await importFile(targetPage, exported);
    await expect
      .poll(() => targetPage.getByTestId('notice').allTextContents())
      .toContainEqual(expect.stringContaining(`Imported ${FLEET_SIZE} devices (0 were already in the list)`));
    const imported = (await target.api.devices.list({})).devices;
    expect(listed(imported), 'devices after the round trip').toEqual(listed(original));

    const shown = await waitUntil(() => rowIds(targetPage), (ids) => ids.length === FLEET_SIZE, 10_000);
    expect(shown.value).toEqual(imported.map((d) => d.id).sort((a, b) => a - b));
    expect(await shownCount(targetPage)).toEqual({ shown: FLEET_SIZE, total: FLEET_SIZE });
    const rows = await deviceRows(targetPage).evaluateAll((all) => all.map((row) => ({ grey: row.getAttribute('data-unreachable'), title: row.getAttribute('title'), text: row.textContent ?? '' })));
    for (const row of rows) expect(row, 'an imported row before its first read').toMatchObject({ grey: 'true', title: 'Not read yet' });
    for (const device of original) {
      expect(rows.some((row) => row.text.includes(`${device.address}:${device.port}`) && row.text.includes(device.identity.model ?? '?')), `a row for ${device.address} with its model`).toBe(true);
    }
    await saveScreenshot(targetPage, 'csv-imported-light');
  });

  it('refuses a CSV with a bad line: the message names the line, and nothing of the file is imported', async () => {
    onTestFailed(() => saveScreenshot(targetPage, 'failed-csv-bad-line').then(() => undefined));
    const before = (await target.api.devices.list({})).devices;
    const bad = join(files, 'bad.csv');
    // Line 2 is fine, line 3 has no address: the whole file must be refused.
    await writeFile(bad, 'name,address,location\nNew front desk,127.82.0.200,Reception\nBroken,,Nowhere\n');
    await importFile(targetPage, bad);

    const alert = targetPage.getByRole('alert').filter({ hasText: 'Import failed' });
    await alert.waitFor();
    const message = (await alert.textContent()) ?? '';
    expect(message).toContain('Import failed — nothing was imported');
    expect(message).toMatch(/bad\.csv: line 3: address is empty/);

    const after = (await target.api.devices.list({})).devices;
    expect(listed(after), 'the store after the refused import').toEqual(listed(before));
    expect(after.some((d) => d.address === '127.82.0.200'), 'the good line of the bad file').toBe(false);
    expect(await shownCount(targetPage)).toEqual({ shown: before.length, total: before.length });
  });

  it('reads a Shift_JIS file (Excel in Japanese Windows) as Shift_JIS, and refuses it as UTF-8 when UTF-8 is chosen', async () => {
    onTestFailed(() => saveScreenshot(targetPage, 'failed-csv-shift-jis').then(() => undefined));
    await targetPage.bringToFront();
    const sjis = join(files, 'shift-jis.csv');
    await writeFile(sjis, iconv.encode('name,address,location\n受付プリンタ,127.82.0.201,本社 3 階\n経理部 複合機,127.82.0.202,本社 2 階\n', 'cp932'));

    // Chosen UTF-8: refused in the browser, nothing sent, nothing imported.
    await targetPage.getByRole('button', { name: 'CSV' }).click();
    await targetPage.getByTestId('csv-encoding-utf-8').click();
    await expect.poll(() => targetPage.getByTestId('csv-encoding-utf-8').getAttribute('aria-checked')).toBe('true');
    await targetPage.keyboard.press('Escape');
    await importFile(targetPage, sjis);
    const refused = targetPage.getByRole('alert').filter({ hasText: 'shift-jis.csv' });
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/shift-jis\.csv: The file is not UTF-8 \(line 2\)\. Choose Shift_JIS/);
    expect((await target.api.devices.list({})).devices.some((d) => d.address === '127.82.0.201')).toBe(false);

    // Detect (the default): read as Shift_JIS, the Japanese names arrive intact.
    await targetPage.getByRole('button', { name: 'CSV' }).click();
    await targetPage.getByTestId('csv-encoding-auto').click();
    await targetPage.keyboard.press('Escape');
    await importFile(targetPage, sjis);
    await expect.poll(() => targetPage.getByTestId('notice').allTextContents()).toContainEqual(expect.stringContaining('The file was read as Shift_JIS.'));
    const imported = (await target.api.devices.list({})).devices.filter((d) => d.address.startsWith('127.82.0.20'));
    expect(imported.map((d) => [d.name, d.identity.location]).sort()).toEqual([['受付プリンタ', '本社 3 階'], ['経理部 複合機', '本社 2 階']].sort());
    expect(JSON.stringify(imported)).not.toContain('\uFFFD');
    await saveScreenshot(targetPage, 'csv-shift-jis-imported');
  });
});
