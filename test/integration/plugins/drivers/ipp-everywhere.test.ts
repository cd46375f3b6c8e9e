import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { appContract } from '../../../../src-shared/contract/app.contract';
import { driversContract, DRIVERS_PLUGIN_ID } from '../../../../src-shared/plugins/drivers/drivers.contract';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../../src-main/core/create-core';
import { checkIppEverywhere } from '../../../../src-main/plugins/drivers/ipp/ipp-check';
import { hasIppeveprinter, startIppeveprinter, type IppPrinterRig } from '../../../helpers/ippeveprinter';
import { freePort } from '../../../helpers/slapd';

/**
 * The IPP Everywhere check against real printers: ippeveprinter as an IPP 2.0 printer with PWG
 * and Apple raster (ready) and as an IPP 1.1 printer taking PDF only (not ready); the results
 * stored per device, the "driverless ready" answer, proposals with driverless first, and
 * associations (black-and-white by default).
 */

const RESOURCES = resolve(__dirname, '../../../../resources');
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

let dir: string;
let core: Core;
let ready: IppPrinterRig;
let old: IppPrinterRig;
let drivers: ReturnType<typeof createApiClient<typeof driversContract>>;
let app: ReturnType<typeof createApiClient<typeof appContract>>;

beforeAll(async () => {
  if (!hasIppeveprinter) return;
  dir = mkdtempSync(join(tmpdir(), 'printdeck-ipp-check-'));
  [ready, old] = await Promise.all([startIppeveprinter({ formats: 'application/pdf,image/pwg-raster,image/urf' }), startIppeveprinter({ ippVersion: '1.1', formats: 'application/pdf', name: 'Old Printer' })]);
  core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: RESOURCES, version: '0.0.0-test', passwordCost: CHEAP, log: () => undefined });
  const transport = createInProcessTransport(core.router, core.events, internalContext('cli', core.auth.localAdministrator()));
  drivers = createApiClient(driversContract, transport, DRIVERS_PLUGIN_ID);
  app = createApiClient(appContract, transport);
}, 60_000);

afterAll(async () => {
  await core?.dispose();
  await ready?.stop();
  await old?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasIppeveprinter)('IPP Everywhere check against ippeveprinter', () => {
  it('reads the versions, formats and features a printer reports and decides', async () => {
    const yes = await checkIppEverywhere(ready.uri);
    expect(yes).toMatchObject({ ready: true, reason: null, makeAndModel: 'Printdeck Laser 5000' });
    expect(yes.ippVersions).toContain('2.0');
    expect(yes.documentFormats).toEqual(expect.arrayContaining(['image/pwg-raster', 'image/urf']));
    expect(yes.features).toContain('ipp-everywhere');
    const no = await checkIppEverywhere(old.uri);
    expect(no.ready).toBe(false);
    expect(no.ippVersions).not.toContain('2.0');
    expect(no.reason).toContain('not IPP Everywhere: IPP 1.1 (2.0 or later is needed); no image/pwg-raster or image/urf');
    const closed = await checkIppEverywhere(`ipp://127.0.0.1:${await freePort()}/ipp/print`);
    expect(closed).toMatchObject({ ready: false, reason: expect.stringContaining('connection refused') });
  });

  it('stores the check per device, answers driverless-ready, proposes driverless first, and saves associations black-and-white by default', async () => {
    const device = await app.devices.add({ address: '127.0.0.1', name: 'Floor 3 / Laser' });
    const { checks } = await drivers.associations.checkIpp({ deviceIds: [device.id], port: ready.port });
    expect(checks).toEqual([expect.objectContaining({ deviceId: device.id, ready: true, uri: ready.uri })]);
    expect((await drivers.associations.driverlessReady({})).devices).toEqual({ [String(device.id)]: { ready: true, checkedAt: expect.any(Number) } });

    const everywhere = await drivers.sets.createDriverless({ name: 'IPP Everywhere (Linux)', os: 'linux' });
    expect(everywhere).toMatchObject({ kind: 'driverless', files: 0, storeId: null, driverName: 'everywhere' });
    const { proposals } = await drivers.associations.propose({ deviceId: device.id });
    expect(proposals[0]).toMatchObject({ setId: everywhere.id, protocol: 'ipp', queueName: 'Floor-3-Laser', reason: expect.stringContaining('IPP Everywhere ready') });

    const saved = await drivers.associations.save({ association: { name: 'Floor 3', deviceId: device.id, setId: everywhere.id, queueName: 'Floor-3-Laser', port: ready.port } });
    expect(saved).toMatchObject({ defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null }, protocol: 'ipp', uri: ready.uri, set: { kind: 'driverless' }, device: { address: '127.0.0.1' } });
    await expect(drivers.associations.save({ association: { name: 'Raw', deviceId: device.id, setId: everywhere.id, queueName: 'Raw', protocol: 'raw' } })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('choose ipp or ipps') });
    await expect(drivers.associations.save({ association: { name: 'Bad name', deviceId: device.id, setId: everywhere.id, queueName: 'Floor 3 #1' } })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(drivers.sets.remove({ id: everywhere.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Floor 3') });

    // The same device checked on the old printer's port: now not ready, and driverless goes last.
    await drivers.associations.checkIpp({ deviceIds: [device.id], port: old.port });
    const after = await drivers.associations.propose({ deviceId: device.id });
    expect(after.check).toMatchObject({ ready: false });
    expect(after.proposals.at(-1)).toMatchObject({ setId: everywhere.id, reason: expect.stringContaining('not IPP Everywhere') });
  });
});
