import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCredentialChange, buildWriteCredential, initialWriteCredentialDraft } from '../../../src-renderer/features/credentials/write-credential-form';
import { buildDeliveryInput, deliveryFormOf, initialDeliveryForm, quietProblems, serverItemProblems, stepOfDeliveryField, type DeliveryForm } from '../../../src-renderer/features/device-settings/delivery-form';
import { itemRowsOf } from '../../../src-renderer/features/device-settings/execution-item-rows';
import { allShownState, clickRow, NO_SELECTION, toggleAllShown } from '../../../src-renderer/features/device-settings/row-selection';
import { chosenValues, itemProblems, itemsDraftOf, PER_DEVICE_ITEMS, setItemValue, toggleItem, type ItemsDraft } from '../../../src-renderer/features/device-settings/settings-draft';
import { deviceItemsSummary, itemMessageText, itemProblemText, outcomeLabel, valueText } from '../../../src-renderer/features/device-settings/settings-texts';
import { filterSupport, summariseSupport, type SupportRow } from '../../../src-renderer/features/device-settings/support-summary';
import { initialScheduleDraft } from '../../../src-renderer/features/tasks/task-form';
import { checkPool, poolFieldOfMessage } from '../../../src-renderer/features/ip-pools/pool-form';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import type { Task } from '../../../src-shared/contract/tasks.contract';
import { ITEM_OUTCOMES } from '../../../src-shared/settings/item-outcome';
import { SETTING_IDS } from '../../../src-shared/settings/settings-catalogue';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});
const t = () => i18n.getFixedT('en');
const tJa = () => i18n.getFixedT('ja');

/** 2030-06-03 12:00 local time. */
const NOW = new Date(2030, 5, 3, 12, 0).getTime();

const draftWith = (values: ItemsDraft['values']): ItemsDraft => ({ chosen: SETTING_IDS.filter((id) => values[id] !== undefined), values });

describe('the items of the settings wizard', () => {
  it('ticks an item with its starting value, keeps a value when unticked, and ticks an item when its value is typed', () => {
    let draft = toggleItem({ chosen: [], values: {} }, 'lpd', true);
    expect(draft).toEqual({ chosen: ['lpd'], values: { lpd: true } });
    draft = setItemValue(draft, 'installationSite', 'Floor 3');
    // Catalogue order, whatever the order of ticking.
    expect(draft.chosen).toEqual(['installationSite', 'lpd']);
    draft = toggleItem(draft, 'installationSite', false);
    expect(draft.chosen).toEqual(['lpd']);
    expect(draft.values.installationSite).toBe('Floor 3');
    expect(chosenValues(draft)).toEqual({ lpd: true });
    expect(toggleItem(draft, 'installationSite', true).values.installationSite, 'ticking again loses nothing').toBe('Floor 3');
  });

  it('puts each problem of the catalogue under its item, in words the UI translates', () => {
    const problems = itemProblems(draftWith({ administratorName: 'x'.repeat(130), primaryDns: '10.0.0.300', dnsHostName: 'print_er', installationSite: 'a\nb' }));
    expect(problems).toEqual({ administratorName: { key: 'tooLong', max: 127, given: 130 }, primaryDns: { key: 'ipv4' }, dnsHostName: { key: 'hostname' }, installationSite: { key: 'control' } });
    expect(itemProblemText(t(), problems.administratorName)).toBe('At most 127 characters (130 typed).');
    expect(itemProblemText(tJa(), problems.administratorName)).toBe('127 文字までです（130 文字入力）。');
    // An empty text is a value (it clears the item on the device); a ticked pool item needs its pool.
    expect(itemProblems(draftWith({ installationSite: '' }))).toEqual({});
    expect(itemProblems({ chosen: ['ipAddress'], values: {} })).toEqual({ ipAddress: { key: 'pool' } });
  });

  it('names the rules between items: no pool address with DHCP on, a manual gateway needs its address', () => {
    expect(itemProblems(draftWith({ ipAddress: 3, dhcp: true, bootp: true }))).toEqual({ ipAddress: { key: 'poolWithAutomatic', automatic: 'DHCP, BOOTP' } });
    expect(itemProblems(draftWith({ gatewayMethod: 'manual' }))).toEqual({ gatewayAddress: { key: 'gatewayNeeded' } });
    expect(itemProblems(draftWith({ gatewayMethod: 'manual', gatewayAddress: '10.0.0.1' }))).toEqual({});
  });

  it('copies acquired values into a draft: a device’s own name and address stay unticked, a read address is no pool', () => {
    const draft = itemsDraftOf({ deviceName: 'PRN-1', installationSite: 'Lobby', ipAddress: '10.0.0.5', lpd: false, dnsHostName: 'prn' }, { tick: (id) => !PER_DEVICE_ITEMS.has(id) });
    expect(draft.chosen).toEqual(['installationSite', 'lpd']);
    expect(draft.values).toEqual({ deviceName: 'PRN-1', installationSite: 'Lobby', lpd: false, dnsHostName: 'prn' });
  });
});

describe('the settings wizard as a task', () => {
  const form = (change: Partial<DeliveryForm> = {}): DeliveryForm => ({ ...initialDeliveryForm({ groupIds: [4] }), ...change });

  it('builds a deliverSettings task with the ticked values, reboot and schedule, named after the items when unnamed', () => {
    const built = buildDeliveryInput(form({ items: draftWith({ installationSite: 'Floor 3', ipp: false }), reboot: true }), NOW, 'Settings: Installation site, IPP print service');
    expect(built).toEqual({
      ok: true,
      value: {
        name: 'Settings: Installation site, IPP print service',
        type: 'deliverSettings',
        targets: { deviceIds: [], groupIds: [4] },
        params: { values: { installationSite: 'Floor 3', ipp: false }, reboot: true },
        schedule: { kind: 'now' },
        missedRunPolicy: 'run-once',
        enabled: true,
      },
    });
  });

  it('refuses a form without targets, items or a future time, each on its step; quiet until a save is tried', () => {
    const built = buildDeliveryInput(form({ groupIds: [], schedule: { ...initialScheduleDraft(), kind: 'once', onceAt: '2030-06-03T11:00' } }), NOW, 'x');
    if (built.ok) throw new Error('built');
    expect(built.problems.fields).toEqual({ targets: { key: 'noTargets' }, items: { key: 'required' }, 'schedule.at': { key: 'inPast' } });
    expect(Object.keys(built.problems.fields).map((f) => stepOfDeliveryField(f as 'targets'))).toEqual([0, 1, 3]);
    expect(quietProblems(built.problems, false).fields).toEqual({ 'schedule.at': { key: 'inPast' } });
    const bad = buildDeliveryInput(form({ items: draftWith({ sntpServer: 'ntp server' }) }), NOW, 'x');
    expect(bad.ok ? null : bad.problems.items).toEqual({ sntpServer: { key: 'domain' } });
  });

  it('edits a saved delivery with its values, reboot and schedule', () => {
    const task = {
      id: 9,
      name: 'Night',
      type: 'deliverSettings',
      params: { values: { installationSite: 'Annex', lpd: true }, reboot: true },
      targets: { deviceIds: [1, 2], groupIds: [] },
      schedule: { kind: 'daily', time: '02:00' },
      missedRunPolicy: 'skip',
      mailTo: [],
      enabled: true,
      createdAt: 0,
      updatedAt: 0,
      createdBy: null,
      updatedBy: null,
      nextRunAt: null,
      lastExecution: null,
    } as Task;
    const edited = deliveryFormOf(task);
    expect(edited).toMatchObject({ id: 9, name: 'Night', deviceIds: [1, 2], reboot: true, missedRunPolicy: 'skip', items: { chosen: ['installationSite', 'lpd'] } });
    expect(edited.schedule).toMatchObject({ kind: 'daily', time: '02:00' });
    const rebuilt = buildDeliveryInput(edited, NOW, 'x');
    expect(rebuilt.ok && rebuilt.value.params).toEqual({ values: { installationSite: 'Annex', lpd: true }, reboot: true });
  });

  it('places a refusal of the server under the item it names', () => {
    const refusal = Object.assign(new Error('params.values.administratorName: administratorName at most 127 characters (200 given)'), { code: 'invalid-argument' });
    expect(serverItemProblems(refusal)).toEqual({ administratorName: { key: 'text', text: 'administratorName at most 127 characters (200 given)' } });
    expect(serverItemProblems(Object.assign(new Error('invalid'), { details: { issues: ['params.values.primaryDns: must be an IPv4 address', 'name: required'] } }))).toEqual({ primaryDns: { key: 'text', text: 'must be an IPv4 address' } });
    expect(serverItemProblems(new Error('schedule.at: in the past'))).toEqual({});
  });
});

describe('the support matrix', () => {
  const row = (deviceId: number, supported: string[], unsupported: string[], credentials = true): SupportRow => ({ deviceId, label: `PRN-${deviceId}`, profile: deviceId % 2 ? 'brother' : 'canon', supported, unsupported, credentials });

  it('summarises devices and items: who takes everything, who skips, who takes nothing, who has no credentials', () => {
    const rows = [row(1, ['installationSite', 'primaryDns'], []), row(2, ['installationSite'], ['primaryDns'], false), row(3, [], ['installationSite', 'primaryDns'])];
    expect(summariseSupport(rows, ['installationSite', 'primaryDns'])).toEqual({
      devices: 3,
      complete: 1,
      partial: 1,
      none: 1,
      noCredentials: 1,
      perItem: [
        { item: 'installationSite', supported: 2, skipped: 1 },
        { item: 'primaryDns', supported: 1, skipped: 2 },
      ],
    });
    expect(filterSupport(rows, 'skipped', '').map((r) => r.deviceId)).toEqual([2, 3]);
    expect(filterSupport(rows, 'noCredentials', '').map((r) => r.deviceId)).toEqual([2]);
    expect(filterSupport(rows, 'all', 'CANON').map((r) => r.deviceId)).toEqual([2]);
  });

  it('writes the counts of a large fleet with separators', () => {
    expect(t()('deviceSettings.support.devices', { count: 2000 })).toBe('2,000 devices');
    expect(t()('deviceSettings.support.takenBy', { count: 318, total: 2000 })).toBe('318 of 2,000');
    expect(tJa()('deviceSettings.support.noCredentials', { count: 1500 })).toBe('1,500 台は書き込み資格情報なし');
  });

  it('summarises ten thousand devices in one pass', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(i + 1, i % 10 === 0 ? ['installationSite'] : ['installationSite', 'lpd'], i % 10 === 0 ? ['lpd'] : [], i % 100 !== 0));
    const summary = summariseSupport(rows, ['installationSite', 'lpd']);
    expect(summary).toMatchObject({ devices: 10_000, complete: 9_000, partial: 1_000, none: 0, noCredentials: 100 });
    expect(summary.perItem[1]).toEqual({ item: 'lpd', supported: 9_000, skipped: 1_000 });
  });

  it('selects rows as the device list does: click toggles, Shift+click takes the range, select all takes the rows shown', () => {
    const shown = [10, 11, 12, 13, 14];
    let selection = clickRow(NO_SELECTION, 11, shown, false);
    selection = clickRow(selection, 13, shown, true);
    expect([...selection.selected].sort()).toEqual([11, 12, 13]);
    selection = clickRow(selection, 12, shown, false);
    expect([...selection.selected].sort()).toEqual([11, 13]);
    expect(allShownState(selection, shown)).toBe('some');
    selection = toggleAllShown(selection, shown);
    expect(allShownState(selection, shown)).toBe('all');
    expect(allShownState(toggleAllShown(selection, shown), shown)).toBe('none');
    // Select all of a filtered list keeps what was selected outside it.
    expect([...toggleAllShown({ selected: new Set([99]), anchor: null }, [1, 2]).selected].sort()).toEqual([1, 2, 99]);
  });
});

describe('write credentials entered once', () => {
  it('asks a community for v1/v2c and a user with keys of at least 8 characters for SNMPv3, under their fields', () => {
    const draft = initialWriteCredentialDraft();
    expect(buildWriteCredential(draft)).toEqual({ ok: false, problems: { community: { key: 'required' } } });
    expect(buildWriteCredential({ ...draft, community: 'private' })).toEqual({ ok: true, value: { version: 'v2c', community: 'private' } });
    const v3 = { ...draft, version: 'v3' as const, user: 'ops', authKey: 'short', privKey: '' };
    const refused = buildWriteCredential(v3);
    expect(refused.ok ? null : refused.problems).toEqual({ privKey: { key: 'required' }, authKey: { key: 'minLength', limit: 8 } });
    expect(buildWriteCredential({ ...v3, authKey: 'auth-key-1', privKey: 'priv-key-1' })).toEqual({
      ok: true,
      value: { version: 'v3', user: 'ops', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-key-1', privProtocol: 'aes', privKey: 'priv-key-1' },
    });
    expect(buildWriteCredential({ ...v3, level: 'noAuthNoPriv' })).toEqual({ ok: true, value: { version: 'v3', user: 'ops', level: 'noAuthNoPriv' } });
  });

  it('sends a value, null to remove, nothing to keep; nothing to change at all is a problem', () => {
    const draft = { ...initialWriteCredentialDraft(), community: 'private' };
    expect(buildCredentialChange(draft)).toEqual({ ok: true, value: { snmpWrite: { version: 'v2c', community: 'private' } } });
    expect(buildCredentialChange({ ...draft, snmp: 'clear', admin: 'set', adminId: 'admin', adminPassword: 'secret' })).toEqual({ ok: true, value: { snmpWrite: null, admin: { id: 'admin', password: 'secret' } } });
    expect(buildCredentialChange({ ...draft, snmp: 'keep' })).toEqual({ ok: false, problems: { general: { key: 'required' } } });
    expect(buildCredentialChange({ ...draft, admin: 'set' })).toEqual({ ok: false, problems: { adminId: { key: 'required' }, adminPassword: { key: 'required' } } });
  });
});

describe('IP address pools', () => {
  it('asks for a name and ranges, and places the server’s refusal under the field it names', () => {
    expect(checkPool({ name: ' ', ranges: '', exclusions: '' })).toEqual({ name: { key: 'required' }, ranges: { key: 'required' } });
    expect(checkPool({ name: 'Floor 3', ranges: '10.0.3.10-10.0.3.40', exclusions: '' })).toEqual({});
    expect(poolFieldOfMessage('ranges: 10.0.300.1: octet 300 is outside 0–255', 'invalid-argument')).toEqual({ field: 'ranges', text: '10.0.300.1: octet 300 is outside 0–255' });
    expect(poolFieldOfMessage('exclusions: "printer" is not an IPv4 address, range or network', 'invalid-argument').field).toBe('exclusions');
    expect(poolFieldOfMessage('The pool name Floor 3 is taken.', 'conflict').field).toBe('name');
  });
});

describe('one vocabulary for what happened to an item', () => {
  it('has one distinct word per outcome in English and Japanese', () => {
    for (const tr of [t(), tJa()]) {
      const words = ITEM_OUTCOMES.map((o) => outcomeLabel(tr, o));
      expect(new Set(words).size, words.join(', ')).toBe(ITEM_OUTCOMES.length);
      expect(words.every((w) => !w.startsWith('itemOutcomes.'))).toBe(true);
    }
    expect(outcomeLabel(t(), 'already-set')).toBe('Already set');
    expect(outcomeLabel(tJa(), 'unsupported')).toBe('非対応');
  });

  it('says a device’s items in those words, keeps what the core added after its summary, and translates the core’s fixed messages', () => {
    const items = [
      { item: 'installationSite', outcome: 'delivered' as const, message: 'delivered and read back', value: 'Floor 3' },
      { item: 'primaryDns', outcome: 'unsupported' as const, message: 'this model has no way to write it (device profile)', value: null },
    ];
    expect(deviceItemsSummary(t(), items, '1 delivered, 1 unsupported (primaryDns); rebooted')).toBe('Delivered 1 · Unsupported 1 (Primary DNS server) — rebooted');
    expect(deviceItemsSummary(tJa(), items, '1 delivered, 1 unsupported (primaryDns)')).toBe('配信済み 1 · 非対応 1 (プライマリ DNS サーバー)');
    expect(itemMessageText(tJa(), 'delivered and read back')).toBe('書き込み、読み戻して確認しました。');
    expect(itemMessageText(t(), 'the device refused the value (wrongLength)')).toBe('The device refused the value (wrongLength).');
    expect(itemMessageText(t(), 'written, but the device reads back "x"'), 'a message of its own stays as it is').toBe('written, but the device reads back "x"');
    expect(valueText(tJa(), 'lpd', true)).toBe('オン');
    expect(valueText(t(), 'gatewayMethod', 'manual')).toBe('Manual');
    expect(valueText(t(), 'installationSite', '')).toBe('(empty)');
  });

  it('lists every device’s items as rows with a count per outcome', () => {
    const { rows, counts } = itemRowsOf([
      { deviceId: 1, label: 'A', ok: true, message: '', at: 0, items: [{ item: 'lpd', outcome: 'delivered', message: '', value: true }] },
      { deviceId: 2, label: 'B', ok: false, message: 'no answer', at: 0, items: [{ item: 'lpd', outcome: 'not-reached', message: 'timeout', value: null }] },
      { deviceId: null, label: '10.0.0.9', ok: false, message: 'gone', at: 0 },
    ]);
    expect(rows.map((r) => `${r.device}:${r.outcome}`)).toEqual(['A:delivered', 'B:not-reached']);
    expect(counts).toMatchObject({ delivered: 1, 'not-reached': 1, unsupported: 0 });
  });
});
