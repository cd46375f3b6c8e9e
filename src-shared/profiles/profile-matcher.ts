import type { DeviceProfile } from './device-profile.schema';
import { compileProfile, type CompiledProfile } from './profile-compiler';

/** What a device says about itself, as read from MIB-II system. */
export interface DeviceIds {
  sysObjectID: string | null;
  sysDescr: string | null;
}

export type ProfileMatcher = (ids: DeviceIds) => DeviceProfile | null;

interface Entry {
  compiled: CompiledProfile;
  order: number;
  priority: number;
}

function descrMatches(entry: Entry, sysDescr: string | null): boolean {
  return sysDescr !== null && entry.compiled.descrPatterns.some((re) => re.test(sysDescr));
}

/** Higher priority first, then file order: the order ties are broken in. */
function byPriority(a: Entry, b: Entry): number {
  return b.priority - a.priority || a.order - b.order;
}

function canonicalOid(text: string | null): string | null {
  if (text === null) return null;
  const oid = text.startsWith('.') ? text.slice(1) : text;
  return /^\d+(\.\d+)*$/.test(oid) ? oid : null;
}

/**
 * Builds a matcher for one profile set: sysObjectID prefixes go into a map so a lookup walks
 * the device's OID from its full length down (the first hit is the longest prefix), and every
 * regex is compiled once here. The matcher never throws; null means the set has no fallback.
 */
export function createProfileMatcher(profiles: readonly DeviceProfile[]): ProfileMatcher {
  const entries: Entry[] = profiles.map((profile, order) => ({ compiled: compileProfile(profile), order, priority: profile.priority ?? 0 }));
  const byPrefix = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const prefix of entry.compiled.profile.match.sysObjectIdPrefixes) {
      const list = byPrefix.get(prefix) ?? [];
      if (!list.includes(entry)) list.push(entry);
      byPrefix.set(prefix, list);
    }
  }
  for (const list of byPrefix.values()) list.sort(byPriority);
  const descrOnly = entries.filter((e) => e.compiled.descrPatterns.length > 0).sort(byPriority);
  const fallback = entries.find((e) => e.compiled.profile.fallback === true) ?? null;

  const longestPrefixCandidates = (oid: string): Entry[] | null => {
    let prefix = oid;
    while (prefix.length > 0) {
      const hit = byPrefix.get(prefix);
      if (hit) return hit;
      const dot = prefix.lastIndexOf('.');
      if (dot < 0) break;
      prefix = prefix.slice(0, dot);
    }
    return null;
  };

  return ({ sysObjectID, sysDescr }) => {
    const oid = canonicalOid(sysObjectID);
    const candidates = oid === null ? null : longestPrefixCandidates(oid);
    if (candidates) {
      // Same prefix claimed by several profiles: the one whose sysDescr pattern matches wins.
      const first = candidates[0];
      if (candidates.length === 1 || !first) return first?.compiled.profile ?? null;
      return (candidates.find((e) => descrMatches(e, sysDescr)) ?? first).compiled.profile;
    }
    const byDescr = descrOnly.find((e) => descrMatches(e, sysDescr));
    return (byDescr ?? fallback)?.compiled.profile ?? null;
  };
}

const matchers = new WeakMap<readonly DeviceProfile[], ProfileMatcher>();

/**
 * The profile for a device: longest sysObjectID prefix wins, sysDescr patterns break ties and
 * stand in when no prefix matches, else the fallback (generic) profile; null only when the set
 * has no fallback. Compiles the set on first use and caches it per array, so pass the same
 * array each time. Never throws.
 */
export function matchProfile(profiles: readonly DeviceProfile[], ids: DeviceIds): DeviceProfile | null {
  let matcher = matchers.get(profiles);
  if (!matcher) {
    matcher = createProfileMatcher(profiles);
    matchers.set(profiles, matcher);
  }
  return matcher(ids);
}
