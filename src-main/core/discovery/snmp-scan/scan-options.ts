import { SnmpError } from '../../snmp/snmp-client';
import { validateTarget } from '../../snmp/snmp-target';
import type { BroadcastOptions, ScanCredential, ScanOptions } from './scan-types';

/** Defaults and checks of ScanOptions; errors name the option and the value given. */

export const MAX_RATE_PER_SECOND = 50_000;
export const MAX_IN_FLIGHT = 65_536;
export const DEFAULTS = { port: 161, timeoutMs: 1000, retries: 1, ratePerSecond: 1000, maxInFlight: 4096 } as const;

export interface ResolvedOptions {
  readonly port: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly ratePerSecond: number;
  readonly maxInFlight: number;
  readonly waitMs: number;
  readonly credentials: readonly ScanCredential[];
}

/** Options with defaults applied; throws RangeError naming the first bad option. */
export function resolveOptions(options: ScanOptions | BroadcastOptions, what: 'scan' | 'broadcast'): ResolvedOptions {
  const bad = (why: string): never => {
    throw new RangeError(`SNMP ${what}: ${why}`);
  };
  if (typeof options !== 'object' || options === null) bad('options are missing');
  const port = options.port ?? DEFAULTS.port;
  if (!Number.isInteger(port) || port < 1 || port > 65535) bad(`port must be 1–65535, got ${port}`);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 60_000) bad(`timeoutMs must be > 0 and ≤ 60000, got ${timeoutMs}`);
  const retries = options.retries ?? DEFAULTS.retries;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) bad(`retries must be a whole number 0–10, got ${retries}`);
  const ratePerSecond = options.ratePerSecond ?? DEFAULTS.ratePerSecond;
  if (!Number.isFinite(ratePerSecond) || ratePerSecond < 1 || ratePerSecond > MAX_RATE_PER_SECOND) {
    bad(`ratePerSecond must be 1–${MAX_RATE_PER_SECOND}, got ${ratePerSecond}`);
  }
  // By default the bound never holds the rate back: a mostly silent range keeps rate × timeout in flight.
  const maxInFlight = options.maxInFlight ?? Math.min(MAX_IN_FLIGHT, Math.max(DEFAULTS.maxInFlight, Math.ceil(((ratePerSecond * timeoutMs) / 1000) * 1.25)));
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) bad(`maxInFlight must be a whole number 1–${MAX_IN_FLIGHT}, got ${maxInFlight}`);
  const waitMs = 'waitMs' in options && options.waitMs !== undefined ? options.waitMs : timeoutMs;
  if (!Number.isFinite(waitMs) || waitMs < 0 || waitMs > 60_000) bad(`waitMs must be 0–60000, got ${waitMs}`);
  if (!Array.isArray(options.credentials) || options.credentials.length === 0) bad('credentials must list at least one credential set');
  options.credentials.forEach((credential, i) => checkCredential(credential, i, bad));
  return { port, timeoutMs, retries, ratePerSecond, maxInFlight, waitMs, credentials: options.credentials };
}

function checkCredential(credential: ScanCredential, index: number, bad: (why: string) => never): void {
  const where = `credentials[${index}]`;
  if (typeof credential !== 'object' || credential === null) bad(`${where} is not a credential set`);
  switch (credential.version) {
    case 'v1':
    case 'v2c':
      if (typeof credential.community !== 'string' || credential.community.length === 0) bad(`${where}: community is empty`);
      // The message length field would still fit, but no agent accepts communities this long.
      if (credential.community.length > 255) bad(`${where}: community is longer than 255 characters`);
      return;
    case 'v3':
      try {
        validateTarget({ host: 'scan', version: 'v3', v3: credential.v3 });
      } catch (error) {
        bad(`${where}: ${error instanceof SnmpError ? error.message.replace(/^SNMP target scan: /, '') : String(error)}`);
      }
      return;
    default:
      bad(`${where}: unknown SNMP version "${String((credential as { version: unknown }).version)}"`);
  }
}
