import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoFleet } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type SimulatedDeviceSpec, type Simulator } from '../../../src-main/simulator/simulator';
import { decodeCommunityMessage, encodeCommunityMessage, type CommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import { close, get, getBulk, v2cSession, walkAll } from './net-snmp-manager';

const ALERTS = '1.3.6.1.2.1.43.18.1.1';
let sim: Simulator;
let name: string;

beforeAll(async () => {
  const healthy = (d: SimulatedDeviceSpec): boolean => !d.faults && !d.varbinds.some((vb) => vb.oid.startsWith(`${ALERTS}.`));
  const [device] = buildDemoFleet(40, 5).filter((d) => d.name.startsWith('hp-color-laser') && healthy(d));
  if (!device) throw new Error('no healthy HP device in the demo fleet');
  name = device.name;
  sim = await startSimulator({ devices: [device], baseAddress: '127.41.0.1', port: 0 });
});

afterAll(async () => {
  await sim?.close();
});

describe('runtime changes are visible in the next request', () => {
  it('setValue, setCounter, setSupplyLevel and removeValue', async () => {
    const device = sim.device(name);
    const session = v2cSession(sim.devices[0] as { address: string; port: number });
    try {
      device.setValue('1.3.6.1.2.1.1.6.0', { type: 'OctetString', value: new Uint8Array(Buffer.from('Moved')) });
      device.setCounter('1.3.6.1.2.1.43.10.2.1.4.1.1', 123456);
      device.setSupplyLevel('1.2', 3);
      device.removeValue('1.3.6.1.2.1.1.4.0');
      const reply = await get(session, ['1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.43.10.2.1.4.1.1', '1.3.6.1.2.1.43.11.1.1.9.1.2', '1.3.6.1.2.1.1.4.0']);
      expect(reply.map((vb) => vb.value)).toEqual([
        { type: 'OctetString', value: new Uint8Array(Buffer.from('Moved')) },
        { type: 'Counter32', value: 123456 },
        { type: 'Integer', value: 3 },
        { type: 'NoSuchObject', value: null },
      ]);
    } finally {
      close(session);
    }
  });

  it('setErrorState sets the bits and the device/printer status', async () => {
    const device = sim.device(name);
    const session = v2cSession(sim.devices[0] as { address: string; port: number });
    const read = async (): Promise<unknown[]> =>
      (await get(session, ['1.3.6.1.2.1.25.3.5.1.2.1', '1.3.6.1.2.1.25.3.2.1.5.1', '1.3.6.1.2.1.25.3.5.1.1.1'])).map((vb) =>
        vb.value.type === 'OctetString' ? Array.from(vb.value.value) : vb.value.value,
      );
    try {
      device.setErrorState(['jammed', 'lowToner']);
      expect(await read()).toEqual([[0x24, 0], 5, 1]);
      device.setErrorState([]);
      expect(await read()).toEqual([[0, 0], 2, 3]);
    } finally {
      close(session);
    }
  });

  it('addAlert keeps prtAlertTable valid (columns 2–9, index <device>.<n>) and clearAlerts empties it', async () => {
    const device = sim.device(name);
    const session = v2cSession(sim.devices[0] as { address: string; port: number });
    try {
      const first = device.addAlert({ severity: 'critical', group: 13, groupIndex: 1, location: 0, code: 8, description: 'Paper jam' });
      const second = device.addAlert({ severity: 'warning', group: 11, groupIndex: 2, location: 0, code: 1104, description: 'Cyan low' });
      expect(second).toBe(first + 1);
      const rows = await walkAll(session, { root: ALERTS, limit: 10 }).then((all) => all.filter((vb) => vb.oid.startsWith(`${ALERTS}.`)));
      const columns = [...new Set(rows.map((vb) => Number(vb.oid.slice(ALERTS.length + 1).split('.')[0])))];
      expect(columns).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(rows.filter((vb) => vb.oid.startsWith(`${ALERTS}.7.`)).map((vb) => [vb.oid.slice(ALERTS.length + 3), vb.value.value])).toEqual([
        [`1.${first}`, 8],
        [`1.${second}`, 1104],
      ]);
      device.clearAlerts();
      const after = await getBulk(session, [ALERTS], 0, 5);
      expect(after.some((vb) => vb.oid.startsWith(`${ALERTS}.`))).toBe(false);
      expect(device.addAlert({ severity: 'other', group: 5, groupIndex: 1, location: 0, code: 1, description: 'x' })).toBe(second + 1);
    } finally {
      close(session);
    }
  });
});

describe('notifications from the device address', () => {
  let receiver: Socket;
  let port: number;
  const received: Array<{ message: CommunityMessage; from: string; port: number }> = [];

  beforeAll(async () => {
    receiver = createSocket('udp4');
    receiver.on('message', (msg, rinfo) => {
      const message = decodeCommunityMessage(msg);
      received.push({ message, from: rinfo.address, port: rinfo.port });
      if (message.pdu.type === 'informRequest' && message.pdu.varbinds.some((vb) => vb.value.type === 'ObjectIdentifier' && vb.value.value.endsWith('.99'))) {
        receiver.send(encodeCommunityMessage({ ...message, pdu: { ...message.pdu, type: 'response' } }), rinfo.port, rinfo.address);
      }
    });
    await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
    port = receiver.address().port;
  });

  afterAll(() => {
    receiver?.close();
  });

  it('sendTrap sends an SNMPv2-Trap with sysUpTime and snmpTrapOID first', async () => {
    await sim.device(name).sendTrap({ host: '127.0.0.1', port, trapOid: '1.3.6.1.2.1.43.0.1', varbinds: [{ oid: '1.3.6.1.2.1.43.18.1.1.7.1.1', value: { type: 'Integer', value: 8 } }] });
    await expect.poll(() => received.length).toBeGreaterThanOrEqual(1);
    const trap = received[0];
    expect(trap?.from).toBe(sim.devices[0]?.address);
    expect(trap?.message.pdu.type).toBe('trapV2');
    expect(trap?.message.pdu.varbinds.map((vb) => vb.oid)).toEqual(['1.3.6.1.2.1.1.3.0', '1.3.6.1.6.3.1.1.4.1.0', '1.3.6.1.2.1.43.18.1.1.7.1.1']);
  });

  it('an inform resolves when acknowledged and rejects when not', async () => {
    await sim.device(name).sendTrap({ host: '127.0.0.1', port, trapOid: '1.3.6.1.4.1.99999.0.99', inform: true });
    await expect(sim.device(name).sendTrap({ host: '127.0.0.1', port, trapOid: '1.3.6.1.4.1.99999.0.98', inform: true, timeoutMs: 200 })).rejects.toThrow(/not acknowledged/);
  });

  it('refuses to send traps off loopback', async () => {
    await expect(sim.device(name).sendTrap({ host: '192.0.2.1', trapOid: '1.3.6.1.4.1.99999.0.1' })).rejects.toThrow(/not a loopback/);
  });
});
