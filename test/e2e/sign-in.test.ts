import type { Page, WebSocket as PageSocket } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPrinters, deviceRows, saveScreenshot, waitUntil, type ConsoleRig } from './console-harness';
import { closeConsoleSession, startConsoleSession, type ConsoleSession } from './console-session';

// This file's printers: 127.84.0.1 …
const BASE_ADDRESS = '127.84.0.1';
const FLEET_SIZE = 3;

let session: ConsoleSession | undefined;
let rig: ConsoleRig;
let page: Page;
/** Every WebSocket the page opened, with the frames it received. */
const sockets: { url: string; received: number; closed: boolean }[] = [];

beforeAll(async () => {
  // The page without the token: what someone gets who only knows the address.
  session = await startConsoleSession({ printers: demoPrinters(FLEET_SIZE, 6), baseAddress: BASE_ADDRESS }, (started) => `http://127.0.0.1:${started.server.port}/`);
  ({ rig, page } = session);
}, 120_000);

afterAll(() => closeConsoleSession(session));

function watchSockets(target: Page): void {
  target.on('websocket', (socket: PageSocket) => {
    const entry = { url: socket.url(), received: 0, closed: false };
    sockets.push(entry);
    socket.on('framereceived', () => void entry.received++);
    socket.on('close', () => void (entry.closed = true));
    socket.on('socketerror', () => void (entry.closed = true));
  });
}

/** The status of a WebSocket handshake to /api, as a non-browser client sees it. */
function handshakeStatus(query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${rig.server.port}/api${query}`, { origin: `http://127.0.0.1:${rig.server.port}` });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no answer to the handshake /api${query} within 5 s`));
    }, 5_000);
    socket.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      clearTimeout(timer);
      resolve(101);
      socket.close();
    });
    socket.on('error', () => undefined);
  });
}

describe('access to the console', () => {
  it('refuses the API socket without the right token: 401, and the page shows the token screen and no device', async () => {
    onTestFailed(() => saveScreenshot(page, 'failed-token-screen').then(() => undefined));
    expect(await handshakeStatus(''), 'handshake without a token').toBe(401);
    expect(await handshakeStatus('?token=0123456789abcdef0123456789abcdef'), 'handshake with a wrong token').toBe(401);
    expect(await handshakeStatus(`?token=${rig.server.token}`), 'handshake with the token').toBe(101);

    watchSockets(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Access token needed' }).waitFor();
    expect(await deviceRows(page).count()).toBe(0);
    const refused = await waitUntil(async () => sockets.filter((s) => s.closed), (closed) => closed.length > 0, 5_000);
    expect(refused.value.length, 'the page tried the API socket and was refused').toBeGreaterThan(0);
    expect(sockets.every((s) => s.received === 0), `frames the page received: ${JSON.stringify(sockets)}`).toBe(true);
    await saveScreenshot(page, 'token-screen-light');

    // A wrong token keeps the screen; the printed one opens the console.
    await page.getByLabel('Access token').fill('not-the-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    const retried = await waitUntil(async () => sockets.filter((s) => s.url.includes('token=not-the-token') && s.closed).length, (n) => n > 0, 5_000);
    expect(retried.value, 'a refused try with the wrong token').toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Access token needed' }).waitFor();
    expect(await deviceRows(page).count()).toBe(0);

    await page.getByLabel('Access token').fill(rig.server.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    const shown = await waitUntil(() => deviceRows(page).count(), (n) => n === FLEET_SIZE, 10_000);
    expect(shown.value, 'rows after connecting with the token').toBe(FLEET_SIZE);
  });
});
