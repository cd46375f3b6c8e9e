import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { bodyOf, smtpSettings } from '../integration/mail/mail-rig';
import { startSmtpServer, type ReceivedMail, type SmtpRig } from '../integration/mail/smtp-rig';
import { demoPrinters, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { showSection } from './console-access';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * Alert mails a person can act on (issue 14, item 8), end to end: the console address is set
 * in Settings → Mail server (a bad one is refused under its field), two printers jam, and the
 * mails at a real SMTP server say what happened in the subject, give each device its model,
 * address and a link that opens its detail in the console; the short format ends "+N more".
 */

// This file's printers: 127.95.1.1 …; its SMTP server listens on 127.95.2.1 (port 0: a free one).
const BASE_ADDRESS = '127.95.1.1';
const SMTP_HOST = '127.95.2.1';
const CONSOLE_URL = 'https://printdeck.example.test';
const DESK = 'desk@example.test';
const PHONE = 'phone@example.test';
const MAIL_TIMEOUT_MS = 20_000;

let session: ConsoleSession | undefined;
let smtp: SmtpRig | undefined;
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  smtp = await startSmtpServer({ host: SMTP_HOST, users: {} });
  const printers = demoPrinters(3, 44).map(({ faults: _faults, ...spec }) => spec);
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS, pollIntervalMs: 1_000 });
  ({ rig, page } = session);
  await rig.api.mail.updateSettings(smtpSettings(SMTP_HOST, smtp.port));
}, 120_000);

afterAll(async () => {
  await closeConsoleSession(session);
  await smtp?.close();
});

/** The Subject header as a person reads it (unfolded, RFC 2047 encoded words decoded; no MIME parser is installed). */
function subjectOf(raw: string): string {
  const head = raw.slice(0, Math.max(0, raw.indexOf('\r\n\r\n'))).replace(/\r\n[ \t]+/g, ' ');
  return (/^Subject: (.*)$/im.exec(head)?.[1] ?? '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?[\w-]+\?([qQbB])\?([^?]*)\?=/g, (_w, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The plain-text part of a message (quoted-printable undone). */
function textOf(raw: string): string {
  const body = bodyOf(raw);
  const part = /Content-Type: text\/plain[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)(?:\r\n--|$)/i.exec(body)?.[1] ?? body;
  return Buffer.from(part.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

describe('alert mails a person can act on', () => {
  it('takes the console address in Settings → Mail server, refusing one that is not an http(s) address', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-console-url').then(() => undefined));
    await showSection(page, 'Settings');
    const field = page.getByLabel('Console address (links in mails)');
    await field.fill('printdeck.example.test');
    await page.getByRole('button', { name: 'Save mail settings' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Not an http:// or https:// address without ? or #: printdeck.example.test').count(), 'the problem under the field').toBe(1);
    for (const size of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      await page.setViewportSize(size);
      await field.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `mail-console-url-refused-${size.width}x${size.height}`);
    }
    await field.fill(`${CONSOLE_URL}/`);
    await page.getByRole('button', { name: 'Save mail settings' }).click();
    await expect.poll(async () => (await rig.api.mail.getSettings({})).consoleUrl, { timeout: UI_TIMEOUT_MS }).toBe(CONSOLE_URL);
    await expect.poll(() => field.inputValue()).toBe(CONSOLE_URL);
    await saveScreenshot(page, 'mail-console-url-saved-1280x720');
    await page.setViewportSize({ width: 1440, height: 900 });
    await showSection(page, 'Devices');
  });

  it('mails two jams with what happened in the subject, each device with model, address and a link that opens it; the short mail ends "+1 more"', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-alert-mail-content').then(() => undefined));
    if (!smtp || !rig.simulator) throw new Error('no SMTP server or printers');
    const { devices } = await rig.api.devices.list({});
    const jammed = devices.filter((d) => d.state === 'ok' && d.lastSeen !== null).slice(0, 2);
    expect(jammed, 'two healthy printers').toHaveLength(2);
    await rig.api.monitoring.createCondition({
      name: 'Paper path',
      enabled: true,
      targets: { allDevices: false, deviceIds: jammed.map((d) => d.id), groupIds: [] },
      watch: ['jammed'],
      hours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' },
      destinations: [
        { address: DESK, format: 'standard', maxChars: 160 },
        { address: PHONE, format: 'short', maxChars: 40 },
      ],
      holdDownMinutes: 0,
      dampingMinutes: 0,
      digest: false,
    });
    const simulated = (d: DeviceSummary): string => rig.simulator?.devices.find((s) => s.address === d.address && s.port === d.port)?.name ?? '';
    for (const d of jammed) rig.simulator.device(simulated(d)).setErrorState(['jammed']);

    const to = (address: string): ReceivedMail[] => smtp?.received.filter((m) => m.to.includes(address)) ?? [];
    await waitUntil(async () => [to(DESK).length, to(PHONE).length], ([desk, phone]) => (desk ?? 0) > 0 && (phone ?? 0) > 0, MAIL_TIMEOUT_MS, 100);
    // Both jams in one mail, or a mail each when one poll saw only the first: what the desk was told covers both.
    const deskText = to(DESK).map((m) => textOf(m.raw)).join('\n');
    const subjects = to(DESK).map((m) => subjectOf(m.raw));
    process.stdout.write(`alert mail subjects: ${subjects.join(' | ')}\nshort mail: ${to(PHONE).map((m) => textOf(m.raw).trim()).join(' | ')}\n`);
    expect(subjects.join(' ')).toMatch(/\d paper jams?/);
    expect(subjects.every((s) => s !== 'Printdeck')).toBe(true);
    for (const d of jammed) {
      const detail = await rig.api.devices.get({ id: d.id });
      expect(deskText).toContain(`${CONSOLE_URL}/#/devices/${d.id}`);
      expect(deskText).toContain(`${d.address}:${d.port}`);
      if (detail.identity.model) expect(deskText).toContain(detail.identity.model);
    }
    if (to(DESK).length === 1) {
      expect(subjects[0]).toMatch(/^2 paper jams/);
      const short = textOf(to(PHONE)[0]?.raw ?? '').trim();
      expect(short.length).toBeLessThanOrEqual(40);
      expect(short).toMatch(/ \+1 more$/);
      expect(subjectOf(to(PHONE)[0]?.raw ?? '')).toBe(subjects[0]);
    }

    // The link opens the device's detail in the console (here at the test's own address).
    const link = new RegExp(`${CONSOLE_URL.replace(/[.]/g, '\\.')}/(#/devices/\\d+)`).exec(deskText)?.[1] ?? '';
    await page.goto(`${rig.url}${link}`);
    const opened = page.getByTestId('device-detail');
    await expect.poll(() => opened.getAttribute('data-device-id'), { timeout: UI_TIMEOUT_MS }).toBe(link.split('/').at(-1));
    await saveScreenshot(page, 'alert-mail-link-opened-1440x900');
    for (const d of jammed) rig.simulator.device(simulated(d)).setErrorState([]);
  }, 60_000);
});
