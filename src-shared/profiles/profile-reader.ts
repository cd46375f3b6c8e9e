import type { CounterReading } from '../domain/device-reading';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { asNumber, asOid } from '../snmp/snmp-value';
import type { DeviceProfile } from './device-profile.schema';
import { captured, compileProfile, type CompiledProfile, type CompiledSource } from './profile-compiler';
import { cleanText, valueText, valueTextAt } from './value-text';

/** What a profile adds to a reading: identity and vendor counters. Unknown values are null. */
export interface ProfileReading {
  vendor: string | null;
  model: string | null;
  serial: string | null;
  firmware: string | null;
  counters: CounterReading[];
}

export interface ProfileReadOids {
  /** Identity OIDs: read on a full read only. */
  static: string[];
  /** Counter OIDs: read on a full read and on every routine poll. */
  dynamic: string[];
}

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const HR_DEVICE_TYPE = '1.3.6.1.2.1.25.3.2.1.2';
const HR_DEVICE_DESCR = '1.3.6.1.2.1.25.3.2.1.3';
/** hrDevicePrinter: the hrDeviceType of the row that describes the printer itself. */
const HR_DEVICE_PRINTER = '1.3.6.1.2.1.25.3.1.5';
/** Printers nearly always list themselves first; read these two so the model heuristic has them. */
const HEURISTIC_OIDS = [`${HR_DEVICE_TYPE}.1`, `${HR_DEVICE_DESCR}.1`];

/** Instance OIDs the profile needs: identity sources (static) and counters (dynamic), each once. Never throws. */
export function profileReadOids(profile: DeviceProfile): ProfileReadOids {
  const compiled = compileProfile(profile);
  const dynamic = [...new Set(compiled.counters.map((c) => c.counter.oid))];
  const counterOids = new Set(dynamic);
  const identity = [...compiled.model, ...compiled.serial, ...compiled.firmware].flatMap((s) => (s.oid === null ? [] : [s.oid]));
  const statics = [...new Set([...identity, ...HEURISTIC_OIDS])].filter((oid) => !counterOids.has(oid));
  return { static: statics, dynamic };
}

const fieldNames = new WeakMap<DeviceProfile, ReadonlyMap<string, string>>();

/** The reading field each of the profile's OIDs fills ("identity.model", "counters.total"); worked out once per profile. Never throws. */
export function profileFieldOids(profile: DeviceProfile): ReadonlyMap<string, string> {
  const known = fieldNames.get(profile);
  if (known) return known;
  const compiled = compileProfile(profile);
  const fields = new Map<string, string>();
  for (const [field, sources] of [['identity.model', compiled.model], ['identity.serial', compiled.serial], ['identity.firmware', compiled.firmware]] as const) {
    for (const source of sources) if (source.oid !== null && !fields.has(source.oid)) fields.set(source.oid, field);
  }
  for (const { counter } of compiled.counters) if (!fields.has(counter.oid)) fields.set(counter.oid, `counters.${counter.name}`);
  fieldNames.set(profile, fields);
  return fields;
}

function stripAffixes(text: string, prefixes: readonly string[], suffixes: readonly string[]): string {
  let out = text;
  for (const prefix of prefixes) {
    if (out.toLowerCase().startsWith(prefix.toLowerCase())) out = out.slice(prefix.length).trimStart();
  }
  for (const suffix of suffixes) {
    if (out.toLowerCase().endsWith(suffix.toLowerCase())) out = out.slice(0, out.length - suffix.length).trimEnd();
  }
  return out;
}

function readSource(source: CompiledSource, snapshot: MibSnapshot, sysDescr: string | null): string | null {
  let text: string | null;
  if (source.oid !== null) {
    text = cleanText(valueTextAt(snapshot, source.oid));
    if (text !== null && source.pattern) text = captured(source.pattern, text);
  } else {
    text = sysDescr !== null && source.fromSysDescr ? captured(source.fromSysDescr, sysDescr) : null;
  }
  if (text === null) return null;
  return cleanText(stripAffixes(text.trim(), source.stripPrefixes, source.stripSuffixes));
}

function firstValue(sources: readonly CompiledSource[], snapshot: MibSnapshot, sysDescr: string | null): string | null {
  for (const source of sources) {
    const value = readSource(source, snapshot, sysDescr);
    if (value !== null) return value;
  }
  return null;
}

function brandOf(compiled: CompiledProfile, sysDescr: string | null): string | null {
  if (sysDescr === null) return null;
  return compiled.brands.find((b) => b.patterns.some((re) => re.test(sysDescr)))?.name ?? null;
}

/** hrDeviceDescr of the printer row (the first row when types are unknown), without maker names and " series". */
function modelFromHostResources(snapshot: MibSnapshot, names: readonly string[]): string | null {
  const printerRow = snapshot.column(HR_DEVICE_TYPE).find((row) => asOid(row.value) === HR_DEVICE_PRINTER);
  const descr = cleanText(valueTextAt(snapshot, `${HR_DEVICE_DESCR}.${printerRow?.index ?? '1'}`));
  if (descr === null) return null;
  return cleanText(stripAffixes(descr, names.map((n) => `${n} `), [' series']));
}

/** Last resort for the generic profile: sysDescr up to its first separator ("Acme P100; fw 1.2" → "Acme P100"). */
function modelFromSysDescr(sysDescr: string | null): string | null {
  if (sysDescr === null) return null;
  const head = sysDescr.split(/[;,]/)[0] ?? '';
  return cleanText(head.replace(/\s+version\s.*$/i, '').slice(0, 64));
}

function readCounters(compiled: CompiledProfile, snapshot: MibSnapshot): CounterReading[] {
  const out: CounterReading[] = [];
  for (const { counter, pattern } of compiled.counters) {
    const value = snapshot.get(counter.oid);
    let n: number | null;
    if (pattern) {
      const text = cleanText(valueText(value));
      const digits = text === null ? null : captured(pattern, text);
      n = digits === null ? null : Number(digits.replace(/[,\s]/g, ''));
    } else {
      n = asNumber(value);
    }
    // A device that does not answer, or answers with a non-count (text, negative sentinel), gets no counter.
    if (n === null || !Number.isFinite(n) || n < 0) continue;
    out.push({ name: counter.name, unit: counter.unit, value: counter.scale === undefined ? n : n * counter.scale });
  }
  return out;
}

/** What a profile says about who the device is: everything in ProfileReading but the counters. */
export type ProfileIdentity = Omit<ProfileReading, 'counters'>;

/**
 * Reads what the profile knows from a snapshot: vendor (the brand when sysDescr names one),
 * model (profile sources, then hrDeviceDescr, then — generic profile only — sysDescr), serial
 * (profile sources, then `standardSerial`), firmware, and the vendor counters the device
 * answered. Pure; never throws.
 */
export function applyProfile(profile: DeviceProfile, snapshot: MibSnapshot, standardSerial: string | null): ProfileReading {
  return { ...profileIdentity(profile, snapshot, standardSerial), counters: profileCounters(profile, snapshot) };
}

/** applyProfile without the counters: read only from values a routine poll does not change (see profileIdentityOids). Never throws. */
export function profileIdentity(profile: DeviceProfile, snapshot: MibSnapshot, standardSerial: string | null): ProfileIdentity {
  const compiled = compileProfile(profile);
  const sysDescr = cleanText(valueTextAt(snapshot, SYS_DESCR));
  const vendor = brandOf(compiled, sysDescr) ?? profile.vendor;
  const names = [vendor, profile.vendor, ...compiled.brands.map((b) => b.name)].filter((n): n is string => n !== null);
  const model =
    firstValue(compiled.model, snapshot, sysDescr) ??
    modelFromHostResources(snapshot, names) ??
    (profile.fallback === true ? modelFromSysDescr(sysDescr) : null);
  return {
    vendor,
    model,
    serial: firstValue(compiled.serial, snapshot, sysDescr) ?? cleanText(standardSerial),
    firmware: firstValue(compiled.firmware, snapshot, sysDescr),
  };
}

/** The vendor counters of applyProfile. Never throws. */
export function profileCounters(profile: DeviceProfile, snapshot: MibSnapshot): CounterReading[] {
  return readCounters(compileProfile(profile), snapshot);
}

/** Instance OIDs profileIdentity reads beyond sysDescr and the hrDeviceTable (its model, serial and firmware sources). Never throws. */
export function profileIdentityOids(profile: DeviceProfile): string[] {
  const compiled = compileProfile(profile);
  return [...compiled.model, ...compiled.serial, ...compiled.firmware].flatMap((s) => (s.oid === null ? [] : [s.oid]));
}
