import { describe, expect, it } from 'vitest';
import { demoProfilesDir } from '../../../src-main/simulator/demo-fleet';
import { startSimulatorProcess } from '../../../src-main/simulator/simulator-process-client';
import { close, get, v2cSession } from './net-snmp-manager';

describe('simulator in a child process', () => {
  it('serves an snmprec folder, reports its addresses and counters, takes faults and closes', async () => {
    const sim = await startSimulatorProcess({ snmprecDir: demoProfilesDir(), baseAddress: '127.45.0.1', port: 0 }, 60_000);
    const [device] = sim.devices;
    const session = v2cSession(device ?? { address: '', port: 0 }, 'public', { timeout: 500 });
    try {
      expect(sim.pid).not.toBe(process.pid);
      expect(sim.devices.map((d) => d.name)).toContain('epson-inkjet');
      expect((await get(session, ['1.3.6.1.2.1.1.5.0']))[0]?.value.type).toBe('OctetString');
      await sim.setFaults(device?.name ?? '', { silent: true });
      await expect(get(session, ['1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/timed out/i);
      expect(await sim.stats()).toMatchObject({ requests: 2, responses: 1, dropped: 1 });
      await expect(sim.setFaults('no-such-device', { silent: true })).rejects.toThrow(/no simulated device/);
    } finally {
      close(session);
      await sim.close();
    }
  });

  it('passes start-up errors back to the parent', async () => {
    await expect(startSimulatorProcess({ demo: { count: 2, seed: 1 }, baseAddress: '192.0.2.1', port: 0 }, 60_000)).rejects.toThrow(/not a loopback address/);
  });
});
