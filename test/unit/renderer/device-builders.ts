import type { DeviceSummary } from '../../../src-shared/domain/device.schemas';

type Overrides = Partial<Omit<DeviceSummary, 'identity'>> & { identity?: Partial<DeviceSummary['identity']> };

/** A list row read fine; override what a test is about. */
export function aDevice(overrides: Overrides = {}): DeviceSummary {
  const { identity, ...rest } = overrides;
  return {
    id: 1,
    name: null,
    address: '10.0.0.1',
    port: 161,
    source: 'added',
    identity: {
      vendor: 'HP',
      model: 'Color LaserJet Pro M479fdw',
      serial: 'CNB1234567',
      mac: '3c:2a:f4:bf:f5:1b',
      firmware: '2409',
      sysName: 'printer-1',
      sysDescr: null,
      sysObjectID: null,
      location: 'Building A',
      contact: null,
      uptimeSeconds: 1000,
      ...identity,
    },
    state: 'ok',
    message: 'Ready',
    conditions: [],
    supplies: [],
    totalPages: 1000,
    firstSeen: 1_700_000_000_000,
    lastSeen: 1_700_000_100_000,
    lastAttempt: 1_700_000_100_000,
    lastError: null,
    profileId: null,
    missedPolls: 0,
    missingSince: null,
    identityConflict: null,
    ...rest,
  };
}

export function aToner(color: string, percent: number | null, quality: 'exact' | 'coarse' | 'unknown' = 'exact'): DeviceSummary['supplies'][number] {
  return { index: `1.${color}`, type: 'toner', class: 'consumed', color, description: `${color} toner`, percent, quality };
}
