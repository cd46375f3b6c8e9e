import type { DeviceReading } from '../../../src-shared/domain/device-reading';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { SnmpTarget } from '../snmp/snmp-client';
import type { DevicesRepository, UnchangedEntry } from '../store/devices.repository';
import type { RoundEntry, SaveResult } from '../store/reading-writer';
import type { DeviceReader, DeviceReadResult } from './device-reader';
import { pollRound, type PollJob } from './fleet-poller';
import { packSnapshot, unpackSnapshot } from './snapshot-storage';

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
}

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
    const wanted = options.ids ? new Set(options.ids) : null;
    const stored = this.deps.devices.listPollTargets().filter((t) => !wanted || wanted.has(t.id));
    const jobs = stored.map((t): PollJob => {
      const layout = this.layoutOf(t.id, t.profileId);
      return { target: { ...settingsForDevice(t.credential, settings), host: t.address, port: t.port }, snapshot: layout?.snapshot, profile: layout?.profile, previous: layout?.previous };
    });
    return (await this.runRound(jobs, stored.map((t) => t.id), options, true)).filter(isSaved);
  }

  private async runRound(jobs: PollJob[], ids: ReadonlyArray<number | undefined>, options: RoundOptions, saveFailures: boolean): Promise<FoundOutcome[]> {
    let done = 0;
    const results = await pollRound(this.deps.reader, jobs, {
      concurrency: options.concurrency,
      signal: options.signal,
      onResult: () => options.onProgress?.(++done, jobs.length),
    });
    const at = this.deps.now();
    const full: Array<{ entry: RoundEntry; result: DeviceReadResult; index: number }> = [];
    const unchanged: Array<UnchangedEntry & { result: DeviceReadResult; index: number }> = [];
    const outcomes: Array<FoundOutcome | undefined> = new Array(jobs.length);
    results.forEach((result, i) => {
      const job = jobs[i];
      if (!result || !job) return; // not started: the round was cancelled
      if (!saveFailures && !result.reading.ok) {
        outcomes[i] = { reading: result.reading, saved: null };
        return;
      }
      const id = ids[i];
      if (result.unchanged && id !== undefined) {
        unchanged.push({ deviceId: id, uptimeSeconds: result.reading.identity.uptimeSeconds, at, result, index: i });
        return;
      }
      // A routine poll returns the job's snapshot; a new one is a full read (also when the
      // routine poll found another printer at the address): store what it learned.
      const fullRead = result.snapshot !== undefined && result.snapshot !== job.snapshot;
      full.push({
        result,
        index: i,
        entry: {
          target: { address: job.target.host, port: job.target.port ?? 161 },
          reading: result.reading,
          snapshot: fullRead && result.snapshot ? packSnapshot(result.snapshot) : undefined,
          profileId: fullRead ? result.profile?.id : undefined,
          at,
        },
      });
    });
    const round = this.deps.devices.savePollRound(full.map((f) => f.entry), unchanged);
    // In job order, whichever way each device was saved.
    full.forEach(({ result, index }, i) => {
      const saved = round.saved[i] as SaveResult;
      this.remember(saved.deviceId, result);
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
    return outcomes.filter((o): o is FoundOutcome => o !== undefined);
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
