import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { appContract, type AppApi } from '../../../src-shared/contract/app.contract';
import { DEVICE_STATES, type DeviceState } from '../../../src-shared/domain/device-reading';
import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createEventHub } from '../../../src-shared/rpc/event-hub';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { createRouter } from '../../../src-shared/rpc/router';
import { countStates, worstState } from '../../../src-main/shell/fleet-state';
import { shellLabels } from '../../../src-main/shell/shell-labels';
import { createFleetTray } from '../../../src-main/shell/tray';
import { trayIconFileName, trayIconPng } from '../../../src-main/shell/tray-icon-painter';
import { aDevice, anEventHub, stubAppImpl } from './shell-fixtures';
import { FakeTray, resetFakeElectron, type FakeMenu } from './fake-electron';

vi.mock('electron', () => import('./fake-electron.js'));

const iconsDir = join(__dirname, '..', '..', '..', 'resources', 'icons');

describe('the worst state of the fleet', () => {
  it.each<[DeviceState[], DeviceState]>([
    [[], 'unknown'],
    [['unknown', 'unknown'], 'unknown'],
    [['ok', 'unknown'], 'ok'],
    [['ok', 'warning', 'ok'], 'warning'],
    [['warning', 'offline'], 'offline'],
    [['offline', 'error', 'warning'], 'error'],
  ])('of %j is %s', (states, worst) => {
    expect(worstState(states)).toBe(worst);
  });

  it('is described in the tooltip with its counts, in English or Japanese', () => {
    const en = shellLabels('en-GB');
    const counts = countStates([...Array<DeviceState>(3).fill('error'), ...Array<DeviceState>(5).fill('warning'), 'ok']);
    expect(en.tooltip(counts)).toBe('Printdeck — 3 errors, 5 warnings');
    expect(en.tooltip(countStates(['error', 'offline', 'offline']))).toBe('Printdeck — 1 error, 2 offline');
    expect(en.tooltip(countStates(['ok', 'ok']))).toBe('Printdeck — no problems (2 devices)');
    expect(en.tooltip(countStates([]))).toBe('Printdeck — no devices yet');
    expect(shellLabels('ja-JP').tooltip(counts)).toBe('Printdeck — エラー 3 件、警告 5 件');
  });
});

function setUp(devices: DeviceSummary[]) {
  const monitoringCalls: boolean[] = [];
  const router = createRouter(
    appContract,
    stubAppImpl({
      devices: { list: () => ({ devices }) },
      system: {
        info: () => ({ version: '0.1.0', demo: false, pollIntervalMs: 60_000, monitoring: true, deviceCount: devices.length, demoSearch: null }),
        setMonitoring: ({ enabled }) => {
          monitoringCalls.push(enabled);
          return { monitoring: enabled };
        },
      },
    }),
  );
  const api: AppApi = createApiClient(appContract, createInProcessTransport(router, createEventHub()));
  const events = anEventHub();
  const shown: string[] = [];
  let quits = 0;
  const tray = createFleetTray({ api, events, labels: shellLabels('en'), iconsDir, showWindow: () => shown.push('window'), quit: () => (quits += 1) });
  const fake = FakeTray.instances.at(-1);
  if (!fake) throw new Error('no Tray was created');
  const menu = (): FakeMenu => {
    if (!fake.menu) throw new Error('the tray has no menu');
    return fake.menu;
  };
  return { tray, fake, events, menu, monitoringCalls, shown, quits: () => quits };
}

beforeEach(() => resetFakeElectron());

describe('the tray icon', () => {
  it('shows the worst state of the listed fleet, counting unreachable devices as offline', async () => {
    const { tray, fake } = setUp([aDevice({ state: 'ok' }), aDevice({ state: 'warning' }), aDevice({ state: 'ok', lastError: { code: 'snmp-timeout', message: 'No answer' } })]);
    await tray.resync();
    expect(tray.shownState()).toBe('offline');
    expect(fake.image.path).toBe(join(iconsDir, 'tray-offline.png'));
    expect(fake.tooltip).toBe('Printdeck — 1 warning, 1 offline');
  });

  it('follows device.status events and removed devices', async () => {
    const first = aDevice({ state: 'ok' });
    const second = aDevice({ state: 'ok' });
    const { tray, fake, events } = setUp([first, second]);
    await tray.resync();
    expect([fake.image.path, fake.tooltip]).toEqual([join(iconsDir, 'tray-ok.png'), 'Printdeck — no problems (2 devices)']);

    events.emit('device.status', { id: second.id, name: 'lobby', state: 'error', previous: 'ok', message: 'Paper jam' });
    expect([fake.image.path, fake.tooltip]).toEqual([join(iconsDir, 'tray-error.png'), 'Printdeck — 1 error']);

    events.emit('devices.changed', { ids: [], removed: [second.id] });
    expect([fake.image.path, fake.tooltip]).toEqual([join(iconsDir, 'tray-ok.png'), 'Printdeck — no problems (1 device)']);
  });

  it('offers Open, Pause/Resume monitoring and Quit', async () => {
    const { tray, menu, monitoringCalls, shown, quits } = setUp([]);
    await tray.resync();
    expect(menu().template.map((item) => item.label ?? item.type)).toEqual(['Open Printdeck', 'Pause monitoring', 'separator', 'Quit']);
    menu().click('Open Printdeck');
    menu().click('Pause monitoring');
    await vi.waitFor(() => expect(menu().template[1]?.label).toBe('Resume monitoring'), { timeout: 1000 });
    menu().click('Resume monitoring');
    await vi.waitFor(() => expect(menu().template[1]?.label).toBe('Pause monitoring'), { timeout: 1000 });
    menu().click('Quit');
    expect({ shown, monitoringCalls, quits: quits() }).toEqual({ shown: ['window'], monitoringCalls: [false, true], quits: 1 });
  });

  it('is removed on dispose and stops following events', async () => {
    const device = aDevice({ state: 'ok' });
    const { tray, fake, events } = setUp([device]);
    await tray.resync();
    tray.dispose();
    events.emit('device.status', { id: device.id, name: 'x', state: 'error', previous: 'ok', message: 'Jam' });
    expect([fake.destroyed, tray.shownState()]).toEqual([true, 'ok']);
  });
});

describe('the tray icon files', () => {
  it.each(DEVICE_STATES.flatMap((state) => [[state, 1] as const, [state, 2] as const]))('%s at %ix is the painter output, a valid PNG', (state, scale) => {
    const file = readFileSync(join(iconsDir, trayIconFileName(state, scale)));
    expect(file.equals(trayIconPng(state, scale)), `${trayIconFileName(state, scale)} differs: run npx tsx src-main/shell/tray-icons.tool.ts`).toBe(true);
    expect(file.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([file.readUInt32BE(16), file.readUInt32BE(20)]).toEqual([16 * scale, 16 * scale]);
    const idatLength = file.readUInt32BE(33);
    expect(inflateSync(file.subarray(41, 41 + idatLength)).length).toBe((16 * scale * 4 + 1) * 16 * scale);
  });
});
