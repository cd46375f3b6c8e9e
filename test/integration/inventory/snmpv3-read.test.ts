import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import type { SnmpV3Credentials } from '../../../src-main/core/snmp/snmp-client';
import type { SimV3User, Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, measure, openStack, projectProfiles, startFleet, targetOf, targetsOf, V2C, type InventoryStack } from './inventory-rig';

/** SNMPv3 authPriv (HMAC-SHA-96 + AES-128) reads a printer exactly as v2c does; wrong keys say so. */

const BASE = '127.45.0.1';
const FLEET = 6;
const USER: SimV3User = { name: 'printdeck', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-passphrase-1', privProtocol: 'aes', privKey: 'priv-passphrase-1' };
const CREDENTIALS: SnmpV3Credentials = { user: USER.name, level: 'authPriv', authProtocol: 'sha', authKey: 'auth-passphrase-1', privProtocol: 'aes', privKey: 'priv-passphrase-1' };
const v3 = (credentials: SnmpV3Credentials = CREDENTIALS): SnmpSettings => ({ version: 'v3', v3: credentials, timeoutMs: 1_000, retries: 1 });

const withoutUptime = (r: DeviceReading | undefined) => r && { ...r, identity: { ...r.identity, uptimeSeconds: null } };

describe('SNMPv3 authPriv reads', () => {
  let simulator: Simulator;
  let stack: InventoryStack;

  beforeAll(async () => {
    simulator = await startFleet(BASE, answeringDemoFleet(FLEET, 45), { v3Users: [USER] });
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('reads every device over v3 (sha + aes) as over v2c, and stores it once', async () => {
    const overV2c = await stack.service.readTargets(targetsOf(simulator, V2C));
    const overV3 = await stack.service.readTargets(targetsOf(simulator, v3()));
    expect(overV3.map((o) => o.reading.error)).toEqual(overV2c.map(() => null));
    expect(overV3.map((o) => withoutUptime(o.reading))).toEqual(overV2c.map((o) => withoutUptime(o.reading)));
    expect(overV3.map((o) => o.saved.deviceId)).toEqual(overV2c.map((o) => o.saved.deviceId));
  });

  it('polls the stored devices routinely over v3', async () => {
    const { value, traffic } = await measure(stack.client, () => stack.service.pollStored(v3()));
    expect(value.map((o) => ({ ok: o.reading.ok, change: o.saved.change }))).toEqual(value.map(() => ({ ok: true, change: 'unchanged' })));
    expect(traffic.requests).toBeLessThanOrEqual(3 * FLEET);
  });

  it.each([
    ['authentication key', { ...CREDENTIALS, authKey: 'not-the-auth-key' }],
    ['privacy key', { ...CREDENTIALS, privKey: 'not-the-priv-key' }],
    ['user name', { ...CREDENTIALS, user: 'somebody-else' }],
  ])('reports a wrong %s as snmp-auth-failed, naming the address', async (_what, credentials) => {
    const target = targetOf(simulator, simulator.devices[0]?.name ?? '', v3(credentials));
    const [outcome] = await stack.service.readTargets([target]);
    expect(outcome?.reading).toMatchObject({ ok: false, error: { code: 'snmp-auth-failed' } });
    expect(outcome?.reading.error?.message).toContain(`${target.host}:${target.port}`);
  });
});
