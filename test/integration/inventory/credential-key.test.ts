import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { CREDENTIAL_UNUSABLE, InventoryService } from '../../../src-main/core/inventory/inventory.service';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import { createFileKeySecretStore, keyFileFor } from '../../../src-main/core/secrets/file-key-secret-store';
import { openDatabase } from '../../../src-main/core/store/database';
import { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, measure, projectProfiles, startFleet, targetsOf, V2C } from './inventory-rig';

/**
 * A device a search reached with its own community keeps that credential sealed with the key
 * file. When the key file cannot be used (here: readable by others), the device must not be
 * polled with the default community instead, silently: its reading fails saying which key
 * file and what to do, the log says so once, and the sealed value stays for when it is fixed.
 */

const BASE = '127.42.8.1';

describe.skipIf(process.platform === 'win32')('a stored credential whose key file has the wrong mode', () => {
  let simulator: Simulator;
  let dir: string;

  beforeAll(async () => {
    simulator = await startFleet(BASE, answeringDemoFleet(2, 48));
    dir = mkdtempSync(join(tmpdir(), 'printdeck-key-'));
  });

  afterAll(async () => {
    await simulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A service on the data folder with a fresh key-file store (as a restarted console has). */
  async function open(logs: string[]) {
    const file = join(dir, 'printdeck.db');
    const db = openDatabase(file);
    const client = createSnmpClient();
    const profiles = await projectProfiles();
    const devices = new DevicesRepository(db, { secrets: createFileKeySecretStore(keyFileFor(file)) });
    const service = new InventoryService({ reader: new DeviceReader({ snmp: client, profiles }), devices, profiles, now: Date.now, log: (line) => logs.push(line) });
    return { db, client, devices, service, close: async () => { await client.close(); db.close(); } };
  }

  it('fails the devices that have one, loudly, without a request, and keeps the sealed value', async () => {
    const first = await open([]);
    const outcomes = await first.service.readTargets(targetsOf(simulator));
    const [withCredential, withDefault] = outcomes.map((o) => o.saved.deviceId) as [number, number];
    first.devices.setCredentials([{ id: withCredential, credential: JSON.stringify({ version: 'v2c', community: 'public' }) }]);
    const sealed = first.db.prepare('SELECT snmp_credential AS c FROM devices WHERE id = ?').get(withCredential);
    await first.close();
    chmodSync(keyFileFor(join(dir, 'printdeck.db')), 0o644);

    const logs: string[] = [];
    const second = await open(logs);
    try {
      const { value: polled, traffic } = await measure(second.client, () => second.service.pollStored(V2C, { ids: [withCredential] }));
      expect(traffic.requests, 'nothing is sent with the default community instead').toBe(0);
      expect(polled.map((o) => o.reading.error?.code)).toEqual([CREDENTIAL_UNUSABLE]);
      const message = polled[0]?.reading.error?.message ?? '';
      expect(message).toContain(keyFileFor(join(dir, 'printdeck.db')));
      expect(message).toMatch(/readable by other users \(mode 644\): run chmod 600/);
      expect(second.devices.getDevice(withCredential)?.lastError).toEqual({ code: CREDENTIAL_UNUSABLE, message });
      // A refresh (full read) refuses the same way; a device without a sealed credential is read as before.
      const refreshed = await second.service.readStored(second.devices.listPollTargets(), V2C);
      expect(refreshed.map((o) => [o.saved.deviceId, o.reading.ok])).toEqual([[withCredential, false], [withDefault, true]]);
      expect(logs.filter((l) => l.includes('chmod 600')), 'logged once while the problem lasts').toHaveLength(1);
      expect(second.db.prepare('SELECT snmp_credential AS c FROM devices WHERE id = ?').get(withCredential)).toEqual(sealed);
    } finally {
      await second.close();
    }

    chmodSync(keyFileFor(join(dir, 'printdeck.db')), 0o600);
    const fixed = await open([]);
    try {
      const [again] = await fixed.service.pollStored(V2C, { ids: [withCredential] });
      expect(again?.reading.ok, 'the kept credential opens again once the mode is fixed').toBe(true);
    } finally {
      await fixed.close();
    }
  });
});
