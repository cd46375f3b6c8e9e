import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { DeviceSummary } from '../../src-shared/domain/device.schemas';
import { toDeviceListRow } from '../../src-shared/domain/device-list-row';
import { DEFAULT_SORT, sortDevices, type SortState } from '../../src-renderer/features/devices/device-sort';
import { OPENING_ROWS } from '../../src-renderer/api/device-list-sync';
import { demoPrinters, deviceRows, rowIds, rowOf, saveScreenshot, shownCount, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.80.0.1 …
const BASE_ADDRESS = '127.80.0.1';
const FLEET_SIZE = 16;
const TONER_COLORS = ['black', 'cyan', 'magenta', 'yellow'];

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
/** The devices as the core has them after the first read: what the list must show. */
let devices: DeviceSummary[];

beforeAll(async () => {
  // Demo seed 2 has printers in error and low on toner; the last one is made silent, as some real ones are.
  const printers = demoPrinters(FLEET_SIZE, 2).map((spec, i) => (i === FLEET_SIZE - 1 ? { ...spec, faults: { silent: true } } : spec));
  session = await startConsoleSession({ printers, baseAddress: BASE_ADDRESS });
  ({ rig, page } = session);
  devices = (await rig.api.devices.list({})).devices;
}, 120_000);

afterAll(() => closeConsoleSession(session));

function idsWhere(predicate: (device: DeviceSummary) => boolean): number[] {
  return devices.filter(predicate).map((d) => d.id).sort((a, b) => a - b);
}

/** Waits until the rows in the DOM are exactly `expected` (by id); fails saying which differ. */
async function expectRows(expected: number[], what: string): Promise<void> {
  const { value } = await waitUntil(() => rowIds(page), (ids) => ids.join() === expected.join(), 10_000);
  expect(value, `${what}: rows shown ${value.join(', ')}; expected ${expected.join(', ')}`).toEqual(expected);
}

/** The ids of the rows in the DOM, in the order shown. */
function shownOrder(): Promise<number[]> {
  return deviceRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-device-id'))));
}

/** The ids in the order the console sorts `devices` by `sort`. */
function sortedIds(sort: SortState): number[] {
  return sortDevices(devices.map(toDeviceListRow), sort).map((d) => d.id);
}

describe('the device list in Chromium', () => {
  it('shows every simulated printer, with vendor and model, and greys out the one not answering', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-list-shows-fleet').then(() => undefined));
    expect(devices, 'the core read the whole fleet').toHaveLength(FLEET_SIZE);
    await expectRows(idsWhere(() => true), 'the whole fleet');
    expect(await shownCount(page)).toEqual({ shown: FLEET_SIZE, total: FLEET_SIZE });
    for (const device of devices) {
      const row = rowOf(page, device.id);
      const text = (await row.textContent()) ?? '';
      // A printer that never answered has no vendor or model to show.
      const identity = device.lastError === null ? [device.identity.vendor, device.identity.model] : [];
      for (const part of [`${device.address}:${device.port}`, ...identity]) {
        expect(part, `device ${device.id} was read with vendor and model`).toBeTruthy();
        expect(text, `row of device ${device.id} (${device.address})`).toContain(part);
      }
    }
    const silent = devices.filter((d) => d.lastError !== null);
    expect(silent.map((d) => d.address), 'the silent printer').toEqual([rig.simulator?.devices[FLEET_SIZE - 1]?.address]);
    for (const device of silent) {
      await expect.poll(() => rowOf(page, device.id).getAttribute('data-unreachable')).toBe('true');
      expect(await rowOf(page, device.id).getAttribute('title')).toMatch(/^Not answering: /);
    }
    await saveScreenshot(page, 'list-light');
  });

  it('narrows the list with field filters (all must hold, case-insensitive) and clearing restores it', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-field-filter').then(() => undefined));
    // The first word of a model name that some but not all devices share ("ECOSYS", "Color" …).
    const modelMatches = (word: string) => idsWhere((d) => (d.identity.model ?? '').toLowerCase().includes(word.toLowerCase()));
    const words = devices.flatMap((d) => (d.identity.model ?? '').split(' ').slice(0, 1));
    const word = words.find((w) => w !== '' && modelMatches(w).length > 1 && modelMatches(w).length < FLEET_SIZE);
    if (word === undefined) throw new Error(`no model word narrows the fleet: ${words.join(', ')}`);
    const byModel = modelMatches(word);

    await page.getByRole('textbox', { name: 'Model', exact: true }).fill(word.toUpperCase());
    await expectRows(byModel, `model filter "${word.toUpperCase()}"`);
    expect(await shownCount(page)).toEqual({ shown: byModel.length, total: FLEET_SIZE });

    // A second field narrows further: both must hold.
    const first = devices.find((d) => d.id === byModel[0]);
    const address = first ? first.address : '';
    await page.getByRole('textbox', { name: 'Address', exact: true }).fill(address);
    const both = idsWhere((d) => byModel.includes(d.id) && `${d.address}:${d.port}`.includes(address));
    await expectRows(both, `model "${word}" and address "${address}"`);

    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expectRows(idsWhere(() => true), 'after clearing the filter');
    expect(await page.getByRole('textbox', { name: 'Model', exact: true }).inputValue()).toBe('');
  });

  it('shows only the devices in error with the "Errors" quick filter, and all again when it is cleared', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-errors-filter').then(() => undefined));
    const inError = idsWhere((d) => d.state === 'error');
    expect(inError.length, 'demo seed 2 has printers in error').toBeGreaterThan(0);

    await page.getByText('Errors', { exact: true }).click();
    await expectRows(inError, 'quick filter "Errors"');
    const states = await deviceRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
    expect(new Set(states)).toEqual(new Set(['error']));

    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expectRows(idsWhere(() => true), 'after clearing the quick filter');
  });

  it('opens the detail of a colour printer with its four toners, each with colour and percentage (light and dark)', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-detail').then(() => undefined));
    const isToner = (type: string | null): boolean => type?.toLowerCase().includes('toner') ?? false;
    const colour = devices.find((d) => d.state === 'ok' && TONER_COLORS.every((c) => d.supplies.some((s) => s.color === c && isToner(s.type) && s.percent !== null)));
    if (!colour) throw new Error(`no healthy four-colour printer in the fleet: ${devices.map((d) => d.identity.model).join(', ')}`);
    const detail = await rig.api.devices.get({ id: colour.id });

    await rowOf(page, colour.id).dblclick();
    const pane = page.getByTestId('device-detail');
    await expect.poll(() => pane.getAttribute('data-device-id')).toBe(String(colour.id));
    await pane.getByTestId('supply-list').waitFor();
    await expect.poll(() => pane.textContent()).toContain(colour.identity.model ?? '?');

    for (const color of TONER_COLORS) {
      const supply = detail.supplies.find((s) => s.color === color);
      const percent = Math.round(supply?.percent ?? -1);
      const shown = pane.locator(`[data-testid="supply"][data-color="${color}"]`);
      expect(await shown.count(), `supplies shown in ${color}`).toBe(1);
      const text = (await shown.textContent()) ?? '';
      expect(text, `the ${color} toner`).toContain(color[0]?.toUpperCase() + color.slice(1));
      expect(text, `the ${color} toner`).toMatch(new RegExp(`(^|\\D)${percent} %`));
    }
    await saveScreenshot(page, 'detail-light');

    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await saveScreenshot(page, 'detail-dark');
    await pane.getByRole('button', { name: 'Close details' }).click();
    await pane.waitFor({ state: 'detached' });
    await saveScreenshot(page, 'list-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
  });

  it('opens sorted by name, sorts by a column header (again: the other way), and selects a range with shift and all with Ctrl+A', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-sort-select').then(() => undefined));
    await expect.poll(shownOrder, { message: 'the order the list opens in' }).toEqual(sortedIds(DEFAULT_SORT));
    const pages = page.getByRole('columnheader', { name: 'Pages' }).getByRole('button');
    await pages.click();
    await expect.poll(shownOrder, { message: 'Pages ascending' }).toEqual(sortedIds({ column: 'pages', direction: 'asc' }));
    await pages.click();
    await expect.poll(shownOrder, { message: 'Pages descending' }).toEqual(sortedIds({ column: 'pages', direction: 'desc' }));

    const order = await shownOrder();
    const [first, , , fourth] = order;
    await rowOf(page, first ?? -1).click();
    await rowOf(page, fourth ?? -1).click({ modifiers: ['Shift'] });
    const selected = () => deviceRows(page).evaluateAll((rows) => rows.filter((row) => row.getAttribute('aria-selected') === 'true').map((row) => Number(row.getAttribute('data-device-id'))));
    await expect.poll(selected, { message: 'shift-click: the rows from the first to the fourth as shown' }).toEqual(order.slice(0, 4));
    await page.keyboard.press('ControlOrMeta+a');
    await expect.poll(async () => (await selected()).length, { message: 'Ctrl+A selects every row' }).toBe(FLEET_SIZE);
    await rowOf(page, first ?? -1).click();
    await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
    await expect.poll(shownOrder, { message: 'back to Name ascending' }).toEqual(sortedIds(DEFAULT_SORT));
  });

  it('fetches the list as compact rows: the rows it opens with, then the whole list, then only the rows a change names', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-list-fetches').then(() => undefined));
    const sent: { method: string; params: unknown }[] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        const message = typeof payload === 'string' ? (JSON.parse(payload) as { kind?: string; method?: string; params?: unknown }) : {};
        if (message.kind === 'request' && message.method?.startsWith('devices.list')) sent.push({ method: message.method, params: message.params });
      }),
    );
    await page.reload();
    await expectRows(idsWhere(() => true), 'the whole fleet after a reload');
    expect(sent.slice(0, 2), 'the first list calls of the page').toEqual([
      { method: 'devices.listRows', params: { first: OPENING_ROWS } },
      { method: 'devices.listRows', params: {} },
    ]);

    const renamed = devices.find((d) => d.lastError === null);
    if (!renamed) throw new Error('no device answers');
    const mark = sent.length;
    await rig.api.devices.rename({ id: renamed.id, name: 'Renamed in e2e' });
    await expect.poll(() => rowOf(page, renamed.id).textContent()).toContain('Renamed in e2e');
    // The rename's devices.changed names the device (a poll round landing in the same 250 ms may name more).
    const named = sent.slice(mark).filter((call) => ((call.params as { ids?: number[] }).ids ?? []).includes(renamed.id));
    expect(named.map((call) => call.method), `list calls after the rename: ${JSON.stringify(sent.slice(mark))}`).toEqual(['devices.listRows']);
    await rig.api.devices.rename({ id: renamed.id, name: renamed.name ?? '' });
  });
});
