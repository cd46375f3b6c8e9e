import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { ISSUES } from '../../src-shared/status/status-issues';
import { QUIET_STATUS_WORDS } from '../../src-shared/status/status-words';
import { OUTCOME_WORDS } from '../../src-shared/wording/outcome-words';
import { demoPrinters, rowOf, saveScreenshot, UI_TIMEOUT_MS, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

/**
 * The console in Japanese, all the way (issue 14, items 3 and 4): statuses and alerts a device
 * reports are worded in Japanese beside the Japanese badges, a server error a person meets on
 * the first day reads in Japanese, and a search that lost a printer says "一部失敗" in the
 * search history exactly as the same search run as a task does.
 */

const BASE_ADDRESS = '127.95.0.1';
const FLEET_SIZE = 10;
const PORT = 1161;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;

/** Every English word the status grammar writes: none may show in the Japanese list or detail. */
const ENGLISH_STATUS = new RegExp(`\\b(${[...Object.values(ISSUES).map((i) => i.label), ...Object.values(QUIET_STATUS_WORDS.en), 'empty'].join('|')})\\b`);

beforeAll(async () => {
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 14), baseAddress: BASE_ADDRESS, monitor: false });
  ({ rig, page } = session);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByText('日本語', { exact: true }).click();
  await page.locator('html[lang="ja"]').waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
}, 180_000);

afterAll(() => closeConsoleSession(session));

describe('the console in Japanese', () => {
  it('words every device status and alert in Japanese, the device\'s own text beside it', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-ja-statuses').then(() => undefined));
    const rows = page.getByTestId('device-row');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(FLEET_SIZE);
    const statuses = await rows.locator('td:nth-child(2)').allTextContents();
    expect(statuses.filter((text) => text.trim() !== '')).toHaveLength(FLEET_SIZE);
    const english = statuses.filter((text) => ENGLISH_STATUS.test(text));
    expect(english, `statuses: ${statuses.join(' | ')}`).toEqual([]);
    await saveScreenshot(page, 'ja-device-list');

    const { devices } = await rig.api.devices.list({});
    const troubled = devices.find((d) => d.state === 'error' || d.state === 'warning');
    expect(troubled, 'the demo fleet has a printer in trouble').toBeDefined();
    await rowOf(page, troubled?.id ?? 0).dblclick();
    const pane = page.getByTestId('device-detail');
    await expect.poll(() => pane.getAttribute('data-device-id'), { timeout: UI_TIMEOUT_MS }).toBe(String(troubled?.id));
    const message = (await pane.getByTestId('detail-message').textContent()) ?? '';
    expect(message).not.toMatch(ENGLISH_STATUS);
    expect(message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    const severities = await pane.locator('[data-severity]').allTextContents();
    for (const severity of severities) expect(severity, 'alert severity badge').toMatch(/^(重大|警告|状態変化|その他)$/);
    await saveScreenshot(page, 'ja-device-detail');
  });

  it('says a search that lost a printer "一部失敗" in the history, as its task\'s execution does', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-ja-outcomes').then(() => undefined));
    const silent = rig.simulator?.devices[0];
    rig.simulator?.device(silent?.name ?? '').setFaults({ silent: true });
    const last = rig.simulator?.devices[FLEET_SIZE - 1]?.address ?? '';
    const task = await rig.api.tasks.create({
      name: '夜間検索',
      type: 'discovery',
      schedule: { kind: 'weekly', days: [0], time: '03:00' },
      params: { methods: [{ kind: 'addresses', spec: `${BASE_ADDRESS}-${last}` }], options: { port: PORT, timeoutMs: 300, retries: 0, ratePerSecond: 2000, concurrency: 8 } },
    });
    const { executionId } = await rig.api.tasks.runNow({ id: task.id });
    const { value: execution } = await waitUntil(() => rig.api.tasks.getExecution({ executionId }), (e) => e.execution.state !== 'queued' && e.execution.state !== 'running', 60_000, 200);
    // The demo fleet has silent printers of its own, and one more is silenced: some lost, most found.
    expect(execution.execution.state).toBe('partly-failed');
    const lostCount = execution.execution.failed;
    expect(lostCount).toBeGreaterThanOrEqual(1);
    const { runs } = await rig.api.discovery.listRuns({ limit: 1 });
    expect(runs[0]?.name, 'the search history names the run after its task').toBe('夜間検索');

    await page.getByRole('button', { name: '検索履歴' }).click();
    const history = page.getByRole('dialog', { name: '検索履歴' });
    const run = history.getByTestId('discovery-run').first();
    await run.waitFor({ timeout: UI_TIMEOUT_MS });
    const runText = (await run.textContent()) ?? '';
    expect(runText).toContain('夜間検索');
    expect(runText).toContain(OUTCOME_WORDS.ja.run['partly-failed']);
    await run.click();
    await history.getByText(OUTCOME_WORDS.ja.search.lost).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'ja-search-history');
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('button', { name: 'タスク', exact: true }).click();
    const executionRow = page.getByTestId('task-execution').first();
    await executionRow.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await executionRow.textContent()).toContain(OUTCOME_WORDS.ja.run['partly-failed']);
    await executionRow.click();
    const detail = page.getByTestId('execution-detail');
    await detail.waitFor({ timeout: UI_TIMEOUT_MS });
    const detailText = (await detail.textContent()) ?? '';
    expect(detailText).toContain(OUTCOME_WORDS.ja.run['partly-failed']);
    expect(detailText).toContain(`${OUTCOME_WORDS.ja.device.succeeded} / ${OUTCOME_WORDS.ja.device.failed}`);
    const log = (await detail.getByTestId('execution-log').textContent()) ?? '';
    expect(log).toContain(`Partly failed: ${execution.execution.succeeded} succeeded, ${lostCount} failed`);
    expect(log).not.toMatch(/search \d+ succeeded/);
    await saveScreenshot(page, 'ja-search-execution');
    rig.simulator?.device(silent?.name ?? '').setFaults({ silent: false });
  });

  it('shows a mistyped search address in Japanese under its field', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-ja-address').then(() => undefined));
    await page.keyboard.press('Escape');
    const problem = await rig.api.discovery.check({ request: { methods: [{ kind: 'addresses', spec: '10.0.0.300' }] } }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(problem).toMatchObject({ code: 'invalid-argument', wording: { key: 'addressOctetRange', params: { token: '10.0.0.300', octet: '300' } } });
    await page.getByRole('navigation').getByRole('button', { name: 'デバイス', exact: true }).click();
    await page.getByRole('button', { name: 'デバイスを検索' }).first().click();
    const wizard = page.getByRole('dialog', { name: 'デバイスの検索' });
    await wizard.waitFor({ timeout: UI_TIMEOUT_MS });
    const field = wizard.getByRole('textbox').first();
    await field.fill('10.0.0.300');
    await wizard.getByText('10.0.0.300: オクテット 300 が 0–255 の範囲外です').waitFor({ timeout: UI_TIMEOUT_MS });
    await saveScreenshot(page, 'ja-address-error');
  });
});
