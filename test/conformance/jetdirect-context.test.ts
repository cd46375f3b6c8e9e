import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceReading } from '../../src-shared/domain/device-reading';
import { isInSubtree } from '../../src-shared/snmp/oid';
import type { VarBind } from '../../src-shared/snmp/snmp-value';
import { DeviceReader } from '../../src-main/core/inventory/device-reader';
import { assembleReading } from '../../src-main/core/inventory/reading-assembler';
import { loadProfiles } from '../../src-main/core/profiles/profile-loader';
import { createSnmpClient } from '../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient } from '../../src-main/core/snmp/snmp-client';
import { parseSnmprec } from '../../src-main/simulator/snmprec-parser';
import { startSimulator, type Simulator } from '../../src-main/simulator/simulator';
import { loadSnmprecSnapshot } from '../helpers/snmprec-fixture';

/**
 * Issue 15 item 9 on real recordings: the shared folder has no HP recording whose supplies live
 * in SNMP context "Jetdirect" (only `name@context.snmprec` files would hold one), so each HP
 * JetDirect recording with a supplies table is served here split in two, in memory (the files
 * are read in place, never copied): the supplies and colorant tables in context "Jetdirect",
 * everything else in the default context, as such cards answer. Read over the network, the
 * reading must equal that of the whole recording, and its supplies must be LibreNMS's
 * (expected/<name>.json, printer-supplies: description, capacity and level per row).
 */

const FIXTURES = resolve(__dirname, '../../../shared/fixtures/printers');
const PROFILES = resolve(__dirname, '../../resources/profiles');
const RECORDINGS = ['jetdirect', 'jetdirect_m130nw', 'jetdirect_m252dw'].filter((name) => existsSync(join(FIXTURES, 'snmprec', `${name}.snmprec`)));
const IN_CONTEXT = ['1.3.6.1.2.1.43.11', '1.3.6.1.2.1.43.12'];

interface LibreNmsSupplies {
  'printer-supplies'?: { discovery?: { printer_supplies?: Array<{ supply_oid: string; supply_descr: string; supply_capacity: number; supply_current: number }> } };
}

describe.skipIf(RECORDINGS.length === 0)('conformance: HP JetDirect recordings with their supplies in context "Jetdirect"', () => {
  let simulator: Simulator;
  let client: SnmpClient;
  let reader: DeviceReader;
  const readings = new Map<string, { v2c: DeviceReading; v3: DeviceReading }>();

  beforeAll(async () => {
    const specs = RECORDINGS.map((name) => {
      const file = join(FIXTURES, 'snmprec', `${name}.snmprec`);
      const varbinds = parseSnmprec(readFileSync(file, 'utf8'), file);
      const inContext = (vb: VarBind): boolean => IN_CONTEXT.some((root) => isInSubtree(vb.oid, root));
      return { name, varbinds: varbinds.filter((vb) => !inContext(vb)), contexts: { Jetdirect: varbinds.filter(inContext) } };
    });
    const user = { name: 'conformance', level: 'authNoPriv' as const, authProtocol: 'sha' as const, authKey: 'conformance-key' };
    simulator = await startSimulator({ devices: specs, baseAddress: '127.23.0.1', port: 0, v3Users: [user] });
    client = createSnmpClient();
    reader = new DeviceReader({ snmp: client, profiles: await loadProfiles(PROFILES) });
    await Promise.all(
      simulator.devices.map(async (d) => {
        const at = { host: d.address, port: d.port, timeoutMs: 3000 };
        const [v2c, v3] = await Promise.all([
          reader.fullRead({ ...at, version: 'v2c', community: 'public' }, d.name),
          reader.fullRead({ ...at, version: 'v3', v3: { user: user.name, level: user.level, authProtocol: user.authProtocol, authKey: user.authKey } }, d.name),
        ]);
        readings.set(d.name, { v2c: v2c.reading, v3: v3.reading });
      }),
    );
  });

  afterAll(async () => {
    await client?.close();
    await simulator?.close();
  });

  const withoutUptime = (r: DeviceReading | undefined): DeviceReading | undefined => r && { ...r, identity: { ...r.identity, uptimeSeconds: null } };

  it.each(RECORDINGS)('%s: the reading over v2c (public@Jetdirect) and v3 (contextName) equals that of the whole recording', (name) => {
    const whole = loadSnmprecSnapshot(name);
    const offline = assembleReading(name, whole, reader.profileFor(whole));
    expect(offline.supplies.length, 'the recording has supplies to find').toBeGreaterThan(0);
    expect(withoutUptime(readings.get(name)?.v2c)).toEqual(withoutUptime(offline));
    expect(withoutUptime(readings.get(name)?.v3)).toEqual(withoutUptime(offline));
  });

  it.each(RECORDINGS)('%s: the supplies found in the context are the ones LibreNMS reads', (name) => {
    const expectedFile = join(FIXTURES, 'expected', `${name}.json`);
    const librenms = existsSync(expectedFile) ? (JSON.parse(readFileSync(expectedFile, 'utf8')) as LibreNmsSupplies) : {};
    const rows = librenms['printer-supplies']?.discovery?.printer_supplies ?? [];
    const supplies = readings.get(name)?.v2c.supplies ?? [];
    const levelRows = rows.filter((r) => r.supply_oid.replace(/^\./, '').startsWith('1.3.6.1.2.1.43.11.1.1.9.'));
    expect(levelRows.length, `${name}: LibreNMS lists supplies to compare with`).toBeGreaterThan(0);
    for (const row of levelRows) {
      const index = row.supply_oid.replace(/^\.?1\.3\.6\.1\.2\.1\.43\.11\.1\.1\.9\./, '');
      const ours = supplies.find((s) => s.index === index);
      expect(ours, `${name} supply ${index}`).toBeDefined();
      expect({ description: ours?.description, max: ours?.max, level: ours?.level }).toEqual({ description: row.supply_descr, max: row.supply_capacity, level: row.supply_current });
    }
  });
});
