import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../../src-shared/contract/monitoring.contract';
import { consoleHash, parseConsoleHash } from '../../../src-renderer/features/device-detail/console-location';
import { trayLevelText } from '../../../src-renderer/features/device-detail/tray-level';
import { deviceWebUrl } from '../../../src-renderer/features/device-detail/device-web-url';
import { recentEvents } from '../../../src-renderer/features/device-detail/recent-events';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';

/** What the device detail says beyond the reading itself: paper left, recent events, its own address and web page. */

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});

const tray = (over: Partial<Parameters<typeof trayLevelText>[1]> = {}): Parameters<typeof trayLevelText>[1] => ({
  index: '1.2',
  name: 'Drawer 1',
  type: null,
  media: 'A4',
  level: 168,
  max: 550,
  percent: 30.5,
  quality: 'exact',
  ...over,
});

describe('paper left in a tray', () => {
  it('counts sheets against the capacity, in English and Japanese', () => {
    expect(trayLevelText(i18n.getFixedT('en'), tray())).toBe('168 of 550 sheets');
    expect(trayLevelText(i18n.getFixedT('ja'), tray())).toBe('550 枚中 168 枚');
    expect(trayLevelText(i18n.getFixedT('en'), tray({ level: 0, percent: 0 }))).toBe('Empty, holds 550 sheets');
  });

  it('says "paper in" with the capacity for a tray that only knows "some", a percentage without a capacity, — when unknown', () => {
    expect(trayLevelText(i18n.getFixedT('en'), tray({ level: -3, percent: null, quality: 'coarse' }))).toBe('Paper in, holds 550 sheets');
    expect(trayLevelText(i18n.getFixedT('en'), tray({ level: null, max: null, percent: 40, quality: 'coarse' }))).toBe('≈ 40 %');
    expect(trayLevelText(i18n.getFixedT('en'), tray({ level: null, max: null, percent: null, quality: 'unknown' }))).toBe('—');
  });
});

describe("the detail's own address", () => {
  it('reads "#/devices/42" as the devices with 42 open, and sections by name', () => {
    expect(parseConsoleHash('#/devices/42')).toEqual({ section: 'devices', deviceId: 42 });
    expect(parseConsoleHash('#/devices')).toEqual({ section: 'devices', deviceId: null });
    expect(parseConsoleHash('#/tasks')).toEqual({ section: 'tasks', deviceId: null });
  });

  it('ignores what is not a place of the console', () => {
    for (const hash of ['', '#', '#/devices/0', '#/devices/abc', '#/tasks/4', '#/plugins', '#devices/4', '#/devices/4?x']) expect(parseConsoleHash(hash), hash).toBeNull();
  });

  it('writes the fragment a link or bookmark opens again', () => {
    expect(consoleHash({ section: 'devices', deviceId: 42 })).toBe('#/devices/42');
    expect(consoleHash({ section: 'monitoring', deviceId: null })).toBe('#/monitoring');
    expect(parseConsoleHash(consoleHash({ section: 'devices', deviceId: 7 }))).toEqual({ section: 'devices', deviceId: 7 });
  });
});

describe('recent status and alerts', () => {
  const alert = (id: number, at: number): AlertEvent => ({ id, at, conditionId: 1, conditionName: 'Paper path', deviceId: 3, deviceName: 'PRN', kind: 'raised', active: ['jammed'], previous: [], mailedTo: null, mailedAt: null, suppressed: null });
  const status = (at: number) => ({ at, state: 'error' as const, message: 'Paper jam', conditions: ['jammed' as const] });

  it('merges status changes and alerts newest first, the alert before the status change of the same moment, at most the limit', () => {
    const events = recentEvents([status(10), status(30)], [alert(1, 30), alert(2, 20)], 3);
    expect(events.map((e) => `${e.kind}@${e.at}`)).toEqual(['alert@30', 'status@30', 'alert@20']);
  });
});

describe("the device's web page", () => {
  it('is its embedded server on the standard port, IPv6 in brackets', () => {
    expect(deviceWebUrl('10.0.0.5')).toBe('http://10.0.0.5/');
    expect(deviceWebUrl('fe80::1')).toBe('http://[fe80::1]/');
  });
});
