import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipToBytes } from '../../../src-shared/snmp/ber/ber-value-codec';
import { aV1Trap } from '../../helpers/trap-builders';
import { ADMIN, eventually, listed, startMonitorRig, type MonitorRig } from './monitor-rig';

/** Traps reach a listener on 127.122.0.1:16162 (the ALERTS range and ports); printers sit at 127.122.1.x. */
const LISTENER = { host: '127.122.0.1', port: 16162 };
const PRINTER_ALERT_TRAP = '1.3.6.1.2.1.43.18.2.0.1';

let rig: MonitorRig;
let stranger: Socket;

beforeAll(async () => {
  rig = await startMonitorRig('127.122.1.1', 2, { traps: { bindAddress: LISTENER.host, port: LISTENER.port } });
  await rig.core.monitoring.start();
  stranger = createSocket('udp4');
  await new Promise<void>((resolve) => stranger.bind(0, '127.122.9.9', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => stranger.close(() => resolve()));
  await rig?.close();
});

/** The device's decoded conditions as the store holds them now. */
async function conditionsOf(id: number | undefined): Promise<string[]> {
  return (await listed(rig, id))?.conditions ?? [];
}
function sendFromStranger(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => stranger.send(bytes, LISTENER.port, LISTENER.host, (error) => (error ? reject(error) : resolve())));
}

describe('SNMP traps', () => {
  it('listens where the host asked', () => {
    expect(rig.core.monitoring.traps?.address).toEqual({ address: LISTENER.host, port: LISTENER.port });
  });

  it('re-polls the sender of a v2c trap within a second, and the alert follows', async () => {
    await rig.core.api.monitoring.createCondition(
      { name: 'Jams', enabled: true, targets: { allDevices: true, deviceIds: [], groupIds: [] }, watch: ['jammed'], hours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' }, destinations: [], holdDownMinutes: 0, dampingMinutes: 0, digest: false },
      ADMIN,
    );
    const [info] = rig.simulator.devices;
    const id = rig.ids[0];
    const handle = rig.simulator.device(info?.name ?? '');
    handle.setErrorState(['jammed']);
    await handle.sendTrap({ host: LISTENER.host, port: LISTENER.port, trapOid: PRINTER_ALERT_TRAP });
    expect(await eventually(async () => (await conditionsOf(id)).includes('jammed'), 1_000)).toBe(true);
    expect(await eventually(() => rig.events.some((e) => e.name === 'alert.raised'), 1_000)).toBe(true);
    const { alerts } = await rig.core.api.monitoring.listAlerts({ limit: 10 }, ADMIN);
    expect(alerts).toEqual([expect.objectContaining({ deviceId: id, kind: 'raised', active: ['jammed'], suppressed: 'list-only' })]);
    // The other printer sent nothing and was not read again.
    expect(await conditionsOf(rig.ids[1])).toEqual([]);
  });

  it('acknowledges an inform (the simulator waits for the Response) and re-polls', async () => {
    const [info] = rig.simulator.devices;
    const handle = rig.simulator.device(info?.name ?? '');
    handle.setErrorState([]);
    await handle.sendTrap({ host: LISTENER.host, port: LISTENER.port, trapOid: PRINTER_ALERT_TRAP, inform: true, timeoutMs: 1_000 });
    expect(await eventually(async () => (await conditionsOf(rig.ids[0])).length === 0, 1_000)).toBe(true);
  });

  it('matches a v1 trap relayed by another host through its agent-addr', async () => {
    const info = rig.simulator.devices[1];
    rig.simulator.device(info?.name ?? '').setErrorState(['doorOpen']);
    await sendFromStranger(aV1Trap({ agent: [...ipToBytes(info?.address ?? '')] }));
    expect(await eventually(async () => (await conditionsOf(rig.ids[1])).includes('doorOpen'), 1_000)).toBe(true);
  });

  it('ignores (and logs) malformed datagrams and traps from unknown senders, and keeps listening', async () => {
    await sendFromStranger(Uint8Array.from([0x30, 0x84, 1, 2, 3, 4, 5]));
    await sendFromStranger(aV1Trap({ agent: [127, 122, 9, 9] }));
    expect(await eventually(() => rig.logs.some((l) => /ignored .*127\.122\.9\.9.*malformed/.test(l)), 1_000)).toBe(true);
    expect(await eventually(() => rig.logs.some((l) => /ignored .*unknown device \(127\.122\.9\.9\)/.test(l)), 1_000)).toBe(true);
    const [info] = rig.simulator.devices;
    const handle = rig.simulator.device(info?.name ?? '');
    handle.setErrorState(['noPaper']);
    await handle.sendTrap({ host: LISTENER.host, port: LISTENER.port, trapOid: PRINTER_ALERT_TRAP });
    expect(await eventually(async () => (await conditionsOf(rig.ids[0])).includes('noPaper'), 1_000)).toBe(true);
  });
});
