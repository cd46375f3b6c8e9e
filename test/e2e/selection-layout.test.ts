import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { ADDRESSBOOK_PLUGIN_ID, addressbookContract } from '../../src-shared/plugins/addressbook/addressbook.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { demoPrinters, deviceRows, rowOf, saveScreenshot, waitUntil, type ConsoleRig } from './console-harness';
import { showSection, switchLanguage } from './console-access';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.146.0.1 …
const BASE_ADDRESS = '127.146.0.1';
const FLEET_SIZE = 24;
const LONG_GROUP = 'Branch Osaka — second floor printers by the lifts';

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
let devices: DeviceSummary[];

beforeAll(async () => {
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 2), baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
  devices = (await rig.api.devices.list({})).devices;
  await rig.api.groups.create({ name: LONG_GROUP, kind: 'static' });
  await rowOf(page, devices[0]?.id ?? 0).waitFor();
}, 120_000);

afterAll(() => closeConsoleSession(session));

/** The ids of the rows in the DOM, in the order shown. */
function shownOrder(): Promise<number[]> {
  return deviceRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-device-id'))));
}

function selectedIds(): Promise<number[]> {
  return deviceRows(page).evaluateAll((rows) => rows.filter((row) => row.getAttribute('aria-selected') === 'true').map((row) => Number(row.getAttribute('data-device-id'))));
}

function checkbox(id: number): Locator {
  return rowOf(page, id).getByTestId('row-checkbox');
}

/** Elements among `selector` whose text is cut (wider than their box): what the eye sees as "127.20…". */
function cutTexts(selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((nodes) => nodes.filter((node) => node.scrollWidth > node.clientWidth + 1).map((node) => node.textContent ?? ''));
}

/** Where an element is on the page; throws when it is not rendered. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element not rendered');
  return found;
}

async function closeDetail(label = 'Close details'): Promise<void> {
  const pane = page.getByTestId('device-detail');
  if ((await pane.count()) === 0) return;
  await pane.getByRole('button', { name: label }).click();
  await pane.waitFor({ state: 'detached' });
}

async function clearSelection(): Promise<void> {
  const selectAll = page.getByTestId('select-all');
  for (let i = 0; i < 2 && (await selectedIds()).length > 0; i++) await selectAll.click();
  await expect.poll(selectedIds).toEqual([]);
}

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  const at = `${size.width}x${size.height}`;
  describe(`selection and layout at ${at}`, () => {
    beforeAll(async () => {
      await page.setViewportSize(size);
      await page.getByRole('navigation', { name: 'Groups' }).getByRole('button', { name: /^All devices/ }).click();
    });

    it('selects with check boxes (Shift for a range), selects all the filtered rows with the header box, and counts them', async () => {
      onTestFailed(() => saveScreenshot(page, `failed-selection-${at}`).then(() => undefined));
      await closeDetail();
      await clearSelection();
      const order = await shownOrder();
      const [first, second, , fourth] = order;
      if (first === undefined || second === undefined || fourth === undefined) throw new Error('the fleet is too small');
      await checkbox(first).click();
      await checkbox(fourth).click({ modifiers: ['Shift'] });
      await expect.poll(selectedIds, { message: 'box, then Shift+box: the first four rows as shown' }).toEqual(order.slice(0, 4));
      await expect.poll(() => page.getByTestId('device-count').textContent()).toContain('4 selected');
      // A box toggles its own row only, and no detail opens.
      await checkbox(second).click();
      await expect.poll(selectedIds).toEqual([first, ...order.slice(2, 4)]);
      expect(await page.getByTestId('device-detail').count(), 'a check box does not open the details').toBe(0);
      expect(await page.getByTestId('select-all').getAttribute('data-indeterminate'), 'the header box while some are selected').toBe('true');
      await saveScreenshot(page, `selection-boxes-${at}`);

      // With a filter, the count and the actions take the selected rows shown only, and
      // "select all" takes the rows shown.
      await page.getByText('Errors', { exact: true }).click();
      const inError = devices.filter((d) => d.state === 'error').map((d) => d.id);
      expect(inError.length, 'demo seed 2 has printers in error').toBeGreaterThan(0);
      await expect.poll(async () => (await shownOrder()).length).toBe(inError.length);
      const selectedInError = [first, ...order.slice(2, 4)].filter((id) => inError.includes(id)).length;
      await expect.poll(() => page.getByTestId('device-count').textContent()).toBe(`${inError.length} of ${FLEET_SIZE} devices${selectedInError > 0 ? ` · ${selectedInError} selected` : ''}`);
      await clearSelection();
      await expect.poll(() => page.getByTestId('select-all').getAttribute('aria-label')).toBe(`Select all ${inError.length} shown`);
      await page.getByTestId('select-all').click();
      await expect.poll(async () => (await selectedIds()).sort((a, b) => a - b)).toEqual(inError.sort((a, b) => a - b));
      await expect.poll(() => page.getByTestId('device-count').textContent()).toBe(`${inError.length} of ${FLEET_SIZE} devices · ${inError.length} selected`);
      await page.getByTestId('select-all').click();
      await expect.poll(selectedIds, { message: 'the header box again: none' }).toEqual([]);
      await page.getByRole('button', { name: 'Clear filter' }).click();
      await expect.poll(async () => (await shownOrder()).length).toBe(FLEET_SIZE);
    });

    it('selects a row with a click, adds one with Ctrl+click, and opens the details with one click on the name', async () => {
      onTestFailed(() => saveScreenshot(page, `failed-name-click-${at}`).then(() => undefined));
      await closeDetail();
      const order = await shownOrder();
      const [first, second, third] = order;
      if (first === undefined || second === undefined || third === undefined) throw new Error('the fleet is too small');
      await rowOf(page, first).locator('td[data-column="location"]').click();
      await rowOf(page, third).locator('td[data-column="location"]').click({ modifiers: ['ControlOrMeta'] });
      await expect.poll(selectedIds).toEqual([first, third]);
      expect(await page.getByTestId('device-detail').count(), 'a click on a row selects, it does not open').toBe(0);

      const name = rowOf(page, second).getByTestId('device-name-link');
      expect(await name.getAttribute('title'), 'the name says what a click does').toMatch(/^Open the details of /);
      await name.click();
      const pane = page.getByTestId('device-detail');
      await expect.poll(() => pane.getAttribute('data-device-id'), { message: 'one click on the name opens the details' }).toBe(String(second));
      await expect.poll(selectedIds, { message: 'the opened row is the selection' }).toEqual([second]);
    });

    it('opens the details without squeezing the list: beside it when there is room, over it otherwise; resizable by its edge', async () => {
      onTestFailed(() => saveScreenshot(page, `failed-detail-panel-${at}`).then(() => undefined));
      await closeDetail();
      const list = page.getByTestId('device-list-scroll');
      // The details just closed: the list eases back to the window's right edge first.
      const listBefore = (await waitUntil(() => box(list), (b) => b.x + b.width >= size.width - 1, 3_000)).value;
      const shown = await shownOrder();
      const device = devices.find((d) => d.lastError === null && shown.slice(0, 5).includes(d.id));
      if (!device) throw new Error('no device answers among the first rows');
      await rowOf(page, device.id).getByTestId('device-name-link').click();
      const panel = page.getByTestId('detail-panel');
      await panel.getByTestId('device-detail').waitFor();
      const mode = await panel.getAttribute('data-mode');
      const panelBox = await box(panel);
      // The shell eases the list's width to its new value (200 ms): measure once it has settled.
      const settled = await waitUntil(() => box(list), (b) => mode !== 'docked' || b.x + b.width <= panelBox.x + 1, 3_000);
      const listAfter = settled.value;
      process.stdout.write(`detail at ${at}: ${mode}, panel ${Math.round(panelBox.width)} px, list ${Math.round(listBefore.width)} → ${Math.round(listAfter.width)} px\n`);
      if (size.width <= 1280) {
        expect(mode, 'at 1280 the details float over the list').toBe('overlay');
        expect(listAfter.width, 'the list keeps its width under the overlay').toBe(listBefore.width);
      } else {
        expect(mode, 'at 1440 there is room beside the list').toBe('docked');
        expect(listAfter.width, 'the list keeps at least 760 px beside the details').toBeGreaterThanOrEqual(760);
        expect(listAfter.x + listAfter.width, 'the list ends where the details start').toBeLessThanOrEqual(panelBox.x + 1);
      }
      // The address whole (not "127.146…"), with a copy button.
      const address = `${device.address}:${device.port}`;
      expect(await panel.getByTestId('device-address').textContent()).toBe(address);
      expect(await cutTexts('[data-testid="detail-panel"] [data-testid="device-address"]'), 'the address in the details is not cut').toEqual([]);
      await panel.getByRole('button', { name: `Copy address ${address}` }).waitFor();
      await saveScreenshot(page, `detail-${at}`);

      // Wider by dragging its left edge; the width is kept.
      const handle = page.getByTestId('detail-resize');
      const grip = await box(handle);
      await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
      await page.mouse.down();
      await page.mouse.move(grip.x + grip.width / 2 - 80, grip.y + grip.height / 2, { steps: 4 });
      await page.mouse.up();
      await expect.poll(async () => Math.round((await box(panel)).width), { message: 'the panel after dragging its edge 80 px to the left' }).toBe(Math.round(panelBox.width + 80));
      // Back with the keyboard (16 px a key).
      await handle.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(async () => Math.round((await box(panel)).width)).toBe(Math.round(panelBox.width));
    });

    it('keeps the rename editor’s buttons whole in the panel', async () => {
      onTestFailed(() => saveScreenshot(page, `failed-rename-${at}`).then(() => undefined));
      const pane = page.getByTestId('device-detail');
      await pane.getByRole('button', { name: 'Rename device' }).click();
      const panelBox = await box(page.getByTestId('detail-panel'));
      for (const label of ['Save', 'Cancel']) {
        const button = pane.getByRole('button', { name: label, exact: true });
        const b = await box(button);
        expect(b.x + b.width, `${label} ends inside the panel`).toBeLessThanOrEqual(panelBox.x + panelBox.width);
        expect(await button.evaluate((node) => node.scrollWidth <= node.clientWidth + 1), `${label} is not clipped`).toBe(true);
        expect(await button.textContent()).toBe(label);
      }
      await saveScreenshot(page, `rename-${at}`);
      await pane.getByLabel('Device name').press('Escape');
      await closeDetail();
    });

    it('shows whole addresses and names in the list, one toolbar line, and whole group names in a resizable group list', async () => {
      onTestFailed(() => saveScreenshot(page, `failed-list-layout-${at}`).then(() => undefined));
      await closeDetail();
      expect(await cutTexts('[data-testid="device-row"] td[data-column="address"]'), 'addresses cut in the list').toEqual([]);
      expect(await cutTexts('[data-testid="device-name-link"]'), 'names cut in the list').toEqual([]);
      const toolbar = await box(page.getByTestId('device-toolbar'));
      expect(toolbar.height, 'the toolbar is one line of buttons').toBeLessThan(40);
      expect(toolbar.x + toolbar.width, 'the toolbar ends inside the window').toBeLessThanOrEqual(size.width);
      // Once the list has its width back (the shell eases it), every action is in the bar at 1440 px.
      if (size.width >= 1440) await expect.poll(() => page.getByTestId('device-toolbar').getAttribute('data-overflow'), { message: 'entries under "More" at 1440 px' }).toBe('0');

      const nav = page.getByRole('navigation', { name: 'Groups' });
      const group = nav.getByRole('button', { name: new RegExp(`^${LONG_GROUP}`) });
      expect(await group.textContent(), 'the whole group name').toContain(LONG_GROUP);
      expect(await cutTexts('nav[aria-label="Groups"] [title]'), 'group names cut').toEqual([]);
      const before = await box(nav);
      const handle = page.getByTestId('groups-resize');
      await handle.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(async () => Math.round((await box(nav)).width), { message: 'the group list after 4 × ArrowRight on its edge' }).toBe(Math.round(before.width + 64));
      const wider = await box(group);
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
      await expect.poll(async () => Math.round((await box(nav)).width)).toBe(Math.round(before.width));
      expect(wider.height, 'a wider list needs fewer lines for the name').toBeLessThanOrEqual((await box(group)).height);
      await saveScreenshot(page, `list-${at}`);
    });
  });
}

describe('a narrow window', () => {
  it('collapses the toolbar into a "More" menu instead of wrapping, and its entries work from there', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-narrow-toolbar').then(() => undefined));
    await page.setViewportSize({ width: 1024, height: 720 });
    await closeDetail();
    const toolbar = page.getByTestId('device-toolbar');
    await expect.poll(() => toolbar.getAttribute('data-overflow'), { message: 'entries under "More" at 1024 px' }).not.toBe('0');
    const bar = await box(toolbar);
    expect(bar.height, 'still one line').toBeLessThan(40);
    expect(bar.x + bar.width).toBeLessThanOrEqual(1024);
    const [first] = await shownOrder();
    await checkbox(first ?? -1).click();
    await page.getByTestId('toolbar-more').click();
    const menu = page.getByRole('menu');
    await saveScreenshot(page, 'toolbar-more-1024');
    // The last entries of the bar are the first to move: CSV is a submenu of "More".
    await menu.getByRole('menuitem', { name: 'CSV' }).hover();
    await expect.poll(() => page.getByRole('menuitem', { name: 'All devices' }).isVisible()).toBe(true);
    await saveScreenshot(page, 'toolbar-more-csv-1024');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // Narrower than a tablet: the group list is a drawer, the toolbar still one line, the details within the window.
    await page.setViewportSize({ width: 720, height: 720 });
    await expect.poll(async () => (await box(toolbar)).height, { message: 'the toolbar at 720 px' }).toBeLessThan(40);
    await rowOf(page, first ?? -1).getByTestId('device-name-link').click();
    const panel = page.getByTestId('detail-panel');
    await panel.getByTestId('device-detail').waitFor();
    const panelBox = await box(panel);
    expect(await panel.getAttribute('data-mode')).toBe('overlay');
    expect(panelBox.x, 'the details start inside the window').toBeGreaterThanOrEqual(0);
    expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(720);
    expect(await cutTexts('[data-testid="detail-panel"] [data-testid="device-address"]')).toEqual([]);
    await saveScreenshot(page, 'narrow-720-detail');
    await closeDetail();

    // Wide again, every entry is back in the bar.
    await page.setViewportSize({ width: 1600, height: 900 });
    const { ok } = await waitUntil(() => toolbar.getAttribute('data-overflow'), (value) => value === '0', 5_000);
    expect(ok, 'nothing under "More" at 1600 px').toBe(true);
    expect(await page.getByTestId('toolbar-more').count()).toBe(0);
  });
});

describe('in Japanese at 1280×720', () => {
  it('keeps the toolbar on one line, the selection column labelled, and the details beside a readable list', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-japanese-layout').then(() => undefined));
    await page.setViewportSize({ width: 1280, height: 720 });
    await closeDetail();
    await switchLanguage(page, '日本語');
    try {
      await expect.poll(() => page.getByTestId('select-all').getAttribute('aria-label')).toBe(`表示中の ${FLEET_SIZE} 件をすべて選択`);
      const toolbar = await box(page.getByTestId('device-toolbar'));
      expect(toolbar.height, 'one line in Japanese too').toBeLessThan(40);
      const [first] = await shownOrder();
      await rowOf(page, first ?? -1).getByTestId('device-name-link').click();
      await page.getByTestId('device-detail').waitFor();
      expect(await cutTexts('[data-testid="detail-panel"] [data-testid="device-address"]')).toEqual([]);
      await saveScreenshot(page, 'detail-ja-1280x720');
      await closeDetail('詳細を閉じる');
    } finally {
      await switchLanguage(page, 'English');
    }
  });
});

describe('the address book editor', () => {
  it('selects entries with the same check boxes: Shift for a range, "select all" of the entries the search shows, and removes only those', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-addressbook-selection').then(() => undefined));
    await page.setViewportSize({ width: 1280, height: 720 });
    const ab = createApiClient(addressbookContract, createInProcessTransport(rig.core.router, rig.core.events), ADDRESSBOOK_PLUGIN_ID);
    const book = await ab.books.create({ name: 'Selection e2e', description: '' });
    const people = ['Aoki', 'Baba', 'Chiba', 'Doi', 'Endo', 'Fujii'];
    for (const [i, name] of people.entries()) await ab.books.saveEntry({ bookId: book.id, entry: { kind: 'email', number: i + 1, name, address: `${name.toLowerCase()}@example.com` } });

    await showSection(page, 'Address books');
    await page.locator(`[data-testid="book-row"][data-book-id="${book.id}"]`).click();
    const editor = page.getByTestId('book-editor');
    await expect.poll(() => editor.getByTestId('entry-row').count()).toBe(people.length);
    const box = (name: string) => editor.getByRole('checkbox', { name: `Select ${name}`, exact: true });
    await box('Baba').click();
    await box('Doi').click({ modifiers: ['Shift'] });
    await expect.poll(() => editor.getByTestId('remove-entries').textContent(), { message: 'Baba, then Shift+Doi: three entries' }).toContain('3');
    const selectedRows = () => editor.locator('[data-testid="entry-row"][aria-selected="true"]').count();
    expect(await selectedRows()).toBe(3);
    await saveScreenshot(page, 'addressbook-selection-1280x720');

    // The search narrows the entries shown: the action takes only the selected ones shown, "select all" only the shown.
    await editor.getByRole('textbox', { name: 'Search name, reading, destination or number' }).fill('i');
    const shown = people.filter((name) => name.toLowerCase().includes('i'));
    await expect.poll(() => editor.getByTestId('entry-row').count()).toBe(shown.length);
    await editor.getByTestId('select-all').click();
    await expect.poll(selectedRows).toBe(shown.length);
    await expect.poll(() => editor.getByTestId('remove-entries').textContent()).toContain(String(shown.length));
    await editor.getByTestId('remove-entries').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(async () => (await ab.books.entries({ bookId: book.id })).entries.map((e) => e.name).sort(), { message: 'what is left after removing the entries shown and selected' }).toEqual(
      people.filter((name) => !shown.includes(name)),
    );
    await showSection(page, 'Devices');
  });
});
