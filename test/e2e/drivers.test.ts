import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { internalContext } from '../../src-shared/auth/call-context';
import { TEST_PPD } from '../helpers/driver-files';
import { hasIppeveprinter, startIppeveprinter, type IppPrinterRig } from '../helpers/ippeveprinter';
import { hasVsftpd, startVsftpd, type VsftpdRig } from '../helpers/vsftpd';
import { buildZip } from '../helpers/zip-builder';
import { signInThroughPage, showSection, switchLanguage } from './console-access';
import { saveScreenshot, UI_TIMEOUT_MS, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * The drivers plug-in in the console (issue 12 items 8 and 9): an administrator adds a driver
 * store on a real vsftpd and tests it step by step, adds a driverless set and uploads a PPD set
 * from a zip (in chunks, with progress; its metadata read back), checks a device against a real
 * ippeveprinter (IPP Everywhere ready: the driverless set proposed first) and saves an association
 * that is driverless and black and white by default, sees "Driverless ready" in the device list,
 * and imports client PCs from CSV (a bad file shows its line and imports nothing). A user with only
 * the pull page right opens the pull page, is sent to sign in and back, finds the association and
 * downloads its installer. Screens at 1280×720 and 1440×900, in English and Japanese.
 */

const PULL_USER = 'pia';
const PULL_PASSWORD = 'pull-page-password-1';
const DEVICE = 'Lab IPP printer';
const ASSOCIATION = 'Lab floor 3 (driverless)';
let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
let ftp: VsftpdRig;
let printer: IppPrinterRig;
const work = mkdtempSync(join(tmpdir(), 'printdeck-drivers-e2e-'));

beforeAll(async () => {
  if (!hasVsftpd || !hasIppeveprinter) return;
  ftp = await startVsftpd();
  printer = await startIppeveprinter({ name: 'Lab IPP printer' });
  session = await startConsoleSession({ monitor: false });
  rig = session.rig;
  page = session.page;
  const ctx = internalContext();
  await rig.core.api.devices.add({ address: '127.0.0.1', name: DEVICE }, ctx);
  const group = await rig.core.api.accounts.createGroup({ name: 'Printer installers', description: '', permissions: { 'drivers.pullPage': 'view' }, directoryGroups: [] }, ctx);
  await rig.core.api.accounts.createUser({ name: PULL_USER, displayName: 'Pia', password: PULL_PASSWORD, groupIds: [group.id], mustChangePassword: false }, ctx);
}, 240_000);

afterAll(async () => {
  await closeConsoleSession(session);
  await printer?.stop();
  await ftp?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Picks an option of a Mantine Select (its input carries the test id). */
async function choose(testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe.skipIf(!hasVsftpd || !hasIppeveprinter)('printer drivers in the console', () => {
  it('adds a driver store on vsftpd and tests it step by step (1280×720)', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-drivers-store').then(() => undefined));
    await page.setViewportSize({ width: 1280, height: 720 });
    await showSection(page, 'Drivers');
    await page.getByTestId('drivers-tab-stores').click();
    await page.getByTestId('store-add').click();
    const dialog = page.getByTestId('store-dialog');
    await dialog.getByLabel('Name').fill('Lab vsftpd');
    await dialog.getByLabel('Server').fill('127.0.0.1');
    await dialog.getByLabel('Port').fill(String(ftp.port));
    await dialog.getByLabel('Directory').fill(ftp.root);
    await dialog.getByTestId('store-test').click();
    const result = dialog.getByTestId('store-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('data-ok')).toBe('true');
    const steps = await dialog.getByTestId('store-test-step').evaluateAll((all) => all.map((s) => `${s.getAttribute('data-step') ?? ''}:${s.getAttribute('data-ok') ?? ''}`));
    expect(steps[0]).toBe('connect:true');
    expect(steps.at(-1)).toBe('write:true');
    expect(steps.every((s) => s.endsWith(':true'))).toBe(true);
    await saveScreenshot(page, 'drivers-store-test-1280x720-en');
    await dialog.getByTestId('store-save').click();
    await page.getByTestId('store-row').filter({ hasText: 'Lab vsftpd' }).waitFor();
  });

  it('adds a driverless set and uploads a PPD set from a zip in chunks with progress, its metadata read back', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-drivers-sets').then(() => undefined));
    await page.getByTestId('drivers-tab-sets').click();
    await page.getByTestId('set-driverless').click();
    await page.getByTestId('driverless-save').click();
    await page.getByTestId('set-row').filter({ hasText: 'IPP Everywhere (Linux)' }).waitFor();

    // 9 MiB of filler beside the PPD: three chunks, so the progress shows.
    const zip = buildZip([
      { name: 'acme-laser/acme.ppd', data: TEST_PPD },
      { name: 'acme-laser/filler.bin', data: randomBytes(9 * 1024 * 1024) },
    ]);
    const zipPath = join(work, 'acme-laser.zip');
    writeFileSync(zipPath, zip);
    await page.getByTestId('set-upload').click();
    const dialog = page.getByTestId('upload-dialog');
    await dialog.getByTestId('upload-zip').setInputFiles(zipPath);
    await dialog.getByTestId('upload-name').fill('Printdeck Laser PPD');
    await choose('upload-os', 'Linux');
    await dialog.getByTestId('upload-start').click();
    await dialog.getByTestId('upload-progress').waitFor();
    await saveScreenshot(page, 'drivers-upload-progress-1280x720-en');
    await dialog.getByTestId('upload-done').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('upload-metadata').textContent()).toMatch(/^PPD, Printdeck Laser 5000 PS, 2\.1, version 2\.1, 2 files$/);
    await saveScreenshot(page, 'drivers-upload-done-1280x720-en');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('set-row').filter({ hasText: 'Printdeck Laser PPD' }).waitFor();
  });

  it('checks the device against ippeveprinter, uses the driverless proposal and saves it black and white by default', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-drivers-association').then(() => undefined));
    await page.getByTestId('drivers-tab-associations').click();
    await page.getByTestId('association-add').click();
    const dialog = page.getByTestId('association-dialog');
    await choose('association-device', new RegExp(DEVICE));
    await dialog.getByLabel('IPP port').fill(String(printer.port));
    await dialog.getByTestId('association-check').click();
    await expect.poll(() => dialog.getByTestId('ipp-ready').getAttribute('data-ready'), { timeout: 30_000 }).toBe('true');
    expect(await dialog.getByTestId('proposal').first().getAttribute('data-kind')).toBe('driverless');
    await dialog.getByTestId('proposal').first().getByRole('button').click();
    await dialog.getByTestId('association-name').fill(ASSOCIATION);
    await dialog.getByTestId('association-location').fill('Floor 3, east wing');
    expect(await dialog.getByTestId('association-port').inputValue()).toBe(String(printer.port));
    // Black and white is the default (whitepaper §3.5, case 3): nothing to choose.
    expect(await dialog.getByTestId('association-color').locator('input:checked').getAttribute('value')).toBe('monochrome');
    await saveScreenshot(page, 'drivers-association-1280x720-en');
    await dialog.getByTestId('association-save').click();
    const row = page.getByTestId('association-row').filter({ hasText: ASSOCIATION });
    await row.waitFor();
    expect(await row.getByTestId('association-defaults').textContent()).toBe('Black and white, One-sided');
    expect(await row.textContent()).toContain('Driverless');
    await saveScreenshot(page, 'drivers-associations-1280x720-en');
  });

  it('shows "Driverless ready" for the device in the device list', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-drivers-device-list').then(() => undefined));
    await showSection(page, 'Devices');
    const header = page.getByRole('columnheader', { name: 'Driverless ready' });
    await header.waitFor();
    // The plug-in's column follows the console's own: scrolled to for the screenshot.
    await header.scrollIntoViewIfNeeded();
    const badge = page.getByTestId('device-row').filter({ hasText: DEVICE }).getByTestId('driverless-ready');
    await expect.poll(() => badge.getAttribute('data-ready')).toBe('true');
    expect(await badge.textContent()).toBe('Ready');
    await saveScreenshot(page, 'drivers-device-list-1280x720-en');
  });

  it('imports client PCs from CSV: a bad file shows its line and imports nothing, a good one is imported', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-drivers-clients').then(() => undefined));
    await showSection(page, 'Drivers');
    await page.getByTestId('drivers-tab-clients').click();
    await page.getByTestId('clients-import').click();
    const dialog = page.getByTestId('csv-dialog');
    await dialog.getByTestId('csv-file').setInputFiles({ name: 'pcs.csv', mimeType: 'text/csv', buffer: Buffer.from('name,os,site\npc-tokyo-01,windows,Tokyo\npc-osaka-01,beos,Osaka\n') });
    const problem = dialog.getByTestId('csv-problem');
    await problem.first().waitFor();
    expect(await problem.first().getAttribute('data-line')).toBe('3');
    expect(await problem.first().textContent()).toMatch(/^Line 3: /);
    expect(await dialog.getByTestId('csv-import').isDisabled()).toBe(true);
    await saveScreenshot(page, 'drivers-csv-problems-1280x720-en');
    expect((await rig.core.api.plugins.list({}, internalContext())).plugins.find((p) => p.id === 'drivers')?.state).toBe('enabled');
    await dialog.getByTestId('csv-file').setInputFiles({ name: 'pcs.csv', mimeType: 'text/csv', buffer: Buffer.from('name,os,site\npc-tokyo-01,windows,Tokyo\npc-osaka-01,linux,Osaka\n') });
    await dialog.getByTestId('csv-preview').waitFor();
    await dialog.getByTestId('csv-import').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('client-row').count()).toBe(2);
    await saveScreenshot(page, 'drivers-clients-1280x720-en');
  });

  it('pushes the queue to a client PC now and shows its result per PC through the execution progress', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-drivers-push').then(() => undefined));
    await page.getByTestId('drivers-tab-push').click();
    await page.getByTestId('push-clients').click();
    await page.getByRole('option', { name: 'pc-osaka-01' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('push-associations').click();
    await page.getByRole('option', { name: new RegExp(ASSOCIATION.replace(/[()]/g, '\\$&')) }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Wait for reports (minutes)').fill('0');
    await page.getByTestId('push-start').click();
    const progress = page.getByTestId('execution-progress');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: 30_000 }).not.toMatch(/^(queued|running)?$/);
    // pc-osaka-01 has no agent yet: its result says the job waits for one (kept until an agent collects it).
    const result = progress.getByTestId('execution-device').first();
    expect(await result.textContent()).toMatch(/pc-osaka-01/);
    await saveScreenshot(page, 'drivers-push-result-1280x720-en');
  });

  it('looks right at 1440×900 and in Japanese', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('drivers-tab-associations').click();
    await page.getByTestId('association-row').first().waitFor();
    await saveScreenshot(page, 'drivers-associations-1440x900-en');
    await switchLanguage(page, '日本語');
    await page.getByTestId('association-row').first().waitFor();
    await saveScreenshot(page, 'drivers-associations-1440x900-ja');
    await page.getByTestId('drivers-tab-sets').click();
    await saveScreenshot(page, 'drivers-sets-1440x900-ja');
    await page.getByTestId('drivers-tab-clients').click();
    await saveScreenshot(page, 'drivers-clients-1440x900-ja');
    await page.getByTestId('drivers-tab-push').click();
    await saveScreenshot(page, 'drivers-push-1440x900-ja');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByTestId('drivers-tab-stores').click();
    await saveScreenshot(page, 'drivers-stores-1280x720-ja');
    await switchLanguage(page, 'English');
  });

  it('sends a user with only the pull page right to sign in and back; they find the printer and download its installer', async () => {
    if (!session) throw new Error('no session');
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    const visitor = await context.newPage();
    onTestFailed(() => saveScreenshot(visitor, 'failed-drivers-pull-page').then(
      () => undefined,
      () => undefined,
    ));
    try {
      await visitor.goto(`${rig.url.replace(/\/$/, '')}/plugins/drivers/pull?os=linux`);
      await signInThroughPage(visitor, PULL_USER, PULL_PASSWORD);
      await visitor.waitForURL(/\/plugins\/drivers\/pull\?os=linux$/);
      await visitor.locator('#pull-search').fill('east wing');
      const row = visitor.locator('tr[data-text]').filter({ hasText: ASSOCIATION });
      await row.waitFor();
      expect(await visitor.locator('tr[data-text]:not([hidden])').count()).toBe(1);
      await saveScreenshot(visitor, 'drivers-pull-page-1280x720-en');
      const [download] = await Promise.all([visitor.waitForEvent('download'), row.getByRole('link').first().click()]);
      expect(download.suggestedFilename()).toMatch(/^printdeck-.+\.sh$/);
      const script = await readFile(await download.path(), 'utf8');
      expect(script).toContain("'-m' 'everywhere'");
      expect(script).toContain("'-o' 'print-color-mode-default=monochrome'");

      // The page speaks the browser's language: the same session in a Japanese browser.
      const ja = await session.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP', storageState: await context.storageState() });
      try {
        const jaPage = await ja.newPage();
        await jaPage.goto(`${rig.url.replace(/\/$/, '')}/plugins/drivers/pull?os=windows`);
        expect(await jaPage.locator('html').getAttribute('lang')).toBe('ja');
        await jaPage.locator('tr[data-text]').filter({ hasText: ASSOCIATION }).waitFor();
        await saveScreenshot(jaPage, 'drivers-pull-page-1440x900-ja');
      } finally {
        await ja.close();
      }
    } finally {
      await context.close();
    }
  });
});
