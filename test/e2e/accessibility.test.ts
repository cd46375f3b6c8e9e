import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPrinters, rowOf, saveScreenshot, type ConsoleRig } from './console-harness';
import { SECTIONS_NAV, showSection } from './console-access';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * Accessibility of every section, checked by axe-core (WCAG 2.1 A and AA rules) in Chromium:
 * no serious or critical violation in the device list, the device detail, the search wizard,
 * Tasks, Monitoring, every Settings tab and the plug-ins' sections, in the light and the dark
 * scheme; plus what axe cannot judge alone: a skip link as the first stop of the keyboard that
 * moves to the main content, and progress figures that say what they count.
 */

// This file's printers: 127.93.0.1 …
const BASE_ADDRESS = '127.93.0.1';
const FLEET_SIZE = 6;
const CORE_SECTIONS = ['Devices', 'Tasks', 'Monitoring', 'Settings'];

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 14), baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
}, 180_000);

afterAll(() => closeConsoleSession(session));

/** "color-contrast: Elements must … — #device-row-5 …: contrast of 3.94 …" per serious or critical violation of the page as it is now. */
async function violations(where: string): Promise<string[]> {
  // Nothing hovered: a hover colour is not what the section shows.
  await page.mouse.move(1, (page.viewportSize()?.height ?? 900) - 1);
  await page.waitForTimeout(300);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact ?? ''} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`).join('\n    ')}`);
  process.stdout.write(`axe ${where}: ${result.passes.length} rules passed, ${result.violations.length} violated, ${found.length} serious or critical${found.map((f) => `\n  ${f}`).join('')}\n`);
  await saveScreenshot(page, `axe-${where}`);
  return found;
}

/** Every section and Settings tab, the detail and the search wizard; what axe found, by place. */
async function scanEverySection(scheme: string): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  await showSection(page, 'Devices');
  const { devices } = await rig.api.devices.list({});
  const first = devices.find((d) => d.lastSeen !== null) ?? devices[0];
  if (!first) throw new Error('no device in the console');
  await rowOf(page, first.id).waitFor();
  found[`${scheme}-devices`] = await violations(`${scheme}-devices`);
  await rowOf(page, first.id).dblclick();
  await page.getByTestId('device-detail').getByTestId('recent-events').or(page.getByTestId('device-detail').getByText('No status change')).first().waitFor();
  found[`${scheme}-device-detail`] = await violations(`${scheme}-device-detail`);
  await page.getByRole('button', { name: 'Close details' }).click();
  await page.getByRole('button', { name: 'Search devices' }).first().click();
  await page.getByRole('dialog').waitFor();
  found[`${scheme}-search-wizard`] = await violations(`${scheme}-search-wizard`);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  const sections = await page.getByRole('navigation', { name: SECTIONS_NAV }).getByRole('button').allTextContents();
  for (const name of ['Tasks', 'Monitoring', ...sections.filter((s) => !CORE_SECTIONS.includes(s))]) {
    await showSection(page, name);
    found[`${scheme}-${name}`] = await violations(`${scheme}-${name}`);
  }
  await showSection(page, 'Settings');
  for (const tab of await page.getByRole('tab').allTextContents()) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    found[`${scheme}-Settings-${tab}`] = await violations(`${scheme}-Settings-${tab}`);
  }
  await showSection(page, 'Devices');
  return found;
}

describe('accessibility of the console', () => {
  it('has no serious or critical axe violation in any section, in the light and the dark scheme', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-accessibility').then(() => undefined));
    const light = await scanEverySection('light');
    await page.getByRole('button', { name: 'Switch to dark mode' }).or(page.getByRole('button', { name: /dark/i })).first().click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    const dark = await scanEverySection('dark');
    await page.getByRole('button', { name: /light/i }).first().click();
    const all = { ...light, ...dark };
    expect(Object.keys(all).length, 'places scanned').toBeGreaterThanOrEqual(2 * 12);
    expect(Object.entries(all).filter(([, found]) => found.length > 0).map(([where, found]) => `${where}: ${found.join('; ')}`)).toEqual([]);
  }, 300_000);

  it('offers a skip link as the first stop of the keyboard that moves the focus to the main content', async () => {
    // A fresh load: the keyboard starts at the top of the page.
    await page.goto(`${rig.url}#/devices`);
    await page.reload();
    await page.getByTestId('device-row').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByTestId('skip-link');
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('skip-link');
    expect(await skip.textContent()).toBe('Skip to main content');
    expect(await skip.isVisible(), 'visible while it has the focus').toBe(true);
    await saveScreenshot(page, 'skip-link-focused');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('main-content');
    expect(new URL(page.url()).hash, 'the address keeps the console place').toBe('#/devices');
  });

  it('says what the polling figures count', async () => {
    const badge = page.getByTestId('poll-progress');
    await badge.waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toMatch(/^Polling: \d+ of \d+ devices read$/);
  });
});
