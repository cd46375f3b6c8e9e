import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../src-shared/domain/device-reading';
import type { DeviceProfile } from '../../src-shared/profiles/device-profile.schema';
import { DeviceReader } from '../../src-main/core/inventory/device-reader';
import { assembleReading } from '../../src-main/core/inventory/reading-assembler';
import { loadProfiles } from '../../src-main/core/profiles/profile-loader';
import { createSnmpClient } from '../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient } from '../../src-main/core/snmp/snmp-client';
import { loadSnmprecDir, startSimulator, type Simulator } from '../../src-main/simulator/simulator';
import { loadSnmprecSnapshot } from '../helpers/snmprec-fixture';

/**
 * Conformance with real printers: every recording in ../shared/fixtures/printers is served by
 * the simulator and read through the real SNMP layer and DeviceReader, as `printdeck poll`
 * reads a printer. Two things are held:
 *  1. The network reading equals the interpretation of the WHOLE recording: the read plan
 *     fetches everything the decoders need, and nothing is lost on the wire (the uptime of
 *     a live device moves, so it is left out).
 *  2. Against LibreNMS's readings (expected/*.json): serial numbers, page counters and device
 *     status agree, except where listed below with the reason. Supplies and trays are compared
 *     row by row with LibreNMS in test/unit/shared/recorded-printers.test.ts, and model and
 *     firmware in test/unit/profiles/recorded-devices.test.ts; by (1) those hold on the wire too.
 */

const FIXTURES = resolve(__dirname, '../../../shared/fixtures/printers');
const PROFILES = resolve(__dirname, '../../resources/profiles');
const haveFixtures = existsSync(join(FIXTURES, 'snmprec'));

/** Where Printdeck's serial deliberately differs from LibreNMS's. */
const SERIAL_DIFFERENCES: Record<string, { ours: string | null; reason: string }> = {
  jetdirect: { ours: 'AAA0A00000', reason: 'LibreNMS finds none; the HP profile reads the serial HP puts in sysDescr ("SN:")' },
  jetdirect_m252dw: { ours: 'VNB3J99999', reason: 'LibreNMS finds none; the HP profile reads the serial HP puts in sysDescr ("SN:")' },
  zebra: { ours: '37J162600538', reason: "LibreNMS reports the print server's serial; we report the printer's (Zebra private MIB)" },
};

/** Status as LibreNMS sees it (hrDeviceStatus sensor) → what Printdeck says, where it differs. */
const STATUS_DIFFERENCES: Record<string, { state: DeviceReading['status']['state']; reason: string }> = {
  fujifilmprinter_c7580: { state: 'unknown', reason: 'no HOST-RESOURCES printer row: neither device status nor error bits exist to judge by' },
  'epson-scanner_ds-860': { state: 'unknown', reason: 'a scanner, not a printer' },
  jetdirect: { state: 'ok', reason: 'hrDeviceStatus only; LibreNMS agrees (running)' },
};

interface LibreNms {
  os: { discovery: { devices: Array<{ serial: string | null }> } };
  sensors?: { discovery?: { sensors?: Array<{ sensor_class: string; sensor_type: string; sensor_oid: string; sensor_current: number }> } };
}

function expectedOf(name: string): LibreNms | null {
  const file = join(FIXTURES, 'expected', `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LibreNms) : null;
}

describe.skipIf(!haveFixtures)('conformance: real printer recordings read over SNMP', () => {
  let simulator: Simulator;
  let client: SnmpClient;
  let profiles: DeviceProfile[];
  let reader: DeviceReader;
  const readings = new Map<string, DeviceReading>();

  beforeAll(async () => {
    const specs = await loadSnmprecDir(join(FIXTURES, 'snmprec'));
    simulator = await startSimulator({ devices: specs, baseAddress: '127.22.0.1', port: 1161 });
    profiles = await loadProfiles(PROFILES);
    client = createSnmpClient();
    reader = new DeviceReader({ snmp: client, profiles });
    await Promise.all(
      simulator.devices.map(async (d) => {
        const result = await reader.fullRead({ host: d.address, port: d.port, version: 'v2c', community: 'public', timeoutMs: 3000 }, d.name);
        readings.set(d.name, result.reading);
      }),
    );
  });

  afterAll(async () => {
    await client?.close();
    await simulator?.close();
  });

  const names = haveFixtures ? readdirSync(join(FIXTURES, 'snmprec')) : [];
  const recordings = names.filter((f) => f.endsWith('.snmprec') && !f.includes('@')).map((f) => f.slice(0, -'.snmprec'.length));

  it.each(recordings)('%s: the network reading equals the interpretation of the whole recording', (name) => {
    const reading = readings.get(name);
    expect(reading?.error ?? null).toBeNull();
    const whole = loadSnmprecSnapshot(name);
    const offline = assembleReading(name, whole, reader.profileFor(whole));
    const withoutUptime = (r: DeviceReading): DeviceReading => ({ ...r, identity: { ...r.identity, uptimeSeconds: null } });
    expect(withoutUptime(reading as DeviceReading)).toEqual(withoutUptime(offline));
  });

  const compared = recordings.filter((name) => expectedOf(name) !== null);

  it.each(compared)('%s: serial number agrees with LibreNMS or differs as documented', (name) => {
    const librenms = expectedOf(name)?.os.discovery.devices[0]?.serial ?? null;
    const ours = readings.get(name)?.identity.serial ?? null;
    const difference = SERIAL_DIFFERENCES[name];
    if (difference) expect(ours).toBe(difference.ours);
    else expect(ours).toBe(librenms);
  });

  it.each(compared)('%s: page counters agree with LibreNMS where both read the same object', (name) => {
    const sensors = expectedOf(name)?.sensors?.discovery?.sensors ?? [];
    const reading = readings.get(name) as DeviceReading;
    const profile = reader.profileFor(loadSnmprecSnapshot(name));
    const byOid = new Map<string, string>([
      ['1.3.6.1.2.1.43.10.2.1.4.1.1', 'total'],
      ['1.3.6.1.2.1.43.10.2.1.5.1.1', 'sincePowerOn'],
      ...(profile.counters ?? []).map((c): [string, string] => [c.oid, c.name]),
    ]);
    let checked = 0;
    for (const sensor of sensors.filter((s) => s.sensor_class === 'count')) {
      const counterName = byOid.get(sensor.sensor_oid.replace(/^\./, ''));
      if (!counterName) continue; // a counter LibreNMS reads that no profile of ours names (e.g. HP jam count)
      const counter = reading.counters.find((c) => c.name === counterName);
      expect(counter?.value, `${name} ${counterName} (${sensor.sensor_oid})`).toBe(sensor.sensor_current);
      checked++;
    }
    const librenmsCounts = sensors.filter((s) => s.sensor_class === 'count').length;
    if (librenmsCounts > 0) expect(checked, `${name}: no LibreNMS counter compared`).toBeGreaterThan(0);
  });

  it.each(compared)('%s: device status agrees with LibreNMS or differs as documented', (name) => {
    const sensors = expectedOf(name)?.sensors?.discovery?.sensors ?? [];
    const deviceStatus = sensors.find((s) => s.sensor_type === 'hrDeviceStatus')?.sensor_current;
    const errorBits = sensors.find((s) => s.sensor_type === 'hrPrinterDetectedErrorState')?.sensor_current ?? 0;
    const reading = readings.get(name) as DeviceReading;
    const difference = STATUS_DIFFERENCES[name];
    if (difference) {
      expect(reading.status.state, difference.reason).toBe(difference.state);
      return;
    }
    // hrDeviceStatus: 2 running, 3 warning, 5 down (RFC 2790); no error bit set in any recording.
    const expected = deviceStatus === 3 ? 'warning' : deviceStatus === 5 ? 'error' : 'ok';
    expect(errorBits).toBe(0);
    expect(reading.status.state).toBe(expected);
    expect(reading.status.message.length).toBeGreaterThan(0);
  });

  it('recognises the Epson scanner as not a printer', () => {
    const scanner = readings.get('epson-scanner_ds-860') as DeviceReading;
    expect(scanner.ok).toBe(true);
    expect(scanner.status.message).toMatch(/not a printer/i);
    expect(scanner.supplies).toEqual([]);
  });
});
