import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { bodyOf } from '../integration/mail/mail-rig';
import { startSmtpServer, type SmtpRig } from '../integration/mail/smtp-rig';
import { demoPrinters, rowOf, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.87.1.1 …; its SMTP server listens on 127.87.2.1 (port 0: a free one).
const BASE_ADDRESS = '127.87.1.1';
const SMTP_HOST = '127.87.2.1';
const FLEET_SIZE = 4;
/** Polls a second apart: a jam is seen within about a second. */
const POLL_INTERVAL_MS = 1_000;
const SMTP_USER = 'printdeck-alerts';
const SMTP_PASSWORD = 'e2e-secret-7';
const RECIPIENT = 'ops@example.test';
/** From the jam to the mail at the server: a poll, the evaluation, the outbox's send over STARTTLS. */
const MAIL_TIMEOUT_MS = 20_000;

let session: ConsoleSession | undefined;
let smtp: SmtpRig | undefined;
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer({ host: SMTP_HOST, users: { [SMTP_USER]: SMTP_PASSWORD } });
  const printers = demoPrinters(FLEET_SIZE, 21).map(({ faults: _faults, ...spec }) => spec);
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS, pollIntervalMs: POLL_INTERVAL_MS });
  ({ rig, page } = session);
}, 120_000);

afterAll(async () => {
  await closeConsoleSession(session);
  await smtp?.close();
});

async function showSection(name: 'Devices' | 'Tasks' | 'Monitoring' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click();
}

/** Opens a Mantine Select by its label and clicks the option. */
async function choose(scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * A header of a raw message, unfolded, with RFC 2047 encoded words (=?utf-8?q?…?= / ?b?) decoded.
 * Hand-written: no MIME parser is installed, and the subject is all this test reads.
 */
function headerOf(raw: string, name: string): string {
  const head = raw.slice(0, Math.max(0, raw.indexOf('\r\n\r\n'))).replace(/\r\n[ \t]+/g, ' ');
  const value = new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '';
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([\w-]+)\?([qQbB])\?([^?]*)\?=/g, (_whole, _charset: string, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** A printer that is fine now, with its simulator name. */
async function healthyPrinter(): Promise<{ device: DeviceSummary; name: string }> {
  const { devices } = await rig.api.devices.list({});
  for (const device of devices) {
    const simulated = rig.simulator?.devices.find((d) => d.address === device.address && d.port === device.port);
    if (device.state === 'ok' && simulated) return { device, name: simulated.name };
  }
  throw new Error(`no healthy printer: ${devices.map((d) => `${d.address} ${d.state}`).join(', ')}`);
}

describe('alerts that reach people', () => {
  it('SMTP set up in Settings (STARTTLS, AUTH PLAIN); a test mail arrives', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-mail-settings').then(() => undefined));
    if (!smtp) throw new Error('no SMTP server');
    await showSection('Settings');
    const form = page.getByRole('region', { name: 'SMTP server' });
    await form.getByLabel('Server', { exact: true }).fill(SMTP_HOST);
    await form.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await choose(form, 'Security', 'STARTTLS');
    // The test server's certificate is self-signed.
    await form.getByLabel('Check the server certificate').uncheck({ force: true });
    await choose(form, 'Login', 'PLAIN');
    await form.getByLabel('User name', { exact: true }).fill(SMTP_USER);
    await form.getByTestId('smtp-password').fill(SMTP_PASSWORD);
    await form.getByLabel('Sender address').fill('printdeck@example.test');
    await page.getByRole('button', { name: 'Save mail settings' }).click();
    // The password is write-only: the field empties and says one is stored.
    await expect.poll(() => form.getByTestId('smtp-password').getAttribute('data-password-set'), { timeout: UI_TIMEOUT_MS }).toBe('true');
    expect(await form.getByTestId('smtp-password').inputValue()).toBe('');
    expect(await form.getByTestId('smtp-password').getAttribute('placeholder')).toBe('set — type to replace');
    const settings = await rig.api.mail.getSettings({});
    expect(settings.smtp).toMatchObject({ host: SMTP_HOST, port: smtp.port, security: 'starttls', auth: 'plain', user: SMTP_USER, passwordSet: true, verifyCertificate: false });

    const test = page.getByRole('region', { name: 'Test mail' });
    await test.getByLabel('Send a test mail to').fill(RECIPIENT);
    await test.getByRole('button', { name: 'Send test mail' }).click();
    const result = test.getByTestId('mail-test-result');
    await result.waitFor({ timeout: MAIL_TIMEOUT_MS });
    expect(await result.getAttribute('data-ok'), (await result.textContent()) ?? '').toBe('true');
    expect(smtp.received.map((m) => m.to)).toEqual([[RECIPIENT]]);
    expect(smtp.authAttempts).toEqual([{ method: 'PLAIN', user: SMTP_USER, ok: true }]);
    expect(smtp.received[0]?.secure, 'sent after STARTTLS').toBe(true);
    await saveScreenshot(page, 'settings-mail');

    await page.getByRole('tab', { name: 'Outbox' }).click();
    const entry = page.getByTestId('outbox-entry');
    await expect.poll(() => entry.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('sent');
    await saveScreenshot(page, 'settings-outbox');
    await page.getByRole('tab', { name: 'Monitoring' }).click();
    await page.getByTestId('monitoring-settings').waitFor();
    await saveScreenshot(page, 'settings-monitoring');
  }, 60_000);

  it('a condition watching "jam" mails the jam of a simulated printer; the list and the alert log show it without reload', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-alert-mail').then(() => undefined));
    if (!smtp) throw new Error('no SMTP server');
    const { device, name } = await healthyPrinter();
    const mailsBefore = smtp.received.length;

    await showSection('Monitoring');
    await page.getByRole('button', { name: 'New condition' }).click();
    const dialog = page.getByRole('dialog', { name: 'New monitoring condition' });
    await dialog.waitFor();
    await dialog.getByLabel('Name', { exact: true }).fill('Jams at reception');
    const devices = dialog.getByLabel('Devices', { exact: true });
    await devices.click();
    await devices.fill(device.address);
    await page.getByRole('option', { name: new RegExp(`\\(${device.address.replace(/\./g, '\\.')}:${device.port}\\)`) }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('checkbox', { name: 'Paper jam' }).check();
    await dialog.getByRole('button', { name: 'Add destination' }).click();
    await dialog.getByLabel('Mail address').fill(RECIPIENT);
    await dialog.getByLabel('Hold-down (minutes)').fill('0');
    await saveScreenshot(page, 'monitoring-condition-dialog');
    await dialog.getByRole('button', { name: 'Save condition' }).click();
    await dialog.waitFor({ state: 'detached' });
    const conditionRow = page.getByTestId('condition-row');
    await expect.poll(() => conditionRow.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    const conditionText = (await conditionRow.textContent()) ?? '';
    expect(conditionText).toContain('Paper jam');
    expect(conditionText).toContain(RECIPIENT);
    const [condition] = (await rig.api.monitoring.listConditions({})).conditions;
    expect(condition).toMatchObject({ watch: ['jammed'], holdDownMinutes: 0, targets: { deviceIds: [device.id] }, destinations: [{ address: RECIPIENT, format: 'standard' }] });
    await saveScreenshot(page, 'monitoring-conditions');

    await showSection('Devices');
    const row = rowOf(page, device.id);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: UI_TIMEOUT_MS }).toBe('ok');
    // A reload would lose this mark: the change must arrive by pushed events.
    await page.locator('html').evaluate((html) => html.setAttribute('data-e2e-loaded-once', 'yes'));
    rig.simulator?.device(name).setErrorState(['jammed']);

    const seen = await waitUntil(() => row.getAttribute('data-state'), (state) => state === 'error', MAIL_TIMEOUT_MS, 50);
    expect(seen.value, `the row of ${device.address} after ${Math.round(seen.ms)} ms`).toBe('error');
    expect(await row.textContent()).toContain('Paper jam');
    await saveScreenshot(page, 'monitoring-jam-in-list');

    const mail = await waitUntil(async () => smtp?.received.slice(mailsBefore) ?? [], (mails) => mails.length > 0, MAIL_TIMEOUT_MS, 100);
    expect(mail.value, 'an alert mail reached the SMTP server').toHaveLength(1);
    const [alertMail] = mail.value;
    process.stdout.write(`alert mail: at the SMTP server ${Math.round(seen.ms + mail.ms)} ms after the jam was injected\n`);
    const subject = headerOf(alertMail?.raw ?? '', 'Subject');
    const deviceName = device.name ?? device.identity.sysName ?? '';
    expect(alertMail?.to).toEqual([RECIPIENT]);
    process.stdout.write(`alert mail subject: ${subject}\n`);
    expect(subject).toContain(deviceName);
    expect(subject.toLowerCase()).toContain('jam');
    expect(bodyOf(alertMail?.raw ?? '')).toContain(deviceName);

    await showSection('Monitoring');
    await page.getByRole('tab', { name: 'Alert log' }).click();
    const alert = page.getByTestId('alert-row').filter({ hasText: deviceName });
    await expect.poll(() => alert.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    expect(await alert.getAttribute('data-kind')).toBe('raised');
    const alertText = (await alert.textContent()) ?? '';
    expect(alertText).toContain('Jams at reception');
    expect(alertText).toContain('Paper jam');
    await expect.poll(async () => (await alert.textContent()) ?? '', { timeout: UI_TIMEOUT_MS }).toContain(`Mailed to ${RECIPIENT}`);
    expect(await page.locator('html').getAttribute('data-e2e-loaded-once'), 'a mark set before the jam (a reload drops it)').toBe('yes');
    await saveScreenshot(page, 'monitoring-alert-log');
    expect(smtp.received.length - mailsBefore, 'one mail for one change, not one per poll').toBe(1);
  }, 90_000);
});
