import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles } from '../../../src-main/core/profiles/profile-loader';
import { deviceProfileSchema } from '../../../src-shared/profiles/device-profile.schema';
import { profileReadOids } from '../../../src-shared/profiles/profile-reader';

const PROFILES_DIR = resolve(__dirname, '../../../resources/profiles');
const files = readdirSync(PROFILES_DIR).filter((name) => name.endsWith('.json')).sort();

/** Vendors the product promises profiles for (the assignment's list); TSC is optional but present. */
const REQUIRED_IDS = ['brother', 'canon', 'dell', 'epson', 'fujifilm', 'generic', 'hp', 'konica-minolta', 'kyocera', 'lexmark', 'oki', 'ricoh', 'samsung', 'sharp', 'toshiba', 'xerox', 'zebra'];

describe('resources/profiles', () => {
  it.each(files)('%s is a valid device profile', (name) => {
    const json: unknown = JSON.parse(readFileSync(join(PROFILES_DIR, name), 'utf8'));
    const result = deviceProfileSchema.safeParse(json);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('loads as one set: unique ids, exactly one fallback, every promised vendor present', async () => {
    const profiles = await loadProfiles(PROFILES_DIR);
    expect(profiles.map((p) => p.id)).toEqual(expect.arrayContaining(REQUIRED_IDS));
    expect(profiles.filter((p) => p.fallback === true).map((p) => p.id)).toEqual(['generic']);
  });

  it('each file is named after its profile id, so a reader finds the vendor by name', async () => {
    const profiles = await loadProfiles(PROFILES_DIR);
    expect(profiles.map((p) => `${p.id}.json`)).toEqual(files);
  });

  it('the OEM brands the product promises are data in the maker profiles', async () => {
    const profiles = await loadProfiles(PROFILES_DIR);
    const brands = (id: string) => profiles.find((p) => p.id === id)?.brands?.map((b) => b.name) ?? [];
    expect(brands('ricoh')).toEqual(expect.arrayContaining(['Savin', 'Lanier', 'Gestetner', 'NRG', 'Rex-Rotary']));
    expect(brands('kyocera')).toEqual(expect.arrayContaining(['UTAX', 'TA Triumph-Adler']));
    expect(brands('konica-minolta')).toEqual(expect.arrayContaining(['Develop']));
  });

  it('routine polls read only counters: no profile puts an identity OID among its dynamic OIDs', async () => {
    const profiles = await loadProfiles(PROFILES_DIR);
    for (const profile of profiles) {
      const oids = profileReadOids(profile);
      const counterOids = (profile.counters ?? []).map((c) => c.oid);
      expect(oids.dynamic.sort(), profile.id).toEqual([...new Set(counterOids)].sort());
      expect(oids.static.filter((oid) => oids.dynamic.includes(oid)), profile.id).toEqual([]);
    }
  });
});
