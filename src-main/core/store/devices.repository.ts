import type { SecretStore } from '../secrets/secret-store';
import type { Database } from './database';
import { DeviceHistoryQueries, type DeviceHistory, type HistoryWindow, type PruneResult } from './device-history.queries';
import { DeviceMatcher, type DeviceKeyQuery } from './device-matcher';
import { HistoryMaintenance, type MaintenanceLimits, type MaintenanceStep } from './history-maintenance';
import {
  DEVICE_COLUMNS,
  type AlertRow,
  type CounterRow,
  type DeviceRow,
  type DeviceSource,
  type SupplyRow,
  type TrayRow,
} from './device-rows';
import {
  toAlert,
  toCounter,
  toSummary,
  toSupply,
  toSupplySummary,
  toTray,
  toDeviceState,
  type DeviceDetail,
  type DeviceSummary,
  type PastAddress,
  type SupplySummaryRow,
} from './device-views';
import { newDeviceRow, ReadingWriter, type RoundEntry, type SaveResult } from './reading-writer';

export interface AddDeviceInput {
  address: string;
  port: number;
  /** A name the user gave; readings never overwrite it. */
  name?: string | null;
  source: DeviceSource;
  /** What a list said about the device (a CSV import); shown until its own reading replaces it. */
  hints?: { vendor?: string | null; model?: string | null; location?: string | null };
}

export interface AddDeviceResult {
  deviceId: number;
  /** False when a device was already known at that address and port (its id is returned). */
  created: boolean;
}

export interface DevicesRepositoryOptions {
  /** Clock for rows created without a reading; Date.now by default. */
  now?: () => number;
  /** Seals the SNMP credential a search found a device with (communities and v3 keys are secrets); stored in clear without one. */
  secrets?: SecretStore;
  /** How much history one maintenance step may touch (defaults suit a fleet of thousands). */
  maintenance?: MaintenanceLimits;
}

/** A device whose routine poll changed nothing but its uptime. */
export interface UnchangedEntry {
  deviceId: number;
  uptimeSeconds: number | null;
  at: number;
}

/** What a poll round needs to know of a stored device. */
export interface PollTarget {
  id: number;
  address: string;
  port: number;
  profileId: string | null;
  /** JSON of the SNMP credential set a search found the device with; null: the console's default (or see credentialProblem). */
  credential: string | null;
  /**
   * Why the credential the device has sealed cannot be opened (the SecretStore's message: which
   * key file, what to do); null when it opened or there is none. The device must then not be
   * read with the default instead: its sealed value stays as it is until the key is fixed.
   */
  credentialProblem: string | null;
}

/**
 * What the monitor compares after every poll to announce state changes: the stored status and
 * read outcome of a device and the names it is known by (a narrow row, not a list row).
 */
export type DeviceStateFacts = Pick<
  DeviceSummary,
  'id' | 'name' | 'address' | 'port' | 'state' | 'message' | 'lastSeen' | 'lastAttempt' | 'lastError' | 'missedPolls' | 'missingSince'
> & { identity: Pick<DeviceSummary['identity'], 'sysName'> };

interface DeviceStateRow {
  id: number;
  name: string | null;
  address: string;
  port: number;
  state: string;
  message: string;
  sysName: string | null;
  lastSeen: number | null;
  lastAttempt: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  missedPolls: number;
  missingSince: number | null;
}

/** Where a stored device is: what an identity match found. */
export interface DevicePlace {
  id: number;
  address: string;
  port: number;
}

/** The devices aggregate: identity, current readings, snapshots and history. */
export class DevicesRepository {
  private readonly now: () => number;
  private readonly matcher: DeviceMatcher;
  private readonly writer: ReadingWriter;
  private readonly historyQueries: DeviceHistoryQueries;
  private readonly maintenance: HistoryMaintenance;
  private readonly saveRound;
  private readonly removeMany;
  private readonly insertPlaceholder;
  private readonly addMany;
  private readonly rename;
  private readonly countAll;
  private readonly readList;
  private readonly readDetail;
  private readonly readSome;
  private readonly selectSnapshot;
  private readonly selectPollTargets;
  private readonly selectSomePollTargets;
  private readonly selectStates;
  private readonly selectPollTarget;
  private readonly selectAddresses;
  private readonly secrets: SecretStore | undefined;
  private readonly updateCredential;
  private readonly setIdentityTexts;

  constructor(db: Database, options: DevicesRepositoryOptions = {}) {
    this.now = options.now ?? Date.now;
    this.secrets = options.secrets;
    this.matcher = new DeviceMatcher(db);
    this.writer = new ReadingWriter(db);
    this.historyQueries = new DeviceHistoryQueries(db);
    this.maintenance = new HistoryMaintenance(db, options.maintenance);
    this.saveRound = db.transaction((round: readonly RoundEntry[], unchanged: readonly UnchangedEntry[]) => ({
      saved: round.map((entry) => this.writer.save(entry)),
      untouched: unchanged.filter((u) => !this.writer.touch(u.deviceId, u.uptimeSeconds, u.at)).map((u) => u.deviceId),
    }));

    const deleteDevice = db.prepare<[number]>('DELETE FROM devices WHERE id = ?');
    this.removeMany = db.transaction((ids: readonly number[]) =>
      ids.reduce((removed, id) => removed + deleteDevice.run(id).changes, 0),
    );
    this.insertPlaceholder = db.prepare<[DeviceRow]>(
      `INSERT INTO devices (address, port, address_since, name, name_set_by_user, vendor, model, location, first_seen, source)
       VALUES (@address, @port, @address_since, @name, @name_set_by_user, @vendor, @model, @location, @first_seen, @source)`,
    );
    this.addMany = db.transaction((inputs: readonly AddDeviceInput[]) => inputs.map((input) => this.addDevice(input)));
    // An empty name gives the list back the device's own name (sysName), as a reading would.
    const setIdentityText = db.prepare<[string | null, string | null, string | null, number]>(
      'UPDATE devices SET sys_name = coalesce(?, sys_name), location = coalesce(?, location), contact = coalesce(?, contact) WHERE id = ?',
    );
    this.setIdentityTexts = db.transaction((entries: readonly { id: number; sysName?: string; location?: string; contact?: string }[]) => {
      for (const e of entries) setIdentityText.run(e.sysName ?? null, e.location ?? null, e.contact ?? null, e.id);
    });
    this.rename = db.prepare<[string | null, number, number]>(
      `UPDATE devices SET name = coalesce(?, nullif(trim(sys_name), '')), name_set_by_user = ? WHERE id = ?`,
    );
    this.countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM devices');

    const allDevices = db.prepare<[], DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices ORDER BY id`);
    // Only the list columns: building row objects is most of the cost for a large fleet.
    const allSupplies = db.prepare<[], SupplySummaryRow & { device_id: number }>(
      'SELECT device_id, idx, type, class, color, description, percent, quality FROM supplies ORDER BY device_id, position',
    );
    const allTotals = db.prepare<[], { device_id: number; value: number }>(
      "SELECT device_id, value FROM counters WHERE name = 'total'",
    );
    // One read transaction, so the three queries see the same committed round.
    this.readList = db.transaction((): DeviceSummary[] => {
      const supplies = groupBy(allSupplies.all(), (r) => r.device_id, toSupplySummary);
      const totals = new Map(allTotals.all().map((r) => [r.device_id, r.value]));
      return allDevices.all().map((row) => toSummary(row, supplies.get(row.id) ?? [], totals.get(row.id) ?? null));
    });
    // The same for a few devices (the ids a change event named), bound as one JSON array.
    const IDS = 'SELECT value FROM json_each(?)';
    const someDevices = db.prepare<[string], DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id IN (${IDS}) ORDER BY id`);
    const someSupplies = db.prepare<[string], SupplySummaryRow & { device_id: number }>(
      `SELECT device_id, idx, type, class, color, description, percent, quality FROM supplies WHERE device_id IN (${IDS}) ORDER BY device_id, position`,
    );
    const someTotals = db.prepare<[string], { device_id: number; value: number }>(`SELECT device_id, value FROM counters WHERE name = 'total' AND device_id IN (${IDS})`);
    this.readSome = db.transaction((ids: readonly number[]): DeviceSummary[] => {
      const json = JSON.stringify(ids);
      const supplies = groupBy(someSupplies.all(json), (r) => r.device_id, toSupplySummary);
      const totals = new Map(someTotals.all(json).map((r) => [r.device_id, r.value]));
      return someDevices.all(json).map((row) => toSummary(row, supplies.get(row.id) ?? [], totals.get(row.id) ?? null));
    });

    const device = db.prepare<[number], DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = ?`);
    const supplies = db.prepare<[number], SupplyRow>('SELECT * FROM supplies WHERE device_id = ? ORDER BY position');
    const trays = db.prepare<[number], TrayRow>('SELECT * FROM trays WHERE device_id = ? ORDER BY position');
    const counters = db.prepare<[number], CounterRow>('SELECT * FROM counters WHERE device_id = ? ORDER BY position');
    const alerts = db.prepare<[number], AlertRow>('SELECT * FROM alerts WHERE device_id = ? ORDER BY position');
    const addresses = db.prepare<[number], PastAddress>(
      `SELECT address, port, first_seen AS firstSeen, last_seen AS lastSeen FROM device_addresses
       WHERE device_id = ? ORDER BY last_seen DESC`,
    );
    this.readDetail = db.transaction((id: number): DeviceDetail | null => {
      const row = device.get(id);
      if (row === undefined) return null;
      const counterRows = counters.all(id);
      const total = counterRows.find((c) => c.name === 'total')?.value ?? null;
      return {
        ...toSummary(row, [], total),
        supplies: supplies.all(id).map(toSupply),
        trays: trays.all(id).map(toTray),
        counters: counterRows.map(toCounter),
        alerts: alerts.all(id).map(toAlert),
        pastAddresses: addresses.all(id),
      };
    });
    const pollColumns = 'id, address, port, profile_id AS profileId, snmp_credential AS credential, NULL AS credentialProblem';
    this.selectPollTargets = db.prepare<[], PollTarget>(`SELECT ${pollColumns} FROM devices ORDER BY id`);
    this.selectSomePollTargets = db.prepare<[string], PollTarget>(`SELECT ${pollColumns} FROM devices WHERE id IN (${IDS}) ORDER BY id`);
    this.selectPollTarget = db.prepare<[number], PollTarget>(`SELECT ${pollColumns} FROM devices WHERE id = ?`);
    this.selectStates = db.prepare<[], DeviceStateRow>(
      `SELECT id, name, address, port, state, status_message AS message, sys_name AS sysName, last_seen AS lastSeen,
         last_attempt AS lastAttempt, last_error_code AS errorCode, last_error_message AS errorMessage,
         missed_polls AS missedPolls, missing_since AS missingSince FROM devices ORDER BY id`,
    );
    this.selectAddresses = db.prepare<[], { id: number; address: string }>('SELECT id, address FROM devices ORDER BY id');
    const setCredential = db.prepare<[string | null, number]>('UPDATE devices SET snmp_credential = ? WHERE id = ?');
    this.updateCredential = db.transaction((entries: ReadonlyArray<{ id: number; credential: string | null }>) => {
      for (const e of entries) setCredential.run(e.credential, e.id);
    });
    this.selectSnapshot = db.prepare<[number], { snapshot: Uint8Array | string }>(
      'SELECT snapshot FROM device_snapshots WHERE device_id = ?',
    );
  }

  /**
   * Where each stored device is read: the light query a poll round starts from. A sealed
   * credential that does not open (key file missing, replaced or readable by others) gives
   * `credentialProblem`, never a silent fall back to the default community.
   */
  listPollTargets(ids?: readonly number[]): PollTarget[] {
    // A slice of a spread round names its devices: only theirs are read (and credentials opened).
    const rows = ids === undefined ? this.selectPollTargets.all() : ids.length === 0 ? [] : this.selectSomePollTargets.all(JSON.stringify(ids));
    return rows.map((t) => this.opened(t));
  }

  /** Every device's stored state and names, by id: what a poll's state comparison needs, without building list rows. */
  listDeviceStates(): DeviceStateFacts[] {
    return this.selectStates.all().map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address,
      port: r.port,
      state: toDeviceState(r.state),
      message: r.message,
      identity: { sysName: r.sysName },
      lastSeen: r.lastSeen,
      lastAttempt: r.lastAttempt,
      lastError: r.errorCode === null ? null : { code: r.errorCode, message: r.errorMessage ?? '' },
      missedPolls: r.missedPolls,
      missingSince: r.missingSince,
    }));
  }

  /** Every device's id and address, nothing opened (who sent a trap). */
  listAddresses(): Array<{ id: number; address: string }> {
    return this.selectAddresses.all();
  }

  /** listPollTargets for one device; null when it is unknown. */
  pollTarget(id: number): PollTarget | null {
    const target = this.selectPollTarget.get(id);
    return target === undefined ? null : this.opened(target);
  }

  private opened(target: PollTarget): PollTarget {
    const { secrets } = this;
    if (!secrets || target.credential === null) return target;
    try {
      target.credential = secrets.open(target.credential);
    } catch (error) {
      target.credential = null;
      target.credentialProblem = `the SNMP credential stored for this device cannot be opened: ${error instanceof Error ? error.message : String(error)}`;
    }
    return target;
  }

  /** Remembers which SNMP credential set (JSON, or null for the default) reaches each device; one transaction. */
  setCredentials(entries: ReadonlyArray<{ id: number; credential: string | null }>): void {
    const { secrets } = this;
    this.updateCredential(secrets ? entries.map((e) => ({ id: e.id, credential: e.credential === null ? null : secrets.seal(e.credential) })) : entries);
  }

  /** The id of the stored device a reading's identity belongs to (README rule), or null for a new device. */
  findDeviceKey(query: DeviceKeyQuery): number | null {
    return this.matcher.match(query)?.id ?? null;
  }

  /** findDeviceKey with where that device is now (a reading elsewhere would move it there); null for a new device. */
  locateDevice(query: DeviceKeyQuery): DevicePlace | null {
    const row = this.matcher.match(query);
    return row === undefined ? null : { id: row.id, address: row.address, port: row.port };
  }

  /**
   * Saves a whole round in ONE transaction and returns one result per entry, in order.
   * Throws (and saves nothing) only when the database fails.
   */
  saveReadings(round: readonly RoundEntry[]): SaveResult[] {
    return this.saveRound(round, []).saved;
  }

  /**
   * Saves a poll round in ONE transaction: full readings, plus devices whose routine poll
   * brought nothing new but their uptime (a cheap touch of their clocks). `untouched` lists
   * unchanged devices that could not be touched (removed meanwhile, or carrying an error).
   */
  savePollRound(round: readonly RoundEntry[], unchanged: readonly UnchangedEntry[]): { saved: SaveResult[]; untouched: number[] } {
    return this.saveRound(round, unchanged);
  }

  /**
   * Adds a never-read device known only by address, or returns the device already known there.
   * Throws RangeError for an empty address or a port outside 1–65535.
   */
  addDevice(input: AddDeviceInput): AddDeviceResult {
    const address = input.address.trim();
    if (address === '') throw new RangeError('a device needs an address');
    if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65_535) {
      throw new RangeError(`port ${input.port} is not a UDP port (1–65535)`);
    }
    const known = this.matcher.lastAt(address, input.port);
    if (known !== undefined) return { deviceId: known.id, created: false };
    const name = input.name?.trim() || null;
    const row = {
      ...newDeviceRow({ address, port: input.port }, this.now(), input.source),
      name,
      name_set_by_user: name === null ? 0 : 1,
      vendor: input.hints?.vendor?.trim() || null,
      model: input.hints?.model?.trim() || null,
      location: input.hints?.location?.trim() || null,
    };
    return { deviceId: Number(this.insertPlaceholder.run(row).lastInsertRowid), created: true };
  }

  /**
   * addDevice for many devices in ONE transaction: all are added or, when one throws
   * (RangeError as addDevice, or a database failure), none.
   */
  addDevices(inputs: readonly AddDeviceInput[]): AddDeviceResult[] {
    return this.addMany(inputs);
  }

  /**
   * Sets the name a person gave a device; an empty or blank name goes back to the device's own
   * name (sysName) and lets readings set it again. Returns false when the device is unknown.
   */
  /**
   * Records identity text a settings delivery wrote and read back (sysName, sysLocation,
   * sysContact), so the list shows it before the next full read; one transaction for many
   * devices. Fields left out are kept.
   */
  applyDeliveredIdentity(entries: readonly { id: number; sysName?: string; location?: string; contact?: string }[]): void {
    this.setIdentityTexts(entries);
  }

  renameDevice(id: number, name: string): boolean {
    const given = name.trim();
    return this.rename.run(given === '' ? null : given, given === '' ? 0 : 1, id).changes > 0;
  }

  /** How many devices the store holds; never throws short of a database failure. */
  countDevices(): number {
    return this.countAll.get()?.n ?? 0;
  }

  /** Deletes devices with all their readings and history; returns how many existed. Never throws for unknown ids. */
  removeDevices(ids: readonly number[]): number {
    return this.removeMany(ids);
  }

  /** Every device with its list-view fields, by id; never throws short of a database failure. */
  listDevices(): DeviceSummary[] {
    return this.readList();
  }

  /** The list rows of the given devices that exist, by id; unknown ids are left out. */
  listDevicesByIds(ids: readonly number[]): DeviceSummary[] {
    return ids.length === 0 ? [] : this.readSome(ids);
  }

  /** One device with supplies, trays, counters, alerts and past addresses, or null when unknown. */
  getDevice(id: number): DeviceDetail | null {
    return this.readDetail(id);
  }

  /** The snapshot last saved for the device as it was given (bytes or text), or null when none. */
  getSnapshot(id: number): Uint8Array | string | null {
    const value = this.selectSnapshot.get(id)?.snapshot;
    if (value === undefined) return null;
    if (typeof value === 'string') return value;
    // A plain Uint8Array view: callers need not know that SQLite handed back a Buffer.
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  /** Status, supply and counter history of one device in a window; empty lists for an unknown device. */
  history(deviceId: number, window: HistoryWindow): DeviceHistory {
    return this.historyQueries.history(deviceId, window);
  }

  /** Deletes history rows older than `before` (epoch ms) at once; the current values are kept. */
  pruneHistory(before: number): PruneResult {
    return this.historyQueries.prune(before);
  }

  /**
   * One bounded step of history maintenance (pruning before `pruneBefore`, thinning older
   * history by HISTORY_TIERS at `now`, giving free pages back); call until `done`, letting
   * other work run between steps. Throws only on database failure.
   */
  maintainHistory(now: number, pruneBefore: number): MaintenanceStep {
    return this.maintenance.step(now, pruneBefore);
  }
}

function groupBy<R, T>(rows: readonly R[], key: (row: R) => number, map: (row: R) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(map(row));
    else groups.set(key(row), [map(row)]);
  }
  return groups;
}

