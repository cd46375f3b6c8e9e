import { describe, expect, it } from 'vitest';
import { deviceProfileSchema, type DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { applyProfile, profileReadOids } from '../../../src-shared/profiles/profile-reader';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { SnmpValue } from '../../../src-shared/snmp/snmp-value';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const HR_TYPE = '1.3.6.1.2.1.25.3.2.1.2';
const HR_DESCR = '1.3.6.1.2.1.25.3.2.1.3';
const HR_PRINTER = '1.3.6.1.2.1.25.3.1.5';

type Raw = string | number | Uint8Array | { oid: string } | SnmpValue;

function toValue(raw: Raw): SnmpValue {
  if (typeof raw === 'string') return { type: 'OctetString', value: new TextEncoder().encode(raw) };
  if (typeof raw === 'number') return { type: 'Counter32', value: raw };
  if (raw instanceof Uint8Array) return { type: 'OctetString', value: raw };
  if ('type' in raw) return raw;
  return { type: 'ObjectIdentifier', value: raw.oid };
}

function aSnapshot(values: Record<string, Raw>): MibSnapshot {
  return new MibSnapshot(Object.entries(values).map(([oid, raw]) => ({ oid, value: toValue(raw) })));
}

function aProfile(extra: Record<string, unknown> = {}): DeviceProfile {
  return deviceProfileSchema.parse({ id: 'acme', vendor: 'Acme', match: { sysObjectIdPrefixes: ['1.3.6.1.4.1.99999'] }, ...extra });
}

describe('applyProfile: identity', () => {
  it('takes the first source that yields a value, in the order the profile lists them', () => {
    const profile = aProfile({ model: [{ oid: '1.3.6.1.4.1.99999.1.0' }, { oid: '1.3.6.1.4.1.99999.2.0' }, { fromSysDescr: '^Acme (\\S+)' }] });
    const both = aSnapshot({ [SYS_DESCR]: 'Acme P300', '1.3.6.1.4.1.99999.1.0': 'P100', '1.3.6.1.4.1.99999.2.0': 'P200' });
    const secondOnly = aSnapshot({ [SYS_DESCR]: 'Acme P300', '1.3.6.1.4.1.99999.1.0': '   ', '1.3.6.1.4.1.99999.2.0': 'P200' });
    const sysDescrOnly = aSnapshot({ [SYS_DESCR]: 'Acme P300' });
    expect(applyProfile(profile, both, null).model).toBe('P100');
    expect(applyProfile(profile, secondOnly, null).model).toBe('P200');
    expect(applyProfile(profile, sysDescrOnly, null).model).toBe('P300');
  });

  it('applies a pattern to an OID value and strips prefixes and suffixes case-insensitively', () => {
    const profile = aProfile({
      model: { oid: '1.3.6.1.4.1.99999.7.0', pattern: 'MDL:([^;]+)', stripPrefixes: ['ACME '], stripSuffixes: [' series'] },
    });
    const snapshot = aSnapshot({ '1.3.6.1.4.1.99999.7.0': 'MFG:Acme;MDL:Acme P100 Series;CLS:PRINTER;' });
    expect(applyProfile(profile, snapshot, null).model).toBe('P100');
  });

  it('drops control bytes and NUL padding from values (HP PML symbol-set prefix)', () => {
    const profile = aProfile({ serial: { oid: '1.3.6.1.4.1.99999.3.0' } });
    const pml = new Uint8Array([0x01, 0x15, ...new TextEncoder().encode('VNCRC48198'), 0, 0]);
    expect(applyProfile(profile, aSnapshot({ '1.3.6.1.4.1.99999.3.0': pml }), null).serial).toBe('VNCRC48198');
  });

  it('falls back to the standard serial (prtGeneralSerialNumber) when the profile finds none', () => {
    const profile = aProfile({ serial: { oid: '1.3.6.1.4.1.99999.3.0' } });
    expect(applyProfile(profile, aSnapshot({}), 'W492KB03439').serial).toBe('W492KB03439');
    expect(applyProfile(profile, aSnapshot({ '1.3.6.1.4.1.99999.3.0': 'VENDOR1' }), 'W492KB03439').serial).toBe('VENDOR1');
    expect(applyProfile(profile, aSnapshot({}), null).serial).toBeNull();
  });

  it('reports the brand as the vendor when sysDescr names one, the maker otherwise', () => {
    const profile = aProfile({ vendor: 'Ricoh', brands: [{ name: 'Gestetner' }, { name: 'UTAX', sysDescrPatterns: ['UTAX'] }] });
    expect(applyProfile(profile, aSnapshot({ [SYS_DESCR]: 'Gestetner MPC2500/DSc525 1.71 / Gestetner Network Printer' }), null).vendor).toBe('Gestetner');
    expect(applyProfile(profile, aSnapshot({ [SYS_DESCR]: 'TA_UTAX Printing System' }), null).vendor).toBe('UTAX');
    expect(applyProfile(profile, aSnapshot({ [SYS_DESCR]: 'RICOH MP 3053 1.09' }), null).vendor).toBe('Ricoh');
  });

  it('matches a brand name only as a whole word (NRG is not inside ENERGY)', () => {
    const profile = aProfile({ vendor: 'Ricoh', brands: [{ name: 'NRG' }] });
    expect(applyProfile(profile, aSnapshot({ [SYS_DESCR]: 'RICOH ENERGY SAVER 1.0' }), null).vendor).toBe('Ricoh');
    expect(applyProfile(profile, aSnapshot({ [SYS_DESCR]: 'NRG SP 4210N 1.05 / NRG Network Printer C model' }), null).vendor).toBe('NRG');
  });

  it('without a profile source, takes the model from the printer row of hrDeviceTable, minus maker names and " series"', () => {
    const profile = aProfile({ vendor: 'Brother' });
    const snapshot = aSnapshot({
      [`${HR_TYPE}.1`]: { oid: '1.3.6.1.2.1.25.3.1.4' },
      [`${HR_DESCR}.1`]: 'Ethernet Port',
      [`${HR_TYPE}.2`]: { oid: HR_PRINTER },
      [`${HR_DESCR}.2`]: 'Brother HL-5370DW series',
    });
    expect(applyProfile(profile, snapshot, null).model).toBe('HL-5370DW');
    expect(applyProfile(profile, aSnapshot({ [`${HR_DESCR}.1`]: 'BROTHER MFC-L2710DW series' }), null).model).toBe('MFC-L2710DW');
  });

  it('uses sysDescr as a last resort only for the fallback profile', () => {
    const generic = deviceProfileSchema.parse({ id: 'generic', vendor: null, fallback: true, match: { sysObjectIdPrefixes: [] } });
    const snapshot = aSnapshot({ [SYS_DESCR]: 'Acme LaserBox 9 version 1.2.3 kernel 4.1; more' });
    expect(applyProfile(generic, snapshot, null)).toMatchObject({ vendor: null, model: 'Acme LaserBox 9', firmware: null });
    expect(applyProfile(aProfile(), snapshot, null).model).toBeNull();
  });
});

describe('applyProfile: counters', () => {
  const counters = [
    { name: 'total', unit: 'impressions', oid: '1.3.6.1.4.1.99999.9.1' },
    { name: 'mono', unit: 'impressions', oid: '1.3.6.1.4.1.99999.9.2' },
    { name: 'color', unit: 'impressions', oid: '1.3.6.1.4.1.99999.9.3' },
    { name: 'printLength', unit: 'inches', oid: '1.3.6.1.4.1.99999.9.4', pattern: '(\\d+)\\s*INCH' },
    { name: 'scaled', unit: 'meters', oid: '1.3.6.1.4.1.99999.9.5', scale: 0.1 },
  ];

  it('reads the counters the device answered and skips missing, negative and non-numeric ones', () => {
    const snapshot = aSnapshot({
      '1.3.6.1.4.1.99999.9.1': 1200,
      '1.3.6.1.4.1.99999.9.2': { type: 'Integer', value: -1 },
      '1.3.6.1.4.1.99999.9.3': 'n/a',
      '1.3.6.1.4.1.99999.9.4': '1920 INCHES, 4876 CENTIMETERS',
      '1.3.6.1.4.1.99999.9.5': { type: 'Counter64', value: 25n },
    });
    expect(applyProfile(aProfile({ counters }), snapshot, null).counters).toEqual([
      { name: 'total', unit: 'impressions', value: 1200 },
      { name: 'printLength', unit: 'inches', value: 1920 },
      { name: 'scaled', unit: 'meters', value: 2.5 },
    ]);
  });

  it('yields no counters when the snapshot has none of them', () => {
    expect(applyProfile(aProfile({ counters }), aSnapshot({}), null).counters).toEqual([]);
  });
});

describe('profileReadOids', () => {
  it('puts identity sources in static, counters in dynamic, each OID once', () => {
    const profile = aProfile({
      model: [{ oid: '1.3.6.1.4.1.99999.1.0' }, { fromSysDescr: 'x' }],
      serial: [{ oid: '1.3.6.1.4.1.99999.1.0' }, { oid: '1.3.6.1.4.1.99999.2.0' }],
      counters: [
        { name: 'total', unit: 'pages', oid: '1.3.6.1.4.1.99999.9.1' },
        { name: 'again', unit: 'pages', oid: '1.3.6.1.4.1.99999.9.1' },
      ],
    });
    const oids = profileReadOids(profile);
    expect(oids.dynamic).toEqual(['1.3.6.1.4.1.99999.9.1']);
    expect(oids.static).toEqual(['1.3.6.1.4.1.99999.1.0', '1.3.6.1.4.1.99999.2.0', `${HR_TYPE}.1`, `${HR_DESCR}.1`]);
  });
});
