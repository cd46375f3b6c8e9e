import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { appContract, type AppApi } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { internalContext } from '../../src-shared/auth/call-context';
import { createCore, type Core } from '../../src-main/core/create-core';
import type { SnmpSettings } from '../../src-main/core/inventory/inventory.service';
import { createServer, type RunningServer } from '../../src-main/server/server';
import { buildDemoFleet } from '../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../src-main/simulator/simulator';
import { repoRoot } from '../helpers/browser-fixture';

/**
 * The console as a person meets it, inside the test process: a simulated fleet on loopback,
 * a real core on a temp database, the headless server with the renderer built from source,
 * and helpers to drive the page in Chromium by its test ids, roles and visible text.
 */

/** Loopback answers at once: a late reply is a lost one, so a silent printer costs only 0.5 s a round. */
export const E2E_SNMP: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 500, retries: 0 };

/** Short enough that "within one poll interval" is a few seconds of test time. */
export const POLL_INTERVAL_MS = 2_000;

/** The built-in administrator's password in every e2e console. */
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

/** Every UI wait is bounded by this unless a test says otherwise. */
export const UI_TIMEOUT_MS = 10_000;

export interface ConsoleOptions {
  /** The built renderer (BuiltRenderer.dir). */
  rendererDir: string;
  /** Simulated printers, read once and added before the page opens (default: none, an empty console). */
  printers?: SimulatedDeviceSpec[];
  /** First loopback address of the printers: each test file has its own range. */
  baseAddress?: string;
  /** Monitoring period (default POLL_INTERVAL_MS). */
  pollIntervalMs?: number;
  /** Start monitoring (default true); off, imported devices stay unread. */
  monitor?: boolean;
  /** Read the printers into the console before the page opens (default true); false: they run unknown, for a search to find. */
  readPrinters?: boolean;
  /** HTTP port of the printers' web services (the simulated Ricoh address books); default: none served. */
  webPort?: number;
}

export interface ConsoleRig {
  core: Core;
  /** The contract over the in-process transport: what the tests ask the core, as the UI would. */
  api: AppApi;
  server: RunningServer;
  /** null for a console without printers. */
  simulator: Simulator | null;
  /** The console's address (the sign-in page for a browser without a session). */
  url: string;
  /** A one-time link that signs the built-in administrator (or `userId`) in: what most tests open. */
  signInUrl(userId?: number): string;
  /** What the core and the server logged: failures that no caller saw (printed on close when any). */
  logs: string[];
  /** Server, core, printers, data folder: in reverse order of start; never rejects. */
  close(): Promise<void>;
}

/** `count` varied demo printers (some in trouble, some silent), the same for the same seed. */
export function demoPrinters(count: number, seed: number): SimulatedDeviceSpec[] {
  return buildDemoFleet(count, seed);
}

/** Starts printers, core and server; rejects with everything already started stopped again. */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleRig> {
  const logs: string[] = [];
  const log = (line: string): void => void logs.push(line);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`stopping: ${String(error)}`));
    stops.length = 0;
  };
  try {
    const dir = await mkdtemp(join(tmpdir(), 'printdeck-e2e-'));
    stops.push(() => rm(dir, { recursive: true, force: true }));
    const printers = options.printers ?? [];
    let simulator: Simulator | null = null;
    if (printers.length > 0) {
      if (options.baseAddress === undefined) throw new Error('startConsole: printers need a baseAddress (each test file has its own range)');
      const started = await startSimulator({ devices: printers, baseAddress: options.baseAddress, port: 1161, ...(options.webPort === undefined ? {} : { webPort: options.webPort }) });
      simulator = started;
      stops.push(() => started.close());
    }
    const core = await createCore({
      databaseFile: join(dir, 'printdeck.db'),
      resourcesDir: join(repoRoot(), 'resources'),
      snmp: E2E_SNMP,
      pollIntervalMs: options.pollIntervalMs ?? POLL_INTERVAL_MS,
      version: '0.0.0-e2e',
      log,
    });
    stops.push(() => core.dispose());
    if (simulator && (options.readPrinters ?? true)) await core.inventory.readTargets(simulator.devices.map((d) => ({ ...E2E_SNMP, host: d.address, port: d.port })));
    // The administrator has a password of its own, as after the first sign-in.
    const admin = core.auth.ensureAdministrator();
    await core.api.accounts.resetPassword({ id: admin.id, password: E2E_ADMIN_PASSWORD, mustChangePassword: false }, internalContext());
    const server = await createServer({ core, rendererDir: options.rendererDir, log });
    stops.push(() => server.close());
    if (options.monitor ?? true) core.start();
    const api = createApiClient(appContract, createInProcessTransport(core.router, core.events));
    return {
      core,
      api,
      server,
      simulator,
      url: server.url,
      signInUrl: (userId) => server.signInUrl(userId),
      logs,
      async close() {
        await stopAll();
        if (logs.length > 0) process.stderr.write(`console logged:\n${logs.join('\n')}\n`);
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh browser context (no remembered token, columns or colour scheme) with the page at
 * `url`, in English, on a desktop-sized window. Rejects when the page does not load.
 */
export async function openConsole(browser: Browser, url: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<ConsolePage> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  const page = await context.newPage();
  // What the page says about itself is the first thing to read when a test fails.
  page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  await page.goto(url);
  return { context, page };
}

/** Every device row in the DOM (the list is virtualised: with a small fleet that is all of them). */
export function deviceRows(page: Page): Locator {
  return page.getByTestId('device-row');
}

/** The list's "N of M devices" figures; throws when the text has another shape. */
export async function shownCount(page: Page): Promise<{ shown: number; total: number }> {
  const text = (await page.getByTestId('device-count').textContent()) ?? '';
  const match = /([\d,]+) of ([\d,]+) devices/.exec(text);
  if (!match) throw new Error(`device-count says "${text}", expected "N of M devices"`);
  return { shown: Number(match[1]?.replace(/,/g, '')), total: Number(match[2]?.replace(/,/g, '')) };
}

/** The data-device-id of every row in the DOM, sorted. */
export async function rowIds(page: Page): Promise<number[]> {
  const ids = await deviceRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-device-id'))));
  return ids.sort((a, b) => a - b);
}

/** The row of one device. */
export function rowOf(page: Page, id: number): Locator {
  return page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);
}

/** Writes test-results/screenshots/<name>.png (the whole window) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot(), 'test-results', 'screenshots');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** Polls `read` until `done` holds or `timeoutMs` passes; returns the last value and how long it took. */
export async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, everyMs = 50): Promise<{ value: T; ms: number; ok: boolean }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    const ms = performance.now() - started;
    if (done(value)) return { value, ms, ok: true };
    if (ms > timeoutMs) return { value, ms, ok: false };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
