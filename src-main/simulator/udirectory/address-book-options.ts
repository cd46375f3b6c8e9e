import { Buffer } from 'node:buffer';
import { checkEntry, checkProperty } from './udirectory-properties';
import { UdirectoryFault } from './udirectory-faults';

/**
 * What a simulated device's address book is at start — the `addressBook` section of a
 * `.device.json` sidecar or `SimulatedDeviceSpec.addressBook` — and the handle tests change
 * it through while it runs.
 */
export interface SimAddressBookOptions {
  /** Most entries the book holds (default 2000; 1..99999). */
  entryLimit?: number;
  /** The "address book reception restriction" at start: while on, every write is refused (default false). */
  receptionRestricted?: boolean;
  /** Administrator login udirectory sessions need (Ricoh's defaults: "admin", empty password). */
  adminUser?: string;
  adminPassword?: string;
  /** Entries at start, as udirectory properties ("index", "name", "mail:", "mail:address" …); ids are given from 1. */
  entries?: Array<Record<string, string>>;
}

/** One entry as the device holds it: its object id and every property written (passwords as the base64 written). */
export interface SimBookEntry {
  id: number;
  props: Record<string, string>;
}

/** Faults a test switches on; every field is optional and `setFaults` replaces the whole set. */
export interface SimUdirectoryFaults {
  /** After this many successful writes (putObjects, putObjectProps, deleteObjects), every further write answers COMMON_SOAP_SERVER. */
  failWritesAfter?: number;
  /** Requests of these operations get their connection closed without an answer. */
  dropOperations?: string[];
  /** Delay before every answer, in ms (≤ 30000). */
  delayMs?: number;
}

export interface SimUdirectoryStats {
  /** Requests that reached POST /DH/udirectory. */
  requests: number;
  /** Requests answered with a SOAP fault. */
  faults: number;
  sessionsStarted: number;
  sessionsTerminated: number;
  sessionsExpired: number;
}

/** A running device's address book and its udirectory service, for tests and the demo. */
export interface SimAddressBookHandle {
  /** Where the web servers listen (the device's address at start). */
  readonly address: string;
  /** HTTP port of POST /DH/udirectory, or null when the simulator serves no HTTP. */
  readonly httpPort: number | null;
  /** HTTPS port (self-signed certificate), or null when the simulator serves no HTTPS. */
  readonly httpsPort: number | null;
  /** PEM of the HTTPS certificate, or null. */
  readonly certificate: string | null;
  /** The book now, by id. */
  entries(): SimBookEntry[];
  /** Replaces the whole book (ids from 1); throws RangeError for an entry the device would refuse. */
  replaceEntries(entries: Array<Record<string, string>>): void;
  /** Most entries the book holds; setting it lower than the book's size keeps the entries but refuses adds. */
  entryLimit: number;
  /** While on, every write is refused with UDIRECTORY_RECEPTION_RESTRICTED; reads work. */
  receptionRestricted: boolean;
  setAdmin(user: string, password: string): void;
  /** Sessions started and neither terminated nor expired. */
  readonly openSessions: number;
  setFaults(faults: SimUdirectoryFaults): void;
  stats(): SimUdirectoryStats;
}

export const DEFAULT_ENTRY_LIMIT = 2000;
export const MAX_ENTRY_LIMIT = 99_999;

/** Checked options with defaults; throws RangeError saying what is wrong, starting with `where` ("addressBook", "<device>: addressBook"). */
export function normalizeAddressBookOptions(input: unknown, where: string): Required<SimAddressBookOptions> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RangeError(`${where} must be an object`);
  const known = ['entryLimit', 'receptionRestricted', 'adminUser', 'adminPassword', 'entries'];
  for (const key of Object.keys(input)) {
    if (!key.startsWith('$') && !known.includes(key)) throw new RangeError(`${where} has an unknown key "${key}" (known: ${known.join(', ')})`);
  }
  const o = input as Record<string, unknown>;
  const entryLimit = o.entryLimit ?? DEFAULT_ENTRY_LIMIT;
  if (typeof entryLimit !== 'number' || !Number.isInteger(entryLimit) || entryLimit < 0 || entryLimit > MAX_ENTRY_LIMIT) throw new RangeError(`${where}.entryLimit must be 0..${MAX_ENTRY_LIMIT}`);
  const receptionRestricted = o.receptionRestricted ?? false;
  if (typeof receptionRestricted !== 'boolean') throw new RangeError(`${where}.receptionRestricted must be true or false`);
  const adminUser = o.adminUser ?? 'admin';
  const adminPassword = o.adminPassword ?? '';
  if (typeof adminUser !== 'string' || adminUser === '' || adminUser.length > 32) throw new RangeError(`${where}.adminUser must be 1..32 characters`);
  if (typeof adminPassword !== 'string' || adminPassword.length > 128) throw new RangeError(`${where}.adminPassword must be text of at most 128 characters`);
  const entries = o.entries ?? [];
  if (!Array.isArray(entries)) throw new RangeError(`${where}.entries must be a list`);
  const checked = entries.map((entry: unknown, i) => checkSeedEntry(entry, `${where}.entries[${i}]`));
  if (checked.length > entryLimit) throw new RangeError(`${where} holds ${checked.length} entries, more than its entryLimit ${entryLimit}`);
  const numbers = new Set<string>();
  for (const [i, entry] of checked.entries()) {
    const index = entry.index ?? '';
    if (numbers.has(index)) throw new RangeError(`${where}.entries[${i}]: index ${index} is given twice`);
    numbers.add(index);
  }
  return { entryLimit, receptionRestricted, adminUser, adminPassword, entries: checked };
}

/** One seed entry checked as the device checks a putObjects item (index is required here). */
export function checkSeedEntry(entry: unknown, where: string): Record<string, string> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new RangeError(`${where} must be an object of property names and texts`);
  const props = new Map<string, string>();
  for (const [name, value] of Object.entries(entry)) {
    if (name.startsWith('$')) continue;
    if (typeof value !== 'string') throw new RangeError(`${where}: ${name} must be text`);
    props.set(name, value);
  }
  try {
    for (const property of props) checkProperty(property, where);
    if (!props.has('index')) throw new RangeError(`${where}: index is required`);
    if (!props.has('entryType')) props.set('entryType', 'user');
    checkEntry(props, where);
  } catch (error) {
    if (error instanceof UdirectoryFault) throw new RangeError(error.description, { cause: error });
    throw error;
  }
  return Object.fromEntries(props);
}

/** Base64 of UTF-8 text, as udirectory carries passwords and credentials. */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
