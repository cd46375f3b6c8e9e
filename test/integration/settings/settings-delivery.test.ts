import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressProbe } from '../../../src-main/core/settings/address-probe';
import { aDemoPrinter, startSettingsRig, waitForExecution, type SettingsRig } from './settings-rig';

/**
 * Settings delivery, acquisition and reboot against simulated printers of several vendors, each
 * with its own writable objects and write community (resources/simulator/*.device.json).
 * Simulated printers of this file: 127.73.0.x.
 */

const COMMUNITY: Record<string, string> = { 'hp-color-laser': 'internal', 'brother-mono-mfp': 'private', 'kyocera-mono': 'private', 'canon-color-mfp': 'private', 'epson-inkjet': 'private' };
const PRINTERS = Object.keys(COMMUNITY);
/** Addresses a test says are in use on the network (the pool must skip them). */
const answering = new Set<string>();
const probe: AddressProbe = { answers: (address) => Promise.resolve(answering.has(address)) };

let rig: SettingsRig;
const id = (printer: string): number => {
  const found = rig.ids.get(`${printer}-0`);
  if (found === undefined) throw new Error(`no device ${printer}`);
  return found;
};

beforeAll(async () => {
  // This Kyocera keeps its location to 16 bytes: the device, not the catalogue, refuses a longer one.
  const printers = PRINTERS.map((p) => aDemoPrinter(p)).map((spec) =>
    spec.name.startsWith('kyocera') && Array.isArray(spec.writable) ? { ...spec, writable: spec.writable.map((w) => (w.oid === '1.3.6.1.2.1.1.6.0' && w.type === 'OctetString' ? { ...w, maxLength: 16 } : w)) } : spec,
  );
  rig = await startSettingsRig('127.73.0.1', printers, { addressProbe: probe });
  for (const printer of PRINTERS) await rig.api.credentials.setForDevices({ deviceIds: [id(printer)], snmpWrite: { version: 'v2c', community: COMMUNITY[printer] ?? 'private' } });
}, 30_000);

afterAll(async () => {
  await rig?.close();
});

async function deliver(deviceIds: number[], values: Record<string, string | boolean | number>, extra: { reboot?: boolean } = {}) {
  const task = await rig.api.tasks.create({ name: `deliver ${Date.now()}`, type: 'deliverSettings', targets: { deviceIds, groupIds: [] }, params: { values, ...extra }, schedule: { kind: 'now' } });
  return waitForExecution(rig.api, task.id, 30_000);
}

function outcomes(result: { items?: { item: string; outcome: string }[] } | undefined): Record<string, string> {
  return Object.fromEntries((result?.items ?? []).map((i) => [i.item, i.outcome]));
}

describe('device settings over SNMP against simulated printers', () => {
  it('shows before a delivery which items each model supports, and whether credentials are stored', async () => {
    const { devices } = await rig.api.settings.support({ deviceIds: PRINTERS.map(id), items: ['deviceName', 'administratorName', 'ipp', 'primaryDns', 'ipAddress'] });
    expect(devices).toHaveLength(5);
    expect(devices.every((d) => d.credentials)).toBe(true);
    const hp = devices.find((d) => d.deviceId === id('hp-color-laser'));
    const brother = devices.find((d) => d.deviceId === id('brother-mono-mfp'));
    expect(hp?.supported).toEqual(['deviceName', 'administratorName', 'ipp', 'ipAddress']);
    expect(brother?.supported).toEqual(['deviceName', 'administratorName', 'ipp', 'primaryDns']);
  });

  it('delivers to five vendors in one task: each item delivered and read back, or unsupported, refused … per device, and the rest goes on', async () => {
    const { execution, devices } = await deliver(PRINTERS.map(id), { deviceName: 'Floor 3 printer', installationSite: 'Floor 3, east', administratorContact: 'helpdesk@example.test', administratorName: 'Help desk' });
    const by = (printer: string) => devices.find((d) => d.deviceId === id(printer));
    expect(outcomes(by('brother-mono-mfp'))).toEqual({ deviceName: 'delivered', installationSite: 'delivered', administratorContact: 'delivered', administratorName: 'delivered' });
    // HP has no prtGeneralCurrentOperator: the device says so when the item is located.
    expect(outcomes(by('hp-color-laser'))).toEqual({ deviceName: 'delivered', installationSite: 'delivered', administratorContact: 'delivered', administratorName: 'unsupported' });
    expect(outcomes(by('kyocera-mono'))).toMatchObject({ deviceName: 'delivered', installationSite: 'delivered', administratorContact: 'delivered' });
    // Canon refuses sysName (notWritable) but takes the location.
    expect(outcomes(by('canon-color-mfp'))).toMatchObject({ deviceName: 'unsupported', installationSite: 'delivered' });
    expect(by('canon-color-mfp')?.items?.find((i) => i.item === 'deviceName')?.message).toMatch(/notWritable/);
    // Epson takes nothing: the device fails, the others succeed.
    expect(by('epson-inkjet')?.ok).toBe(false);
    expect(Object.values(outcomes(by('epson-inkjet'))).every((o) => o === 'unsupported')).toBe(true);
    expect(execution).toMatchObject({ state: 'partly-failed', succeeded: 4, failed: 1 });
    // Each device write is in the system log with its items, in the name of who saved the task.
    const { entries } = await rig.api.audit.list({ action: 'settings.deliver' });
    expect(entries).toHaveLength(5);
    expect(entries.find((e) => e.targets.includes(`device ${id('epson-inkjet')}`))).toMatchObject({ userName: 'system', outcome: 'failed', message: expect.stringMatching(/^task \d+, execution \d+$/) });
    expect(entries.find((e) => e.targets.includes(`device ${id('brother-mono-mfp')}`))?.detail).toEqual(expect.arrayContaining([{ item: 'installationSite', outcome: 'delivered', value: 'Floor 3, east' }]));
    // The list shows the new location at once (as read back), and the next full read agrees.
    const listed = (await rig.api.devices.list({ ids: [id('brother-mono-mfp')] })).devices[0];
    expect(listed?.identity).toMatchObject({ location: 'Floor 3, east', sysName: 'Floor 3 printer', contact: 'helpdesk@example.test' });
    await rig.api.devices.refresh({ ids: [id('brother-mono-mfp')] });
    expect((await rig.api.devices.get({ id: id('brother-mono-mfp') })).identity.location).toBe('Floor 3, east');
  }, 40_000);

  it('reports a value too long for the device as refused (wrongLength), and a wrong write community as not reached', async () => {
    const { devices } = await deliver([id('brother-mono-mfp')], { administratorName: 'x'.repeat(127), servicePersonName: 'Service' });
    expect(outcomes(devices[0])).toEqual({ administratorName: 'delivered', servicePersonName: 'delivered' });
    // The catalogue refuses what no device could take, naming the item, before anything runs.
    await expect(deliver([id('brother-mono-mfp')], { administratorName: 'z'.repeat(200) })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/administratorName at most 127 characters/) });
    const long = await deliver([id('kyocera-mono')], { deviceName: 'Kyocera', installationSite: 'Floor 3, east wing, room 12' });
    expect(outcomes(long.devices[0])).toEqual({ deviceName: 'delivered', installationSite: 'refused' });
    expect(long.devices[0]?.items?.find((i) => i.item === 'installationSite')?.message).toMatch(/wrongLength/);

    await rig.api.credentials.setForDevices({ deviceIds: [id('kyocera-mono')], snmpWrite: { version: 'v2c', community: 'not-the-one' } });
    const wrong = await deliver([id('kyocera-mono'), id('brother-mono-mfp')], { installationSite: 'Annex' });
    expect(wrong.devices.find((d) => d.deviceId === id('kyocera-mono'))).toMatchObject({ ok: false, items: [{ item: 'installationSite', outcome: 'not-reached' }] });
    expect(wrong.devices.find((d) => d.deviceId === id('brother-mono-mfp'))?.ok).toBe(true);
    await rig.api.credentials.setForDevices({ deviceIds: [id('kyocera-mono')], snmpWrite: { version: 'v2c', community: 'private' } });
  }, 40_000);

  it('switches print services through Printer-MIB channels (Brother) and JetDirect objects (HP)', async () => {
    const { devices } = await deliver([id('brother-mono-mfp'), id('hp-color-laser')], { lpd: false, raw: true, ipp: false });
    for (const device of devices) expect(outcomes(device), device.label).toEqual({ lpd: 'delivered', raw: 'already-set', ipp: 'delivered' });
    const again = await deliver([id('brother-mono-mfp')], { lpd: false });
    expect(outcomes(again.devices[0])).toEqual({ lpd: 'already-set' });
  }, 40_000);

  it('acquires every supported item, keeps it with its time, and a delivery can copy it to another device', async () => {
    const task = await rig.api.tasks.create({ name: 'acquire', type: 'acquireSettings', targets: { deviceIds: [id('brother-mono-mfp')], groupIds: [] }, schedule: { kind: 'now' } });
    const { devices } = await waitForExecution(rig.api, task.id);
    expect(devices[0]?.ok).toBe(true);
    const { values } = await rig.api.settings.acquired({ deviceId: id('brother-mono-mfp') });
    const byItem = Object.fromEntries(values.map((v) => [v.item, v.value]));
    expect(byItem).toMatchObject({ installationSite: 'Annex', administratorContact: 'helpdesk@example.test', lpd: false, raw: true, ipp: false });
    expect(values.every((v) => v.readAt > 0)).toBe(true);
    const copy = await deliver([id('kyocera-mono')], { installationSite: String(byItem.installationSite), administratorContact: String(byItem.administratorContact) });
    expect(outcomes(copy.devices[0])).toEqual({ installationSite: 'delivered', administratorContact: 'already-set' });
  }, 40_000);

  it('reboots and proves it by sysUpTime; a model without prtGeneralReset fails alone', async () => {
    const task = await rig.api.tasks.create({ name: 'reboot', type: 'reboot', targets: { deviceIds: [id('brother-mono-mfp'), id('epson-inkjet')], groupIds: [] }, params: { withinSeconds: 10 }, schedule: { kind: 'now' } });
    const { devices, execution } = await waitForExecution(rig.api, task.id, 30_000);
    expect(devices.find((d) => d.deviceId === id('brother-mono-mfp'))).toMatchObject({ ok: true, message: expect.stringMatching(/^rebooted: answering again after/) });
    expect(devices.find((d) => d.deviceId === id('epson-inkjet'))).toMatchObject({ ok: false, message: expect.stringMatching(/refused/) });
    expect(execution.state).toBe('partly-failed');
  }, 40_000);

  it('hands out a pool address that no device has and nothing answers on, and finds the moved device again with its row and history', async () => {
    const hp = rig.simulator.devices.find((d) => d.name === 'hp-color-laser-0');
    if (!hp) throw new Error('no HP printer');
    const managed = rig.simulator.devices.find((d) => d.name === 'brother-mono-mfp-0')?.address ?? '';
    answering.add('127.73.1.11');
    const pool = await rig.api.settings.createPool({ name: 'Floor 3', ranges: `${managed}, 127.73.1.11-127.73.1.12`, exclusions: '' });
    expect(pool).toMatchObject({ size: 3, used: 0 });
    const before = await rig.api.devices.history({ id: id('hp-color-laser'), since: 0 });
    const { devices } = await deliver([id('hp-color-laser')], { ipAddress: pool.id, installationSite: 'Moved' });
    expect(outcomes(devices[0])).toEqual({ installationSite: 'delivered', ipAddress: 'delivered' });
    expect(devices[0]?.items?.find((i) => i.item === 'ipAddress')).toMatchObject({ value: '127.73.1.12', message: expect.stringMatching(/found again at 127\.73\.1\.12/) });
    const moved = await rig.api.devices.get({ id: id('hp-color-laser') });
    expect(moved.address).toBe('127.73.1.12');
    const after = await rig.api.devices.history({ id: id('hp-color-laser'), since: 0 });
    expect(after.status.length).toBeGreaterThanOrEqual(before.status.length);
    expect((await rig.api.settings.listPools({})).pools[0]).toMatchObject({ used: 1 });
    // The pool is dry now: only the device it could not serve fails.
    const dry = await deliver([id('kyocera-mono')], { ipAddress: pool.id });
    expect(dry.devices[0]).toMatchObject({ ok: false, items: [{ item: 'ipAddress', outcome: 'unsupported' }] });
  }, 60_000);

  it('cancel stops a settings task under way (a reboot waiting for its device)', async () => {
    const task = await rig.api.tasks.create({ name: 'slow', type: 'reboot', targets: { deviceIds: [id('brother-mono-mfp')], groupIds: [] }, params: { withinSeconds: 30 }, schedule: { kind: 'now' } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [execution] = (await rig.api.tasks.listExecutions({ taskId: task.id })).executions;
    if (!execution) throw new Error('no execution');
    await rig.api.tasks.cancel({ executionId: execution.id });
    const done = await waitForExecution(rig.api, task.id);
    expect(done.execution.state).toBe('cancelled');
  }, 40_000);
});
