import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { buildDemoFleet } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type Simulator, type SimulatedDeviceSpec } from '../../../src-main/simulator/simulator';
import { decodeCommunityMessage, encodeCommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';

const SYS_NAME = '1.3.6.1.2.1.1.5.0';

/** GETs sysName.0 from every device (in batches, so the client's buffer never overflows). */
async function askEveryDevice(sim: Simulator): Promise<Map<number, { from: string; port: number; name: string }>> {
  const socket = createSocket('udp4');
  const replies = new Map<number, { from: string; port: number; name: string }>();
  socket.on('message', (msg, rinfo) => {
    const { pdu } = decodeCommunityMessage(msg);
    const value = pdu.varbinds[0]?.value;
    replies.set(pdu.requestId, { from: rinfo.address, port: rinfo.port, name: value?.type === 'OctetString' ? Buffer.from(value.value).toString() : '' });
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    const devices = sim.devices;
    for (let start = 0; start < devices.length; start += 100) {
      const batch = devices.slice(start, start + 100);
      batch.forEach((d, i) => {
        const request = encodeCommunityMessage({
          version: 'v2c',
          community: 'public',
          pdu: { type: 'getRequest', requestId: start + i, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: SYS_NAME, value: { type: 'Null', value: null } }] },
        });
        socket.send(request, d.port, d.address);
      });
      await expect.poll(() => replies.size, { timeout: 5000, interval: 5 }).toBe(start + batch.length);
    }
    return replies;
  } finally {
    socket.close();
  }
}

function healthyFleet(count: number): SimulatedDeviceSpec[] {
  return buildDemoFleet(count, 3).map(({ faults: _faults, ...spec }) => spec);
}

describe('many devices in one process', () => {
  it('binds 2,000 devices on their own loopback addresses and each answers from its own address', async () => {
    const fleet = healthyFleet(2000);
    const sim = await startSimulator({ devices: fleet, baseAddress: '127.43.0.1', port: 0 });
    try {
      expect(sim.devices).toHaveLength(2000);
      expect(new Set(sim.devices.map((d) => d.address)).size).toBe(2000);
      expect(sim.devices.some((d) => d.address.endsWith('.0') || d.address.endsWith('.255'))).toBe(false);
      const replies = await askEveryDevice(sim);
      sim.devices.forEach((d, i) => {
        const reply = replies.get(i);
        expect(reply?.from).toBe(d.address);
        expect(reply?.port).toBe(d.port);
        const sysName = fleet[i]?.varbinds.find((vb) => vb.oid === SYS_NAME)?.value;
        expect(reply?.name).toBe(sysName?.type === 'OctetString' ? Buffer.from(sysName.value).toString() : '');
      });
      expect(sim.stats()).toEqual({ requests: 2000, responses: 2000, dropped: 0 });
    } finally {
      await sim.close();
    }
  });

  it('can also put devices on consecutive ports of one address', async () => {
    const sim = await startSimulator({ devices: healthyFleet(50), baseAddress: '127.43.200.1', port: 0, layout: 'port-per-device' });
    try {
      expect(new Set(sim.devices.map((d) => d.address))).toEqual(new Set(['127.43.200.1']));
      expect(new Set(sim.devices.map((d) => d.port)).size).toBe(50);
      expect((await askEveryDevice(sim)).size).toBe(50);
    } finally {
      await sim.close();
    }
  });

  it('reports an address already in use, closing what it had bound', async () => {
    const first = await startSimulator({ devices: healthyFleet(1), baseAddress: '127.43.210.1', port: 0 });
    try {
      const taken = first.devices[0] as { address: string; port: number };
      const clash = healthyFleet(3).map((spec, i) => (i === 2 ? { ...spec, address: taken.address, port: taken.port } : spec));
      await expect(startSimulator({ devices: clash, baseAddress: '127.43.211.1', port: 1161 })).rejects.toThrow(/cannot bind .*EADDRINUSE/);
      // The two devices bound before the clash were released: the same addresses bind again.
      const again = await startSimulator({ devices: healthyFleet(2), baseAddress: '127.43.211.1', port: 1161 });
      await again.close();
    } finally {
      await first.close();
    }
  });
});
