import type { DeviceProfile, ProfileCounter, ValueSource } from './device-profile.schema';

/**
 * A profile with its regexes compiled. Profiles are plain data and are matched and applied
 * per device, so every regex is built once per profile object and cached here.
 */

export interface CompiledSource {
  oid: string | null;
  pattern: RegExp | null;
  fromSysDescr: RegExp | null;
  stripPrefixes: readonly string[];
  stripSuffixes: readonly string[];
}

export interface CompiledBrand {
  name: string;
  patterns: readonly RegExp[];
}

export interface CompiledCounter {
  counter: ProfileCounter;
  pattern: RegExp | null;
}

export interface CompiledProfile {
  profile: DeviceProfile;
  descrPatterns: readonly RegExp[];
  brands: readonly CompiledBrand[];
  model: readonly CompiledSource[];
  serial: readonly CompiledSource[];
  firmware: readonly CompiledSource[];
  counters: readonly CompiledCounter[];
}

const cache = new WeakMap<DeviceProfile, CompiledProfile>();

function regex(source: string): RegExp {
  return new RegExp(source, 'i');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A brand name as a whole word: letters or digits on either side would make it part of another word. */
function wordPattern(name: string): RegExp {
  return regex(`(?<![A-Za-z0-9])${escapeRegex(name)}(?![A-Za-z0-9])`);
}

function compileSources(sources: ValueSource | ValueSource[] | undefined): CompiledSource[] {
  if (sources === undefined) return [];
  const list = Array.isArray(sources) ? sources : [sources];
  return list.map((s) => ({
    oid: s.oid ?? null,
    pattern: s.pattern === undefined ? null : regex(s.pattern),
    fromSysDescr: s.fromSysDescr === undefined ? null : regex(s.fromSysDescr),
    stripPrefixes: s.stripPrefixes ?? [],
    stripSuffixes: s.stripSuffixes ?? [],
  }));
}

/** The compiled form of a validated profile, built on first use; throws SyntaxError only for a regex the schema would have rejected. */
export function compileProfile(profile: DeviceProfile): CompiledProfile {
  const cached = cache.get(profile);
  if (cached) return cached;
  const compiled: CompiledProfile = {
    profile,
    descrPatterns: (profile.match.sysDescrPatterns ?? []).map(regex),
    brands: (profile.brands ?? []).map((b) => ({
      name: b.name,
      patterns: b.sysDescrPatterns ? b.sysDescrPatterns.map(regex) : [wordPattern(b.name)],
    })),
    model: compileSources(profile.model),
    serial: compileSources(profile.serial),
    firmware: compileSources(profile.firmware),
    counters: (profile.counters ?? []).map((counter) => ({
      counter,
      pattern: counter.pattern === undefined ? null : regex(counter.pattern),
    })),
  };
  cache.set(profile, compiled);
  return compiled;
}

/** The first capture group of a match (the whole match when the regex has none); null when it does not match. */
export function captured(re: RegExp, text: string): string | null {
  const m = re.exec(text);
  if (!m) return null;
  return m[1] ?? m[0];
}
