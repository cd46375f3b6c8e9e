import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import { PRT_ALERT_TABLE, PRT_MARKER_SUPPLIES_TABLE } from '../../../src-shared/mib/printer-mib.oids';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { DeviceReader } from '../../../src-main/core/inventory/device-reader';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient, SnmpTarget, SnmpV3Credentials } from '../../../src-main/core/snmp/snmp-client';
import { parseSnmprec } from '../../../src-main/simulator/snmprec-parser';
import type { SimV3User, Simulator } from '../../../src-main/simulator/simulator';
import { projectProfiles, startFleet } from './inventory-rig';

/**
 * One value larger than any reply the device can send (10,000 characters; the simulator's
 * largest message is 1472 bytes, as a real agent's often is one Ethernet frame) must not make
 * the whole device unreadable: the agent answers tooBig, the reader asks for less, reads
 * everything that fits and marks the value it cannot read. The simulator serves the project's
 * HP demo recording with a 10,000-character supply description and an alert whose description
 * is as long; loopback only.
 */

const RECORDING = resolve(__dirname, '../../../resources/simulator/hp-color-laser.snmprec');
const HUGE = 'Cyan Cartridge '.padEnd(10_000, 'x');
const CYAN_DESCRIPTION = `${PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription}.1.2`;
const V3_USER: SimV3User = { name: 'reader', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-123' };
const V3_CREDENTIALS: SnmpV3Credentials = { user: 'reader', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-123' };

let simulator: Simulator;
let client: SnmpClient;
let reader: DeviceReader;

function oversizedRecording(): VarBind[] {
  const varbinds = parseSnmprec(readFileSync(RECORDING, 'utf8'), RECORDING);
  return varbinds.map((vb) => (vb.oid === CYAN_DESCRIPTION ? { oid: vb.oid, value: { type: 'OctetString', value: new TextEncoder().encode(HUGE) } } : vb));
}

function targetOf(name: string, version: SnmpTarget['version']): SnmpTarget {
  const device = simulator.devices.find((d) => d.name === name);
  if (!device) throw new RangeError(name);
  const base = { host: device.address, port: device.port, timeoutMs: 1_000, retries: 1 };
  return version === 'v3' ? { ...base, version, v3: V3_CREDENTIALS } : { ...base, version, community: 'public' };
}

beforeAll(async () => {
  const varbinds = oversizedRecording();
  simulator = await startFleet('127.47.0.1', [
    { name: 'oversized', varbinds, v3Users: [V3_USER] },
    { name: 'plain', varbinds: parseSnmprec(readFileSync(RECORDING, 'utf8'), RECORDING), v3Users: [V3_USER] },
  ]);
  simulator.device('oversized').addAlert({ severity: 'warning', group: 11, groupIndex: 2, location: 0, code: 1104, description: 'Toner low. '.padEnd(10_000, 'y') });
  simulator.device('plain').addAlert({ severity: 'warning', group: 11, groupIndex: 2, location: 0, code: 1104, description: 'Toner low' });
  client = createSnmpClient();
  reader = new DeviceReader({ snmp: client, profiles: await projectProfiles() });
});

afterAll(async () => {
  await client?.close();
  await simulator?.close();
});

/** The reading of the plain device with the two oversized texts as this reader should give them. */
function expectedFrom(plain: DeviceReading, target: string): DeviceReading {
  const supplies = plain.supplies.map((s) => (s.index === '1.2' ? { ...s, description: 'Supply 2 (description too large to read)', color: s.color } : s));
  const alerts = plain.alerts.map((a) => ({ ...a, description: 'Marker toner almost empty (description too large to read)', location: 'Supply 2 (description too large to read)' }));
  return { ...plain, target, supplies, alerts };
}

describe('a value too large for any reply', () => {
  it('the simulator answers tooBig for it, like an agent whose reply would pass its largest message', async () => {
    const target = targetOf('oversized', 'v2c');
    const [vb] = await client.get(target, [CYAN_DESCRIPTION]);
    expect(vb, 'our client marks it instead of failing').toEqual({ oid: CYAN_DESCRIPTION, value: { type: 'TooBig', value: null } });
    const [next] = await client.getNext(target, ['1.3.6.1.2.1.1.5.0']);
    expect(next?.oid, 'values that fit are answered as usual').toBe('1.3.6.1.2.1.1.6.0');
    await expect(client.getNext(target, [`${PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription}.1.1`])).rejects.toMatchObject({ code: 'snmp-error-status', detail: { errorStatus: 'tooBig' } });
  });

  it.each(['v1', 'v2c', 'v3'] as const)('%s: the device is read; the identity and every other value are there, the oversized ones marked', async (version) => {
    const [oversized, plain] = await Promise.all([reader.fullRead(targetOf('oversized', version), 'printer'), reader.fullRead(targetOf('plain', version), 'printer')]);
    expect(plain.reading.ok).toBe(true);
    expect(oversized.reading.error).toBeNull();
    expect(oversized.reading.identity.sysName, 'sysName answers').toBe(plain.reading.identity.sysName);
    const withoutUptime = (r: DeviceReading): DeviceReading => ({ ...r, identity: { ...r.identity, uptimeSeconds: null } });
    const { unreadable, ...rest } = withoutUptime(oversized.reading);
    expect(rest).toEqual(withoutUptime(expectedFrom(plain.reading, 'printer')));
    expect(unreadable).toEqual([
      { field: 'supplies[1.2].description', oid: CYAN_DESCRIPTION, reason: 'too-large' },
      { field: 'alerts[1.1].description', oid: `${PRT_ALERT_TABLE.prtAlertDescription}.1.1`, reason: 'too-large' },
    ]);
  });

  it('routine polls of that device stay routine: the oversized alert is walked past, nothing is read as changed, the mark stays', async () => {
    const target = targetOf('oversized', 'v2c');
    const full = await reader.fullRead(target, 'printer');
    if (!full.snapshot || !full.profile) throw new Error(`full read failed: ${full.reading.error?.message ?? ''}`);
    const poll = await reader.routinePoll(target, full.snapshot, full.profile, 'printer', full.reading);
    expect(poll.reading.error).toBeNull();
    expect(poll.unchanged, 'the oversized alert description reads the same every time').toBe(true);
    simulator.device('oversized').setValue(`${PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesLevel}.1.1`, { type: 'Integer', value: 1_000 });
    const changed = await reader.routinePoll(target, full.snapshot, full.profile, 'printer', poll.reading);
    expect(changed.unchanged).toBeUndefined();
    expect(changed.reading.supplies.find((s) => s.index === '1.1')?.level).toBe(1_000);
    expect(changed.reading.unreadable?.map((u) => u.field)).toEqual(['supplies[1.2].description', 'alerts[1.1].description']);
  });
});
