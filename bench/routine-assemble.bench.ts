/**
 * CPU per CHANGED device of a routine poll after its reply arrived: merging the reply into the
 * packed snapshot, assembling the reading (interpretation + profile), sharing its texts and
 * packing the snapshot again — what DeviceReader.routinePoll does for a device that printed.
 * Many devices per recording (one packed snapshot each, as in the console), levels and
 * counters moved every round. Uses the real recordings in ../shared/fixtures/printers.
 * Run: npx tsx bench/routine-assemble.bench.ts [devices]   (prints figures, asserts nothing)
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadProfiles } from '../src-main/core/profiles/profile-loader';
import type { DeviceReading } from '../src-shared/domain/device-reading';
import { assembleReading, type IdentityCache } from '../src-main/core/inventory/reading-assembler';
import { SharedTexts } from '../src-main/core/inventory/shared-texts';
import { mergeChanges } from '../src-main/core/inventory/snapshot-merge';
import { matchProfile } from '../src-shared/profiles/profile-matcher';
import type { DeviceProfile } from '../src-shared/profiles/device-profile.schema';
import { routineReadPlan } from '../src-shared/printer/read-plan';
import { SYSTEM_GROUP } from '../src-shared/mib/mib2.oids';
import { MibSnapshot } from '../src-shared/snmp/mib-snapshot';
import { snmpText } from '../src-shared/snmp/snmp-text';
import { asOid, type VarBind } from '../src-shared/snmp/snmp-value';
import { loadSnmprecSnapshot } from '../test/helpers/snmprec-fixture';

const DIR = resolve(__dirname, '../../shared/fixtures/printers/snmprec');
const PROFILES = resolve(__dirname, '../resources/profiles');
const DEVICES = Number(process.argv[2] ?? 2_000);
const ROUNDS = 6;

interface Device {
  snapshot: MibSnapshot;
  profile: DeviceProfile;
  get: string[];
  /** What DeviceReader keeps per learned layout (see IdentityCache). */
  cache: IdentityCache;
  /** The last reading, which the console keeps per device between polls. */
  previous?: DeviceReading;
}

/** The reply of a device that printed: every integer it is asked for moved by `round`. */
function reply(device: Device, round: number): VarBind[] {
  return device.get.map((oid) => {
    const value = device.snapshot.get(oid);
    if (value && (value.type === 'Integer' || value.type === 'Counter32' || value.type === 'Gauge32') && value.value > 0) {
      return { oid, value: { type: value.type, value: value.value + (round % 3) - 1 } };
    }
    return { oid, value: value ?? { type: 'Integer', value: round } };
  });
}

async function main(): Promise<void> {
  if (!existsSync(DIR)) {
    console.log(`no recordings at ${DIR}: nothing to measure`);
    return;
  }
  const profiles = await loadProfiles(PROFILES);
  const recordings = readdirSync(DIR).filter((name) => name.endsWith('.snmprec')).sort();
  const models = recordings.map((name) => loadSnmprecSnapshot(`${DIR}/${name}`));
  const devices: Device[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const model = models[i % models.length] as MibSnapshot;
    const snapshot = new MibSnapshot(model.toVarBinds());
    const sysObjectID = asOid(snapshot.get(SYSTEM_GROUP.sysObjectID));
    const profile = matchProfile(profiles, { sysObjectID, sysDescr: snmpText(snapshot.get(SYSTEM_GROUP.sysDescr)) });
    if (!profile) throw new Error('no profile matched');
    snapshot.compact();
    devices.push({ snapshot, profile, get: routineReadPlan(snapshot).get, cache: {} });
  }
  const texts = new SharedTexts();
  const figures: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const replies = devices.map((d) => reply(d, round));
    const started = process.cpuUsage();
    devices.forEach((device, i) => {
      mergeChanges(device.snapshot, replies[i] as VarBind[], null);
      const reading = assembleReading(`10.0.0.${i}`, device.snapshot, device.profile, device.cache);
      texts.shareReading(reading);
      device.snapshot.compact();
      device.previous = reading;
    });
    const used = process.cpuUsage(started);
    figures.push((used.user + used.system) / DEVICES);
  }
  const settled = figures.slice(1).sort((a, b) => a - b);
  const median = settled[Math.floor(settled.length / 2)] ?? 0;
  console.log(
    `routine poll, changed device (merge + assemble + share + pack), ${DEVICES} devices of ${models.length} recordings: ` +
      `${median.toFixed(1)} µs CPU/device (median of ${settled.length} rounds; first ${(figures[0] ?? 0).toFixed(1)} µs)`,
  );
}

void main();
