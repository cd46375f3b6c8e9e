import { describe, expect, it } from 'vitest';
import { deviceProfileSchema, type DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { createProfileMatcher, matchProfile } from '../../../src-shared/profiles/profile-matcher';

function aProfile(id: string, match: { sysObjectIdPrefixes?: string[]; sysDescrPatterns?: string[] }, extra: Record<string, unknown> = {}): DeviceProfile {
  return deviceProfileSchema.parse({ id, vendor: id, match: { sysObjectIdPrefixes: match.sysObjectIdPrefixes ?? [], ...match }, ...extra });
}

const generic = deviceProfileSchema.parse({ id: 'generic', vendor: null, fallback: true, match: { sysObjectIdPrefixes: [] } });

describe('matchProfile', () => {
  it('picks the profile with the longest sysObjectID prefix', () => {
    const profiles = [aProfile('maker', { sysObjectIdPrefixes: ['1.3.6.1.4.1.641'] }), aProfile('maker-mps', { sysObjectIdPrefixes: ['1.3.6.1.4.1.641.6'] }), generic];
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.641.6.1.2', sysDescr: null })?.id).toBe('maker-mps');
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.641.2.71107164', sysDescr: null })?.id).toBe('maker');
  });

  it('matches a prefix only on whole arcs (enterprise 11 is not 110)', () => {
    const profiles = [aProfile('hp', { sysObjectIdPrefixes: ['1.3.6.1.4.1.11'] }), generic];
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.110.1', sysDescr: null })?.id).toBe('generic');
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.11', sysDescr: null })?.id).toBe('hp');
  });

  it('accepts sysObjectID with a leading dot, as some agents and recordings write it', () => {
    const profiles = [aProfile('toshiba', { sysObjectIdPrefixes: ['1.3.6.1.4.1.1129'] }), generic];
    expect(matchProfile(profiles, { sysObjectID: '.1.3.6.1.4.1.1129.1.2.1', sysDescr: null })?.id).toBe('toshiba');
  });

  it('lets a sysDescr pattern decide between profiles claiming the same prefix', () => {
    const profiles = [
      aProfile('maker', { sysObjectIdPrefixes: ['1.3.6.1.4.1.367'], sysDescrPatterns: ['^RICOH'] }),
      aProfile('oem', { sysObjectIdPrefixes: ['1.3.6.1.4.1.367'], sysDescrPatterns: ['^Gestetner'] }),
      generic,
    ];
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.367.1.1', sysDescr: 'Gestetner MPC2500 1.71 / …' })?.id).toBe('oem');
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.367.1.1', sysDescr: 'RICOH MP 3053 1.09 / …' })?.id).toBe('maker');
  });

  it('breaks remaining ties by priority, then by file order', () => {
    const low = aProfile('low', { sysObjectIdPrefixes: ['1.3.6.1.4.1.5'] });
    const high = aProfile('high', { sysObjectIdPrefixes: ['1.3.6.1.4.1.5'] }, { priority: 5 });
    const later = aProfile('later', { sysObjectIdPrefixes: ['1.3.6.1.4.1.5'] });
    expect(matchProfile([low, high, generic], { sysObjectID: '1.3.6.1.4.1.5.1', sysDescr: 'x' })?.id).toBe('high');
    expect(matchProfile([low, later, generic], { sysObjectID: '1.3.6.1.4.1.5.1', sysDescr: 'x' })?.id).toBe('low');
  });

  it('prefers a prefix match over a sysDescr match elsewhere (the agent’s own enterprise wins)', () => {
    const profiles = [aProfile('hp', { sysObjectIdPrefixes: ['1.3.6.1.4.1.11'], sysDescrPatterns: ['JETDIRECT'] }), aProfile('kyocera', { sysObjectIdPrefixes: ['1.3.6.1.4.1.1347'] }), generic];
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.1347.41', sysDescr: 'HP ETHERNET MULTI-ENVIRONMENT,JETDIRECT EX' })?.id).toBe('kyocera');
  });

  it('falls back to sysDescr patterns, case-insensitively, when no prefix matches or sysObjectID is missing', () => {
    const profiles = [aProfile('sharp', { sysObjectIdPrefixes: ['1.3.6.1.4.1.2385'], sysDescrPatterns: ['^SHARP\\b'] }), generic];
    expect(matchProfile(profiles, { sysObjectID: null, sysDescr: 'Sharp MX-2614N' })?.id).toBe('sharp');
    expect(matchProfile(profiles, { sysObjectID: '1.3.6.1.4.1.8072.3.2.10', sysDescr: 'SHARP MX-3140N' })?.id).toBe('sharp');
  });

  it('returns the fallback profile when nothing matches, and null when the set has none', () => {
    const sharp = aProfile('sharp', { sysObjectIdPrefixes: ['1.3.6.1.4.1.2385'] });
    expect(matchProfile([sharp, generic], { sysObjectID: '1.3.6.1.4.1.9.1.1', sysDescr: 'Cisco IOS' })?.id).toBe('generic');
    expect(matchProfile([sharp], { sysObjectID: '1.3.6.1.4.1.9.1.1', sysDescr: 'Cisco IOS' })).toBeNull();
    expect(matchProfile([], { sysObjectID: null, sysDescr: null })).toBeNull();
  });

  it('treats a malformed sysObjectID as absent instead of throwing', () => {
    const profiles = [aProfile('sharp', { sysObjectIdPrefixes: ['1.3.6.1.4.1.2385'], sysDescrPatterns: ['^SHARP'] }), generic];
    expect(matchProfile(profiles, { sysObjectID: 'enterprises.2385', sysDescr: 'SHARP MX-M266NV' })?.id).toBe('sharp');
  });

  it('returns the profile object itself, so callers can keep it with the device', () => {
    const sharp = aProfile('sharp', { sysObjectIdPrefixes: ['1.3.6.1.4.1.2385'] });
    const matcher = createProfileMatcher([sharp, generic]);
    expect(matcher({ sysObjectID: '1.3.6.1.4.1.2385.3.1', sysDescr: null })).toBe(sharp);
  });
});
