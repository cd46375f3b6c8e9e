import { beforeAll, describe, expect, it } from 'vitest';
import { assembleReading, type IdentityCache } from '../../../src-main/core/inventory/reading-assembler';
import { mergeChanges } from '../../../src-main/core/inventory/snapshot-merge';
import { loadProfiles } from '../../../src-main/core/profiles/profile-loader';
import { SYSTEM_GROUP } from '../../../src-shared/mib/mib2.oids';
import { routineReadPlan } from '../../../src-shared/printer/read-plan';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { matchProfile } from '../../../src-shared/profiles/profile-matcher';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { snmpText } from '../../../src-shared/snmp/snmp-text';
import { asOid, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { PROFILES_DIR } from '../../integration/inventory/inventory-rig';
import { loadSnmprecSnapshot } from '../../helpers/snmprec-fixture';

const RECORDINGS = ['konica', 'ricoh_mpc3002', 'jetdirect_m252dw', 'sharp_mxm266nv', 'brother_hl5370dw', 'utax'];

let profiles: DeviceProfile[];
beforeAll(async () => {
  profiles = await loadProfiles(PROFILES_DIR);
});

function learned(name: string): { snapshot: MibSnapshot; profile: DeviceProfile } {
  const snapshot = loadSnmprecSnapshot(name);
  const profile = matchProfile(profiles, { sysObjectID: asOid(snapshot.get(SYSTEM_GROUP.sysObjectID)), sysDescr: snmpText(snapshot.get(SYSTEM_GROUP.sysDescr)) });
  if (!profile) throw new Error(`no profile for ${name}`);
  snapshot.compact();
  return { snapshot, profile };
}

/** A routine poll's reply in which every number it asks for moved by `step`. */
function moved(snapshot: MibSnapshot, step: number): VarBind[] {
  return routineReadPlan(snapshot).get.map((oid) => {
    const value = snapshot.get(oid);
    if (value && (value.type === 'Integer' || value.type === 'Gauge32' || value.type === 'Counter32' || value.type === 'TimeTicks') && value.value > 10) {
      return { oid, value: { type: value.type, value: value.value - step } };
    }
    return { oid, value: value ?? { type: 'Integer', value: step } };
  });
}

describe('the identity kept per learned layout', () => {
  it.each(RECORDINGS)('%s: readings with the kept identity equal readings worked out in full, poll after poll', (name) => {
    const { snapshot, profile } = learned(name);
    const cache: IdentityCache = {};
    expect(assembleReading('10.0.0.1', snapshot, profile, cache)).toEqual(assembleReading('10.0.0.1', snapshot, profile));
    for (let step = 1; step <= 3; step++) {
      mergeChanges(snapshot, moved(snapshot, step), null);
      const withCache = assembleReading('10.0.0.1', snapshot, profile, cache);
      expect(withCache).toEqual(assembleReading('10.0.0.1', snapshot, profile));
      expect(cache.identity).toBe(withCache.identity);
      snapshot.compact();
    }
  });

  it('is reused for the same printer row (only the uptime read again), each reading with an identity object of its own', () => {
    const { snapshot, profile } = learned('konica');
    const cache: IdentityCache = {};
    const first = assembleReading('10.0.0.1', snapshot, profile, cache);
    // A kept identity is not worked out again: what it says is what the next reading says.
    cache.identity = { ...first.identity, model: 'kept model', uptimeSeconds: -1 };
    mergeChanges(snapshot, moved(snapshot, 1), null);
    const next = assembleReading('10.0.0.1', snapshot, profile, cache);
    expect(next.identity.model).toBe('kept model');
    expect(next.identity.uptimeSeconds).toBe(assembleReading('10.0.0.1', snapshot, profile).identity.uptimeSeconds);
    expect(next.identity).not.toBe(first.identity);
  });

  it('is worked out again for another printer row', () => {
    const { snapshot, profile } = learned('konica');
    const stale = { ...assembleReading('10.0.0.1', snapshot, profile).identity, model: 'Another model', serial: 'OTHER' };
    const cache: IdentityCache = { hrIndex: 'not the printer row', identity: stale };
    const reading = assembleReading('10.0.0.1', snapshot, profile, cache);
    expect(reading.identity).toEqual(assembleReading('10.0.0.1', snapshot, profile).identity);
    expect(cache.identity).not.toBe(stale);
    expect(cache.hrIndex).not.toBe('not the printer row');
  });
});
