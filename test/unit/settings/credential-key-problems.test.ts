import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import { SecretStoreError, type SecretStore } from '../../../src-main/core/secrets/secret-store';
import { CredentialsVault } from '../../../src-main/core/settings/credentials-vault';
import { noWriteMessage } from '../../../src-main/core/settings/deliver-settings.executor';
import { forEachSettingsDevice } from '../../../src-main/core/settings/settings-targets';
import { CredentialsRepository } from '../../../src-main/core/store/credentials.repository';
import { openDatabase, type Database } from '../../../src-main/core/store/database';
import { DevicesRepository } from '../../../src-main/core/store/devices.repository';
import type { TaskContext } from '../../../src-main/core/tasks/task-executor';
import { aReading } from '../../helpers/reading-builders';
import { anEntry } from '../../helpers/round-entries';

/**
 * Stored credentials sealed with a key that no longer opens (the key file is readable by others,
 * missing or replaced) must never read as "none stored": a task would then say "store one" and
 * a person re-entering it would overwrite what could still be recovered, or a device would be
 * read with the default community. Each use says which key and what to do instead.
 */

const KEY_PROBLEM = 'the key file "/data/printdeck.db.key" is readable by other users (mode 644): run chmod 600 on it';

/** Seals while `usable`, then refuses as the key-file store does for a key file with the wrong mode. */
function switchableStore(): SecretStore & { usable: boolean } {
  const store = {
    usable: true,
    seal: (text: string) => `sealed:${text}`,
    open: (sealed: string) => {
      if (!store.usable) throw new SecretStoreError('secret-key-unusable', KEY_PROBLEM);
      return sealed.slice('sealed:'.length);
    },
  };
  return store;
}

let db: Database;
let devices: DevicesRepository;
let secrets: ReturnType<typeof switchableStore>;
let vault: CredentialsVault;
let deviceId: number;
const tester = { test: async () => ({ ok: true, step: 'ok' as const, message: 'written and read back' }) };

beforeEach(() => {
  secrets = switchableStore();
  db = openDatabase(':memory:');
  devices = new DevicesRepository(db, { secrets });
  deviceId = devices.saveReadings([anEntry(aReading({ target: '10.0.0.5' }), 1)])[0]?.deviceId ?? -1;
  vault = new CredentialsVault({ repository: new CredentialsRepository(db), devices, secrets, tester, now: () => 1 });
  vault.setForDevices({ deviceIds: [deviceId], snmpWrite: { version: 'v2c', community: 'private' }, admin: { id: 'admin', password: 'pw' } }, internalContext('cli'));
  devices.setCredentials([{ id: deviceId, credential: JSON.stringify({ version: 'v2c', community: 'found-with' }) }]);
});
afterEach(() => db.close());

describe('credentials sealed with a key that no longer opens', () => {
  it('are a problem naming the key file in the vault, not "none stored", and stay sealed', async () => {
    expect(vault.forDevice(deviceId)).toMatchObject({ snmpWrite: { community: 'private' }, admin: { id: 'admin', password: 'pw' }, problem: null });
    const before = db.prepare('SELECT snmp_write, admin_password FROM device_credentials').get();
    secrets.usable = false;

    expect(vault.forDevice(deviceId)).toEqual({ snmpWrite: null, admin: null, problem: KEY_PROBLEM });
    expect(await vault.test({ deviceId }, internalContext('cli'))).toEqual({ ok: false, step: 'no-credentials', message: `The stored SNMP write credential cannot be used: ${KEY_PROBLEM}` });
    expect(noWriteMessage({ writeProblem: KEY_PROBLEM })).toContain('chmod 600');
    expect(db.prepare('SELECT snmp_write, admin_password FROM device_credentials').get()).toEqual(before);
  });

  it('make a settings task fail the device saying why, instead of reading it with the default community', async () => {
    secrets.usable = false;
    const reported: Array<{ id: number | null; ok: boolean; message: string }> = [];
    const worked: number[] = [];
    const ctx: TaskContext = {
      executionId: 1,
      taskId: 1,
      requestedBy: null,
      deviceIds: [deviceId],
      params: {},
      signal: new AbortController().signal,
      reportDevice: (id, r) => void reported.push({ id, ok: r.ok, message: r.message }),
      progress: () => undefined,
      log: () => undefined,
    };
    await forEachSettingsDevice(ctx, { devices, profiles: [], vault, snmpSettings: { version: 'v2c', community: 'public' } }, async (d) => {
      worked.push(d.id);
    });
    expect(worked).toEqual([]);
    expect(reported).toEqual([{ id: deviceId, ok: false, message: `the SNMP credential stored for this device cannot be opened: ${KEY_PROBLEM}` }]);
  });
});
