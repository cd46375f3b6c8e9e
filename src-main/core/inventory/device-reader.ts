import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { DeviceReading, ReadError } from '../../../src-shared/domain/device-reading';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { matchProfile } from '../../../src-shared/profiles/profile-matcher';
import { profileIdentityOids, profileReadOids } from '../../../src-shared/profiles/profile-reader';
import { FULL_READ_PLAN, hasSupplies, routineReadPlan, SUPPLY_TABLES } from '../../../src-shared/printer/read-plan';
import { IF_TABLE, SYSTEM_GROUP } from '../../../src-shared/mib/mib2.oids';
import { PRT_GENERAL_TABLE } from '../../../src-shared/mib/printer-mib.oids';
import { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { asBytes, asOid, isTooBig, TOO_BIG_VALUE, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { snmpText } from '../../../src-shared/snmp/snmp-text';
import { ALERT_TABLE, mergeChanges } from './snapshot-merge';
import { internOid } from '../../../src-shared/snmp/oid-intern';
import { SnmpError, type SnmpClient, type SnmpTarget, type WalkOptions } from '../snmp/snmp-client';
import { targetInContext } from '../snmp/snmp-target';
import { isTooBigError } from '../snmp/too-big-split';
import { assembleReading, failedReading, withUptime, type IdentityCache } from './reading-assembler';
import { readUptime } from '../../../src-shared/printer/identity-reader';
import { SharedTexts } from './shared-texts';

/** Most OIDs we put in one GET: keeps requests well inside one unfragmented datagram. */
const MAX_OIDS_PER_GET = 32;

export interface DeviceReadResult {
  reading: DeviceReading;
  /** What the read learned; undefined when the device could not be read. */
  snapshot?: MibSnapshot;
  profile?: DeviceProfile;
  /** A routine poll found nothing new but the uptime; `reading` is the previous one updated. */
  unchanged?: boolean;
}

interface CachedPlan {
  profile: DeviceProfile;
  /** Instance OIDs to GET (standard dynamic values, identity, then the profile's counters). */
  get: string[];
  /** Instance OIDs the full read found in SNMP contexts of their own (supply levels in HP's "Jetdirect"), GET there. */
  inContexts: Array<{ context: string; oids: string[] }>;
  /** The static values among `get` that tell this printer from another (see identityOids). */
  identity: readonly string[];
  /** Alert table columns to walk, or none. */
  walk: string[];
  /**
   * The identity assembled from this snapshot (see IdentityCache); absent when the profile
   * takes identity from a value the poll re-reads, which then must be read every time.
   */
  identityCache?: IdentityCache;
}

/** The plan of a device read in the default context only: shared, never modified. */
const NO_CONTEXTS: CachedPlan['inContexts'] = [];

/** How an agent answers a context it does not have: silence (v1/v2c), a report (v3). */
const NO_SUCH_CONTEXT: ReadonlySet<string> = new Set(['snmp-timeout', 'snmp-error-status', 'snmp-auth-failed']);

/** prtAlertSeverityLevel: one row of it per active alert. */
const ALERT_SEVERITY = `${ALERT_TABLE}.2`;

export interface DeviceReaderDeps {
  snmp: SnmpClient;
  profiles: readonly DeviceProfile[];
}

/**
 * Reads printers. `fullRead` learns everything (identity, table layout, static columns);
 * `routinePoll` re-reads only what changes, using the snapshot a full read produced.
 * Neither throws: a device that cannot be read yields a reading with `ok: false` and an error.
 */
export class DeviceReader {
  private readonly plans = new WeakMap<MibSnapshot, CachedPlan>();
  /** One copy of the texts a fleet repeats: the last reading of every device stays in memory. */
  private readonly texts = new SharedTexts();
  private readonly walks = new Map<string, string[]>();

  constructor(private readonly deps: DeviceReaderDeps) {}

  /** First read of a device: standard scalars, then profile OIDs and tables in parallel. */
  async fullRead(target: SnmpTarget, label = targetLabel(target)): Promise<DeviceReadResult> {
    let reached: SnmpTarget | null = null;
    try {
      const resolved = await resolveTarget(target);
      reached = resolved;
      const first = await this.getMany(resolved, FULL_READ_PLAN.scalars);
      const snapshot = new MibSnapshot(first);
      const profile = this.profileFor(snapshot);
      const oids = profileReadOids(profile);
      const [vendorValues, ...tables] = await Promise.all([
        this.getMany(resolved, [...oids.static, ...oids.dynamic]),
        ...FULL_READ_PLAN.tables.map((columns) => this.walkTable(resolved, columns)),
      ]);
      snapshot.set(vendorValues ?? []);
      for (const rows of tables) snapshot.set(rows);
      if (!hasSupplies(snapshot)) await this.readSupplyContexts(resolved, snapshot, profile);
      const reading = assembleReading(label, snapshot, profile);
      this.texts.shareReading(reading);
      snapshot.compact();
      return { reading, snapshot, profile };
    } catch (error) {
      return { reading: failedReading(label, toReadError(error, target)) };
    } finally {
      // Contexts tried for supplies were asked with one attempt each: those sessions simply idle out.
      if (reached) this.release(reached, []);
    }
  }

  /**
   * Re-reads status, error bits, alerts, levels and counters only, updating `snapshot` in
   * place. When nothing but the uptime moved and `previous` is the last reading, that reading
   * is returned with the new uptime and `unchanged: true` (no re-interpretation, no store work).
   * When the identity values differ (another printer answers there), the result is a full read.
   */
  async routinePoll(
    target: SnmpTarget,
    snapshot: MibSnapshot,
    profile: DeviceProfile,
    label = targetLabel(target),
    previous?: DeviceReading,
  ): Promise<DeviceReadResult> {
    let reached: SnmpTarget | null = null;
    try {
      const resolved = await resolveTarget(target);
      reached = resolved;
      const plan = this.planFor(snapshot, profile);
      const [values, alerts, ...contextValues] = await Promise.all([
        this.getMany(resolved, plan.get),
        plan.walk.length > 0
          ? this.walkTable(resolved, plan.walk, { maxRepetitions: Math.min(snapshot.oidsUnder(ALERT_SEVERITY).length + 1, 20) }).then((rows) =>
              // A table that could not be walked keeps what the last walk found.
              rows.some((vb) => isTooBig(vb.value) && plan.walk.includes(vb.oid)) ? null : rows,
            )
          : Promise.resolve(null),
        ...plan.inContexts.map(({ context, oids }) => this.getMany(targetInContext(resolved, context), oids)),
      ]);
      // Another printer at this address (DHCP swapped leases, a replaced device): the learned
      // layout and identity are not its own, so learn it afresh rather than mix the two.
      if (values.some((vb) => plan.identity.includes(vb.oid) && !snapshot.holds(vb.oid, vb.value))) {
        return await this.fullRead(target, label);
      }
      const changed = mergeChanges(snapshot, contextValues.length > 0 ? [...values, ...contextValues.flat()] : values, alerts);
      if (!changed && previous?.ok) {
        return { reading: { ...previous, target: label, identity: withUptime(previous.identity, readUptime(snapshot)) }, snapshot, profile, unchanged: true };
      }
      const reading = assembleReading(label, snapshot, profile, plan.identityCache);
      this.texts.shareReading(reading);
      snapshot.compact();
      return { reading, snapshot, profile };
    } catch (error) {
      return { reading: failedReading(label, toReadError(error, target)) };
    } finally {
      if (reached) this.release(reached, [...snapshot.contexts().values()]);
    }
  }

  /** The device is read until its next poll: its sessions (the default context's and those of `contexts`) can go. */
  private release(target: SnmpTarget, contexts: readonly string[]): void {
    const { snmp } = this.deps;
    if (!snmp.release) return;
    snmp.release(target);
    for (const context of contexts) snmp.release(targetInContext(target, context));
  }

  /** What a routine poll of this snapshot asks for: worked out once per learned layout. */
  private planFor(snapshot: MibSnapshot, profile: DeviceProfile): CachedPlan {
    const known = this.plans.get(snapshot);
    if (known && known.profile === profile) return known;
    const plan = routineReadPlan(snapshot);
    const identity = identityOids(snapshot);
    // Only the profile values this device has (and could send): over v1 each missing one costs a round trip.
    const vendor = profileReadOids(profile).dynamic.filter((oid) => snapshot.has(oid) && !isTooBig(snapshot.get(oid)));
    const all = [...plan.get, ...identity, ...vendor].map(internOid);
    const byContext = new Map<string, string[]>();
    const get = all.filter((oid) => {
      const context = snapshot.contextOf(oid);
      if (context === null) return true;
      byContext.set(context, [...(byContext.get(context) ?? []), oid]);
      return false;
    });
    const cached: CachedPlan = {
      profile,
      get,
      inContexts: byContext.size === 0 ? NO_CONTEXTS : [...byContext].map(([context, oids]) => ({ context, oids })),
      // A few OIDs: an array costs a tenth of a Set, and a plan is kept per device.
      identity: identity.map(internOid),
      walk: this.sharedWalk(plan.walk),
    };
    // The identity comes from values polls leave alone (sysDescr, sysName, ifTable, the
    // profile's identity OIDs …) or re-read only to check they stayed (sysObjectID, MACs,
    // serials: a change makes the poll a full read, with a new snapshot). Unless the profile
    // takes identity from a value polls re-read, it is assembled once per snapshot.
    const polled = new Set(all);
    if (!profileIdentityOids(profile).some((oid) => polled.has(oid) && !identity.includes(oid))) cached.identityCache = {};
    this.plans.set(snapshot, cached);
    return cached;
  }

  /** One array per set of alert columns (there are two: all or none) instead of one per device. */
  private sharedWalk(columns: string[]): string[] {
    const key = columns.join(' ');
    const known = this.walks.get(key);
    if (known) return known;
    this.walks.set(key, columns);
    return columns;
  }

  /** The profile a snapshot's sysObjectID/sysDescr select (the generic profile when none). */
  profileFor(snapshot: MibSnapshot): DeviceProfile {
    const sysObjectID = asOid(snapshot.get(SYSTEM_GROUP.sysObjectID));
    const sysDescr = snmpText(snapshot.get(SYSTEM_GROUP.sysDescr));
    const profile = matchProfile(this.deps.profiles, { sysObjectID, sysDescr });
    // resources/profiles always holds the generic fallback: no match means the profiles were not loaded.
    if (!profile) throw new Error('no device profile matched, not even a fallback: were the profiles loaded?');
    return profile;
  }

  /**
   * The profile's supply contexts (HP JetDirect: "Jetdirect"), tried in order for a device whose
   * default context has no supplies: the first that has supply rows fills the snapshot, which
   * remembers the context so routine polls read the levels there. One attempt per context: the
   * device has just answered promptly, so silence means it has no such context (v1/v2c agents
   * ignore an unknown community; v3 ones report it); a lost packet costs the supplies only until
   * the next full read. Errors other than those fail the read as usual.
   */
  private async readSupplyContexts(target: SnmpTarget, snapshot: MibSnapshot, profile: DeviceProfile): Promise<void> {
    for (const context of profile.supplyContexts ?? []) {
      const there = { ...targetInContext(target, context), retries: 0 };
      let tables: VarBind[][];
      try {
        tables = await Promise.all(SUPPLY_TABLES.map((columns) => this.walkTable(there, columns)));
      } catch (error) {
        if (error instanceof SnmpError && NO_SUCH_CONTEXT.has(error.code)) continue;
        throw error;
      }
      const found = new MibSnapshot(tables.flat());
      if (!hasSupplies(found)) continue;
      SUPPLY_TABLES.forEach((columns, i) => {
        snapshot.set(tables[i] ?? []);
        for (const column of columns) snapshot.setContext(column, context);
      });
      return;
    }
  }

  /**
   * One table's columns. The SNMP layer steps over a value too large for any reply (it comes
   * back TooBig); when it cannot (a column on its own), the table is left out and its columns
   * are marked TooBig instead of the whole read failing.
   */
  private async walkTable(target: SnmpTarget, columns: readonly string[], options?: WalkOptions): Promise<VarBind[]> {
    try {
      return await this.deps.snmp.walkColumns(target, columns, options);
    } catch (error) {
      if (isTooBigError(error)) return columns.map((oid) => ({ oid, value: TOO_BIG_VALUE }));
      throw error;
    }
  }

  private async getMany(target: SnmpTarget, oids: readonly string[]): Promise<VarBind[]> {
    if (oids.length <= MAX_OIDS_PER_GET) return oids.length === 0 ? [] : this.deps.snmp.get(target, oids);
    const chunks: Promise<VarBind[]>[] = [];
    for (let i = 0; i < oids.length; i += MAX_OIDS_PER_GET) {
      chunks.push(this.deps.snmp.get(target, oids.slice(i, i + MAX_OIDS_PER_GET)));
    }
    return (await Promise.all(chunks)).flat();
  }
}

/** Cap per identity column: a few rows identify a printer; some agents list dozens of interfaces. */
const MAX_IDENTITY_ROWS = 2;

/**
 * What a routine poll re-reads to be sure it still talks to the printer it learned: the
 * sysObjectID, the first MAC addresses and the serial numbers the snapshot holds (a few
 * dozen bytes). Never throws.
 */
function identityOids(snapshot: MibSnapshot): string[] {
  const sysObjectID = snapshot.get(SYSTEM_GROUP.sysObjectID);
  const oids: string[] = sysObjectID !== undefined && !isTooBig(sysObjectID) ? [SYSTEM_GROUP.sysObjectID] : [];
  const macs = snapshot.column(IF_TABLE.ifPhysAddress).filter((row) => asBytes(row.value)?.length === 6);
  for (const row of macs.slice(0, MAX_IDENTITY_ROWS)) oids.push(`${IF_TABLE.ifPhysAddress}.${row.index}`);
  // A serial too large to read is not asked for again on every poll.
  const serials = snapshot.column(PRT_GENERAL_TABLE.prtGeneralSerialNumber).filter((row) => !isTooBig(row.value));
  for (const row of serials.slice(0, MAX_IDENTITY_ROWS)) {
    oids.push(`${PRT_GENERAL_TABLE.prtGeneralSerialNumber}.${row.index}`);
  }
  return oids;
}

/** "host" for the default port, "host:port" otherwise ("[::1]:1161" for IPv6). */
export function targetLabel(target: SnmpTarget): string {
  const port = target.port ?? 161;
  if (port === 161) return target.host;
  return isIP(target.host) === 6 ? `[${target.host}]:${port}` : `${target.host}:${port}`;
}

/** Host names are resolved once per read: replies are matched by the sender's IP address. */
async function resolveTarget(target: SnmpTarget): Promise<SnmpTarget> {
  if (isIP(target.host) !== 0) return target;
  try {
    const { address } = await lookup(target.host);
    return { ...target, host: address };
  } catch {
    throw new ReadFailure({ code: 'name-not-resolved', message: `The name "${target.host}" does not resolve to an address` });
  }
}

class ReadFailure extends Error {
  constructor(readonly readError: ReadError) {
    super(readError.message);
  }
}

function toReadError(error: unknown, target: SnmpTarget): ReadError {
  if (error instanceof ReadFailure) return error.readError;
  if (error instanceof SnmpError) return { code: error.code, message: error.message };
  const where = targetLabel(target);
  return { code: 'internal', message: `Reading ${where} failed: ${error instanceof Error ? error.message : String(error)}` };
}
