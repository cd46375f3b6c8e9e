import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src-main/core/snmp/concurrency-limiter';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import { buildDemoFleet } from '../../../src-main/simulator/demo-fleet';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';

/** One client, one thousand printers: a handful of sockets, not one per device. */

const DEVICES = 1000;
const STATUS_OIDS = [
  '1.3.6.1.2.1.1.3.0', // sysUpTime
  '1.3.6.1.2.1.25.3.2.1.5.1', // hrDeviceStatus
  '1.3.6.1.2.1.25.3.5.1.1.1', // hrPrinterStatus
  '1.3.6.1.2.1.25.3.5.1.2.1', // hrPrinterDetectedErrorState
  '1.3.6.1.2.1.43.10.2.1.4.1.1', // prtMarkerLifeCount
];
const SUPPLY_COLUMNS = ['1.3.6.1.2.1.43.11.1.1.8', '1.3.6.1.2.1.43.11.1.1.9'];

const openDescriptors = (): number | null => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null);

describe('polling 1,000 simulated printers through one client', () => {
  let simulator: Simulator;
  let targets: SnmpTarget[];

  beforeAll(async () => {
    const fleet = buildDemoFleet(DEVICES, 11).map(({ faults: _faults, ...healthy }) => healthy);
    simulator = await startSimulator({ baseAddress: '127.33.0.1', port: 0, devices: fleet });
    targets = simulator.devices.map((d) => ({ host: d.address, port: d.port, version: 'v2c', timeoutMs: 2000, retries: 2 }));
  }, 60_000);

  afterAll(async () => {
    await simulator?.close();
  });

  it('reads every device with 2 requests each over 1–4 sockets, then closes idle sessions', async () => {
    const client = createSnmpClient({ sessionIdleMs: 300 });
    const limiter = createLimiter(128);
    const descriptorsBefore = openDescriptors();
    try {
      const readings = await Promise.all(
        targets.map((target) =>
          limiter.run(async () => {
            const [status, supplies] = await Promise.all([client.get(target, STATUS_OIDS), client.walkColumns(target, SUPPLY_COLUMNS)]);
            return { status, supplies };
          }),
        ),
      );
      const descriptorsAfter = openDescriptors();
      const stats = client.stats();

      expect(readings.every((r) => r.status.length === STATUS_OIDS.length && r.status.every((vb) => vb.value.value !== null))).toBe(true);
      expect(readings.every((r) => r.supplies.length >= 2)).toBe(true);
      expect(stats.sockets).toBeGreaterThanOrEqual(1);
      expect(stats.sockets).toBeLessThanOrEqual(4);
      expect(stats).toMatchObject({ requests: 2 * DEVICES, timeouts: 0, strayDatagrams: 0 });
      expect(stats.bytesReceived).toBeGreaterThan(stats.bytesSent);
      if (descriptorsBefore !== null && descriptorsAfter !== null) expect(descriptorsAfter - descriptorsBefore).toBeLessThanOrEqual(4);

      // Sessions are not kept per device forever: after the idle time they are gone.
      for (let i = 0; i < 40 && (client.stats().sessions ?? 0) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(client.stats().sessions).toBe(0);
    } finally {
      await client.close();
    }
  });
});
