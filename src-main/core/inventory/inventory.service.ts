import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { SnmpTarget } from '../snmp/snmp-client';
import type { DevicesRepository, PollTarget, UnchangedEntry } from '../store/devices.repository';
import type { RoundEntry, SaveResult } from '../store/reading-writer';
import type { DeviceReader, DeviceReadResult } from './device-reader';
import { pollRound, type PollJob } from './fleet-poller';
import { packSnapshot, unpackSnapshot } from './snapshot-storage';
import { answerOf, checkTakeovers, endpointKey, type Heard, type SavedReading } from './takeover-check';

import { settingsForDevice, type SnmpSettings } from './credential-settings';

export type { SnmpSettings } from './credential-settings';

export interface RoundOptions {
  concurrency?: number;
  signal?: AbortSignal;
  /** Progress: devices done so far out of the round's total. */
  onProgress?: (done: number, total: number) => void;
}

export interface RoundOutcome {
  reading: DeviceReading;
  saved: SaveResult;
}

/** A reading of a search: saved only when it succeeded. */
export interface FoundOutcome {
  reading: DeviceReading;
  saved: SaveResult | null;
}

const isSaved = (o: FoundOutcome): o is RoundOutcome => o.saved !== null;

export interface InventoryDeps {
  reader: DeviceReader;
  devices: DevicesRepository;
  profiles: readonly DeviceProfile[];
  now: () => number;
  /** Lines for the host's log (devices that cannot be read because of their stored credential). */
  log?: (line: string) => void;
  /** Devices saved per transaction in a larger round (default SAVE_BATCH). */
  saveBatch?: number;
}

/**
 * Devices saved per transaction in a large round: a full read of 10,000 printers then holds at
 * most this many readings with their packed layouts (and the store one transaction's worth)
 * instead of the whole fleet's. Rounds up to this size are saved in one transaction.
 */
export const SAVE_BATCH = 500;

/** A device of a round that finished reading and waits for its batch to be saved. */
interface Finished {
  result: DeviceReadResult;
  index: number;
}

/** The error of a device not read because its stored credential does not open. */
export const CREDENTIAL_UNUSABLE = 'credential-unusable';

interface Layout {
  snapshot: MibSnapshot;
  profile: DeviceProfile;
  /** The last good reading; absent after a failure or when loaded from the store. */
  previous?: DeviceReading;
}

/**
 * Reads devices and keeps the store current. The table layout a full read learns is kept in
 * memory and in the store (so routine polls stay routine across restarts); each round is
 * saved in one transaction.
 */
export class InventoryService {
  private readonly layouts = new Map<number, Layout>();
  /** The credential problem last logged, so a key that stays unusable is logged once, not every round. */
  private loggedProblem: string | null = null;

  constructor(private readonly deps: InventoryDeps) {}

  /** Fully reads the given targets and saves them (new devices are added, known ones updated). */
  async readTargets(targets: readonly SnmpTarget[], options: RoundOptions = {}): Promise<RoundOutcome[]> {
    const jobs: PollJob[] = targets.map((target) => ({ target }));
    return (await this.runRound(jobs, targets.map(() => undefined), options, true)).filter(isSaved);
  }

  /**
   * Fully reads devices a search found. Only successful readings are saved: an address that
   * answered a probe but could not be read leaves no row (its reading says why).
   */
  async readFound(targets: readonly SnmpTarget[], options: RoundOptions = {}): Promise<FoundOutcome[]> {
    const jobs: PollJob[] = targets.map((target) => ({ target }));
    return this.runRound(jobs, targets.map(() => undefined), options, false);
  }

  /**
   * Polls stored devices (all, or those in `ids`): a routine poll where the layout is known,
   * a full read otherwise. Failed devices keep their last good data and get the error.
   */
  async pollStored(settings: SnmpSettings, options: RoundOptions & { ids?: readonly number[] } = {}): Promise<RoundOutcome[]> {
    const stored = this.deps.devices.listPollTargets(options.ids);
    const jobs = this.storedJobs(stored, settings, true);
    return (await this.runRound(jobs, stored.map((t) => t.id), options, true)).filter(isSaved);
  }

  /**
   * Fully reads stored devices (a "refresh now"), each with its own credential, and saves them;
   * one outcome per target in order. A device whose stored credential does not open is a
   * failed reading saying why (code 'credential-unusable'), never read with the default.
   */
  async readStored(stored: readonly PollTarget[], settings: SnmpSettings, options: RoundOptions = {}): Promise<RoundOutcome[]> {
    return (await this.runRound(this.storedJobs(stored, settings, false), stored.map((t) => t.id), options, true)).filter(isSaved);
  }

  /** The jobs of stored devices: their own credential (else the default), their learned layout when `routine`. */
  private storedJobs(stored: readonly PollTarget[], settings: SnmpSettings, routine: boolean): PollJob[] {
    const refused = stored.filter((t) => t.credentialProblem !== null);
    const problem = refused[0]?.credentialProblem ?? null;
    if (problem !== null && problem !== this.loggedProblem) {
      this.deps.log?.(`inventory: ${refused.length} device(s) not read, so as not to use the default community instead: ${problem}`);
    }
    this.loggedProblem = problem;
    return stored.map((t): PollJob => {
      const target = { ...settingsForDevice(t.credential, settings), host: t.address, port: t.port };
      if (t.credentialProblem !== null) return { target, refusal: { code: CREDENTIAL_UNUSABLE, message: t.credentialProblem } };
      const layout = routine ? this.layoutOf(t.id, t.profileId) : undefined;
      return { target, snapshot: layout?.snapshot, profile: layout?.profile, previous: layout?.previous };
    });
  }

  /**
   * Reads the jobs and saves what they found. Devices are saved as they finish, in batches of
   * SAVE_BATCH (one transaction each), so a round of a large fleet never holds all its readings,
   * their packed layouts and one huge transaction at once; a round of at most SAVE_BATCH devices
   * is one transaction as before. Outcomes come back in job order.
   */
  private async runRound(jobs: PollJob[], ids: ReadonlyArray<number | undefined>, options: RoundOptions, saveFailures: boolean): Promise<FoundOutcome[]> {
    let done = 0;
    const batchSize = Math.max(1, this.deps.saveBatch ?? SAVE_BATCH);
    // What answered where in this round: a device found at a new address moves only when its old one fell silent.
    const heard = new Map<string, Heard>();
    const outcomes: Array<FoundOutcome | undefined> = new Array(jobs.length);
    let waiting: Finished[] = [];
    let saving: Promise<void> = Promise.resolve();
    // The first batch that could not be saved: later batches are not saved, and the round throws it.
    const failures: unknown[] = [];
    const flush = (): void => {
      const batch = waiting;
      waiting = [];
      saving = saving.then(async () => {
        if (failures.length === 0) await this.saveBatch(batch, jobs, ids, heard, outcomes, options, saveFailures);
      }).catch((error: unknown) => {
        failures.push(error);
      });
    };
    await pollRound(this.deps.reader, jobs, {
      concurrency: options.concurrency,
      signal: options.signal,
      onResult: (result, _job, index) => {
        waiting.push({ result, index });
        if (waiting.length >= batchSize && jobs.length > batchSize) flush();
        options.onProgress?.(++done, jobs.length);
      },
    });
    if (waiting.length > 0) flush();
    await saving;
    if (failures.length > 0) throw failures[0];
    return outcomes.filter((o): o is FoundOutcome => o !== undefined);
  }

  /** Saves finished devices in one transaction (after the takeover check) and fills in their outcomes. */
  private async saveBatch(
    batch: readonly Finished[],
    jobs: readonly PollJob[],
    ids: ReadonlyArray<number | undefined>,
    heard: Map<string, Heard>,
    outcomes: Array<FoundOutcome | undefined>,
    options: RoundOptions,
    saveFailures: boolean,
  ): Promise<void> {
    const at = this.deps.now();
    const full: Array<{ entry: RoundEntry; result: DeviceReadResult; index: number; settings: SnmpSettings; routine: boolean }> = [];
    const unchanged: Array<UnchangedEntry & { result: DeviceReadResult; index: number }> = [];
    for (const { result, index: i } of batch) {
      const job = jobs[i];
      if (!job) continue;
      const address = job.target.host;
      const port = job.target.port ?? 161;
      // A routine poll (the job's layout kept) re-read the identity it learned: it heard the stored device itself.
      const routine = ids[i] !== undefined && result.snapshot !== undefined && result.snapshot === job.snapshot;
      if (!result.reading.ok) heard.set(endpointKey(address, port), { kind: 'silent' });
      else if ((result.unchanged || routine) && ids[i] !== undefined) heard.set(endpointKey(address, port), { kind: 'device', deviceId: ids[i] ?? null });
      else heard.set(endpointKey(address, port), answerOf(result.reading, address, port, this.deps.devices));
      if (!saveFailures && !result.reading.ok) {
        outcomes[i] = { reading: result.reading, saved: null };
        continue;
      }
      const id = ids[i];
      if (result.unchanged && id !== undefined) {
        unchanged.push({ deviceId: id, uptimeSeconds: result.reading.identity.uptimeSeconds, at, result, index: i });
        continue;
      }
      // A routine poll returns the job's snapshot; a new one is a full read (also when the
      // routine poll found another printer at the address): store what it learned.
      const fullRead = result.snapshot !== undefined && result.snapshot !== job.snapshot;
      const { host: _host, port: _port, ...settings } = job.target;
      full.push({
        result,
        index: i,
        settings,
        routine,
        entry: {
          target: { address, port },
          reading: result.reading,
          snapshot: fullRead && result.snapshot ? packSnapshot(result.snapshot) : undefined,
          profileId: fullRead ? result.profile?.id : undefined,
          at,
        },
      });
    }
    // A routine poll's device was read at its own stored address as itself: nothing to take over.
    const readings: SavedReading[] = full.filter((f) => f.entry.reading.ok && !f.routine).map((f) => ({ entry: f.entry, settings: f.settings }));
    const undecided = await checkTakeovers(readings, heard, { devices: this.deps.devices, reader: this.deps.reader }, options);
    const saving = full.filter((f) => {
      if (!undecided.has(f.entry)) return true;
      outcomes[f.index] = { reading: f.result.reading, saved: null };
      return false;
    });
    const round = this.deps.devices.savePollRound(saving.map((f) => f.entry), unchanged);
    // In job order, whichever way each device was saved.
    saving.forEach(({ result, index }, i) => {
      const saved = round.saved[i] as SaveResult;
      // A conflict saved nothing of this reading: the layout is not the device's it names.
      if (!saved.identityConflict) this.remember(saved.deviceId, result);
      for (const merged of saved.mergedIds) this.layouts.delete(merged);
      outcomes[index] = { reading: result.reading, saved };
    });
    const untouched = new Set(round.untouched);
    for (const u of unchanged) {
      // Rare: the device was removed meanwhile or the store holds an error for it; forget the layout.
      if (untouched.has(u.deviceId)) this.layouts.delete(u.deviceId);
      else this.remember(u.deviceId, u.result);
      outcomes[u.index] = { reading: u.result.reading, saved: { deviceId: u.deviceId, change: 'unchanged', addressChanged: null, mergedIds: [] } };
    }
  }

  private remember(deviceId: number, result: DeviceReadResult): void {
    if (result.snapshot && result.profile) {
      this.layouts.set(deviceId, { snapshot: result.snapshot, profile: result.profile, previous: result.reading.ok ? result.reading : undefined });
    } else {
      const layout = this.layouts.get(deviceId);
      if (layout) layout.previous = undefined; // a failed read: the next success is saved in full
    }
  }

  /** The layout learned for a device: from memory, else from the store, else none. */
  private layoutOf(id: number, profileId: string | null): Layout | undefined {
    const known = this.layouts.get(id);
    if (known) return known;
    const profile = profileId ? this.deps.profiles.find((p) => p.id === profileId) : undefined;
    const stored = profile ? this.deps.devices.getSnapshot(id) : null;
    if (!profile || stored === null) return undefined;
    try {
      const layout = { snapshot: unpackSnapshot(stored), profile };
      layout.snapshot.compact();
      this.layouts.set(id, layout);
      return layout;
    } catch {
      return undefined; // a damaged snapshot only costs a full read
    }
  }
}
