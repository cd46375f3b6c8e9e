import { describe, expect, it } from 'vitest';
import type { TaskDeviceResult } from '../../../src-shared/contract/tasks.contract';
import { addressText, runBudgetMs, taskName, type ResolvedTarget } from '../../../src-main/cli/device-job';
import { SETTING_OPTIONS, SETTING_OPTION_SPEC, settingValuesOf, writeCredentialOf } from '../../../src-main/cli/settings-options';
import { resultsJson, resultsText, targetResults, valueText } from '../../../src-main/cli/settings-results';
import { SETTING_IDS } from '../../../src-shared/settings/settings-catalogue';

describe('settings set options → catalogue items', () => {
  it('maps every option to a catalogue item and has a parseArgs entry for each', () => {
    for (const o of SETTING_OPTIONS) expect(SETTING_IDS).toContain(o.item);
    expect(Object.keys(SETTING_OPTION_SPEC).sort()).toEqual(SETTING_OPTIONS.map((o) => o.option).sort());
  });

  it('turns text and on/off options into values, in the options’ order', () => {
    expect(settingValuesOf({ ipp: 'OFF', contact: 'ops@example.test', name: 'front-desk', lpd: 'on', 'admin-name': '', 'service-person': 'Vendor', location: 'Room 1', raw: 'off' })).toEqual({
      deviceName: 'front-desk',
      installationSite: 'Room 1',
      administratorContact: 'ops@example.test',
      administratorName: '',
      servicePersonName: 'Vendor',
      lpd: true,
      raw: false,
      ipp: false,
    });
    expect(Object.keys(settingValuesOf({ contact: 'c', name: 'n' }))).toEqual(['deviceName', 'administratorContact']);
  });

  it.each([
    [{}, /needs at least one setting: --name, --location, --contact, --admin-name, --service-person, --lpd, --raw, --ipp/],
    [{ lpd: 'maybe' }, /--lpd "maybe" must be on or off/],
    [{ name: 'x'.repeat(256) }, /--name: at most 255 characters \(256 given\)/],
    [{ 'admin-name': 'x'.repeat(128) }, /--admin-name: at most 127 characters/],
    [{ 'service-person': 'tab\there' }, /--service-person: must not contain control characters/],
  ])('refuses %j naming the option', (values, message) => {
    expect(() => settingValuesOf(values)).toThrow(message);
  });
});

describe('write credential options', () => {
  it('none given: null', () => {
    expect(writeCredentialOf({}, 'v2c')).toBeNull();
  });

  it('a community follows the read version when it is v1, else v2c', () => {
    expect(writeCredentialOf({ 'write-community': 'private' }, 'v2c')).toEqual({ version: 'v2c', community: 'private' });
    expect(writeCredentialOf({ 'write-community': 'private' }, 'v1')).toEqual({ version: 'v1', community: 'private' });
    expect(writeCredentialOf({ 'write-community': 'private' }, 'v3')).toEqual({ version: 'v2c', community: 'private' });
  });

  it('an SNMPv3 user with its keys: the level from the keys, protocols only with their keys', () => {
    expect(writeCredentialOf({ 'write-v3-user': 'writer', 'write-v3-auth-key': 'authpass1', 'write-v3-priv-key': 'privpass1', 'write-v3-auth-protocol': 'SHA256' }, 'v2c')).toEqual({
      version: 'v3',
      user: 'writer',
      level: 'authPriv',
      authProtocol: 'sha256',
      authKey: 'authpass1',
      privProtocol: 'aes',
      privKey: 'privpass1',
      context: undefined,
    });
    expect(writeCredentialOf({ 'write-v3-user': 'writer' }, 'v2c')).toMatchObject({ version: 'v3', level: 'noAuthNoPriv', authProtocol: undefined, privProtocol: undefined });
  });

  it.each([
    [{ 'write-community': 'a', 'write-v3-user': 'u' }, /--write-community and --write-v3-user are alternatives/],
    [{ 'write-community': 'a', 'write-v3-auth-key': 'authpass1' }, /--write-community and --write-v3-auth-key are alternatives/],
    [{ 'write-v3-level': 'authPriv' }, /--write-v3-level needs --write-v3-user/],
    [{ 'write-v3-user': 'u', 'write-v3-level': 'authPriv', 'write-v3-auth-key': 'authpass1' }, /--write-v3-level authPriv needs --write-v3-priv-key/],
    [{ 'write-v3-user': 'u', 'write-v3-auth-key': 'short' }, /--write-v3-auth-key must be at least 8 characters/],
    [{ 'write-v3-user': 'u', 'write-v3-auth-key': 'authpass1', 'write-v3-auth-protocol': 'sha3' }, /--write-v3-auth-protocol "sha3" is not one of/],
    [{ 'write-community': '' }, /--write-community: /],
    [{ 'write-v3-user': 'u'.repeat(65) }, /--write-v3-user: /],
  ])('refuses %j naming the option', (values, message) => {
    expect(() => writeCredentialOf(values, 'v2c')).toThrow(message);
  });
});

describe('results per target', () => {
  const targets: ResolvedTarget[] = [
    { label: 'printer-a:161', deviceId: 1, error: null, profile: 'hp' },
    { label: '10.0.0.9', deviceId: null, error: 'no reply from 10.0.0.9', profile: null },
    { label: 'printer-c', deviceId: 3, error: null, profile: null },
  ];
  const devices: TaskDeviceResult[] = [
    {
      deviceId: 1,
      label: 'a',
      ok: true,
      at: 1,
      message: '1 delivered, 1 unsupported (lpd)',
      items: [
        { item: 'deviceName', outcome: 'delivered', message: 'delivered and read back', value: 'A' },
        { item: 'lpd', outcome: 'unsupported', message: 'the device has no channel of type 8', value: null },
      ],
    },
  ];

  it('set: ok only when every item is delivered or already set; targets never worked on get every item not reached', () => {
    const results = targetResults('set', targets, devices, ['deviceName', 'lpd']);
    expect(results.map((r) => [r.target, r.ok])).toEqual([
      ['printer-a:161', false],
      ['10.0.0.9', false],
      ['printer-c', false],
    ]);
    expect(results[0]?.error).toBe('1 delivered, 1 unsupported (lpd)');
    expect(results[1]?.items).toEqual([
      { item: 'deviceName', outcome: 'not-reached', message: 'no reply from 10.0.0.9', value: null },
      { item: 'lpd', outcome: 'not-reached', message: 'no reply from 10.0.0.9', value: null },
    ]);
    expect(results[2]?.error).toMatch(/the run ended before this device was worked on/);
    const text = resultsText('set', results);
    expect(text).toMatch(/--lpd\s+lpd\s+unsupported\s+-\s+the device has no channel of type 8/);
    expect(text).toMatch(/10\.0\.0\.9 {2}not written: no reply from 10\.0\.0\.9/);
    expect(text).toMatch(/0 of 3 devices with every item delivered or already set \(1 of 6 items\)\.$/);
  });

  it('get and reboot: ok is the device result’s; the JSON shapes', () => {
    const get = targetResults('get', targets.slice(0, 1), devices);
    expect(get[0]?.ok).toBe(true);
    expect(JSON.parse(resultsJson('get', get))).toEqual([
      {
        target: 'printer-a:161',
        ok: true,
        error: null,
        profile: 'hp',
        items: [
          { item: 'deviceName', outcome: 'delivered', value: 'A', message: 'delivered and read back' },
          { item: 'lpd', outcome: 'unsupported', value: null, message: 'the device has no channel of type 8' },
        ],
      },
    ]);
    const reboot = targetResults('reboot', targets.slice(1, 2), []);
    expect(JSON.parse(resultsJson('reboot', reboot))).toEqual([{ target: '10.0.0.9', ok: false, error: 'no reply from 10.0.0.9', profile: null, message: null }]);
  });

  it('values as text: on/off, "-" for none, "" for empty text', () => {
    expect([true, false, null, '', 'x', 7].map((v) => valueText(v))).toEqual(['on', 'off', '-', '""', 'x', '7']);
  });
});

describe('run helpers', () => {
  it('addresses with brackets for IPv6; task names at most 120 characters', () => {
    expect(addressText('10.0.0.5', 161)).toBe('10.0.0.5:161');
    expect(addressText('::1', 1161)).toBe('[::1]:1161');
    expect(taskName('Set name', ['a:1'])).toBe('Set name (command line): a:1');
    const long = taskName('Set name', Array.from({ length: 40 }, (_, i) => `10.0.0.${i}`));
    expect(long).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });

  it('the wait budget grows with waves of 32 devices, slow SNMP settings and a reboot', () => {
    expect(runBudgetMs(1, { timeoutMs: 2000, retries: 1 })).toBe(120_000);
    expect(runBudgetMs(33, { timeoutMs: 2000, retries: 1 })).toBe(180_000);
    expect(runBudgetMs(1, { timeoutMs: 10_000, retries: 2 })).toBe(60_000 + 360_000);
    expect(runBudgetMs(1, { timeoutMs: 2000, retries: 1 }, 210)).toBe(120_000 + 210_000);
  });
});
