import type { Credential, DiscoveryMethodKind, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { settingsOfCredential } from '../inventory/credential-settings';
import type { FoundOutcome, InventoryService } from '../inventory/inventory.service';
import { identityConflictMessage } from '../inventory/takeover-check';
import type { DeviceIdentity } from '../../../src-shared/domain/device-reading';
import type { DevicesRepository } from '../store/devices.repository';
import type { ProbeAnswer } from './snmp-scan/scan-types';

/** Answers read together in one inventory round: small, so devices appear in the list as they answer. */
const BATCH = 8;

interface Found {
  answer: ProbeAnswer;
  methods: DiscoveryMethodKind[];
  /** Read once already without a reply: this is the last read. */
  again: boolean;
}

export interface FoundReaderDeps {
  inventory: Pick<InventoryService, 'readFound'>;
  devices: Pick<DevicesRepository, 'listDevices' | 'setCredentials'>;
  credentials: readonly Credential[];
  /** Per attempt and retries of the full read. */
  timeoutMs: number;
  retries: number;
  /** Devices read at the same time. */
  concurrency: number;
  signal: AbortSignal;
  /** One result per device (or per failed address), as soon as it is known. */
  onResult: (result: DiscoveryResult) => void;
  /** A device was found again through another method or address: its result's methods grew. */
  onMethodsAdded: (deviceId: number, methods: readonly DiscoveryMethodKind[]) => void;
  log: (line: string) => void;
}

/**
 * Reads the devices that answered a probe, in small batches with bounded concurrency, and saves
 * them (the store matches them by serial and MAC, so a device at a new address keeps its row and
 * the old address goes into its history — unless the old address still answers with that
 * identity: then the new one is an identity conflict, a 'failed' result naming the device, and
 * nothing moves). Each device yields one result per run, however many addresses or methods found it.
 *
 * A device that answered the probe but gave no reply to its full read is read once more at the
 * end (`finish`), when the probes are out: it answered a moment ago, and while a fast scan keeps
 * the event loop and the CPU busy a read's deadline can pass with its replies unread.
 */
export class FoundReader {
  private readonly queue: Found[] = [];
  /** Reads that got no reply, to be read again by `finish`. */
  private readonly silent: Found[] = [];
  private readonly byDevice = new Map<number, Set<DiscoveryMethodKind>>();
  private workers = 0;
  private idle: Array<() => void> = [];
  /** What each stored device looked like when the search started: its result is 'updated' only when that changed. */
  private readonly before: Map<number, string>;

  constructor(private readonly deps: FoundReaderDeps) {
    this.before = new Map(deps.devices.listDevices().map((d) => [d.id, signature(d.address, d.port, d.identity)]));
  }

  /** Device ids found so far in this run. */
  get foundIds(): ReadonlySet<number> {
    return new Set(this.byDevice.keys());
  }

  add(answer: ProbeAnswer, methods: DiscoveryMethodKind[]): void {
    this.enqueue({ answer, methods, again: false });
  }

  /**
   * Resolves when every answer has been read, the silent ones twice (or the run was cancelled:
   * then the silent ones are reported failed without another read). Call once the probes are done.
   */
  async finish(): Promise<void> {
    await this.drained();
    const again = this.silent.splice(0);
    if (again.length === 0) return;
    if (this.deps.signal.aborted) {
      for (const item of again) this.deps.onResult(failure(item.answer, item.methods, 'the device gave no reply to its full read (the search was cancelled before it was read again)'));
      return;
    }
    this.deps.log(`discovery: reading ${again.length} device(s) again that answered the probe but not their full read`);
    for (const item of again) this.enqueue({ ...item, again: true });
    await this.drained();
  }

  private enqueue(item: Found): void {
    this.queue.push(item);
    const wanted = Math.max(1, Math.ceil(this.deps.concurrency / BATCH));
    while (this.workers < wanted && this.workers * BATCH < this.queue.length) {
      this.workers += 1;
      void this.work();
    }
  }

  /** Resolves when every queued answer has been read (or the run was cancelled). */
  drained(): Promise<void> {
    if (this.workers === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async work(): Promise<void> {
    try {
      while (this.queue.length > 0 && !this.deps.signal.aborted) {
        const batch = this.queue.splice(0, BATCH);
        try {
          const targets = batch.map(({ answer }) => ({ ...this.settingsOf(answer), host: answer.address, port: answer.port }));
          const outcomes = await this.deps.inventory.readFound(targets, { concurrency: BATCH, signal: this.deps.signal });
          outcomes.forEach((outcome, i) => {
            const item = batch[i];
            if (!item) return;
            if (!outcome.saved && outcome.reading.error?.code === 'snmp-timeout' && !item.again) this.silent.push(item);
            else this.record(item.answer, item.methods, outcome);
          });
        } catch (error) {
          this.deps.log(`discovery: reading ${batch.length} found devices failed: ${error instanceof Error ? error.message : String(error)}`);
          for (const { answer, methods } of batch) this.deps.onResult(failure(answer, methods, 'the device could not be read (see the log)'));
        }
      }
    } finally {
      this.workers -= 1;
      if (this.workers === 0) {
        const waiting = this.idle;
        this.idle = [];
        for (const resolve of waiting) resolve();
      }
    }
  }

  private settingsOf(answer: ProbeAnswer) {
    const credential = this.deps.credentials[answer.credentialIndex] ?? this.deps.credentials[0];
    const base = { version: 'v2c' as const, timeoutMs: this.deps.timeoutMs, retries: this.deps.retries };
    return credential ? settingsOfCredential(credential, base) : base;
  }

  private record(answer: ProbeAnswer, methods: DiscoveryMethodKind[], found: FoundOutcome): void {
    const { reading, saved } = found;
    if (!saved) {
      this.deps.onResult(failure(answer, methods, reading.error?.message ?? 'the device could not be read'));
      return;
    }
    if (saved.identityConflict) {
      // Two live addresses with one serial and MAC: shown here and on the device, never a move.
      const message = identityConflictMessage(saved.identityConflict);
      this.deps.log(`discovery: ${message}`);
      this.deps.onResult({ ...failure(answer, methods, message), deviceId: saved.deviceId });
      return;
    }
    const known = this.byDevice.get(saved.deviceId);
    if (known) {
      // The same device again (a second address, or broadcast and unicast): one row, more methods.
      const added = methods.filter((m) => !known.has(m));
      for (const m of added) known.add(m);
      if (added.length > 0) this.deps.onMethodsAdded(saved.deviceId, [...known]);
      return;
    }
    this.byDevice.set(saved.deviceId, new Set(methods));
    const credential = this.deps.credentials[answer.credentialIndex];
    const unsealed = credential ? this.rememberCredential(saved.deviceId, credential) : null;
    const { identity } = reading;
    // Supply levels and counters move between any two reads; a search reports what it is about: where the device is and what it is.
    const before = this.before.get(saved.deviceId);
    const outcome = before === undefined ? 'new' : before === signature(answer.address, answer.port, identity) ? 'unchanged' : 'updated';
    this.deps.onResult({
      deviceId: saved.deviceId,
      address: answer.address,
      port: answer.port,
      outcome,
      methods,
      previousAddress: saved.addressChanged ? saved.addressChanged.from : null,
      label: identity.sysName || identity.model || answer.sysName || answer.address,
      message: [saved.addressChanged ? `moved from ${saved.addressChanged.from}` : null, unsealed].filter((m) => m !== null).join('; ') || null,
    });
  }

  /** Stores the credential that reached the device (sealed); a key that cannot seal is said in the result and logged, and the stored one is kept. */
  private rememberCredential(deviceId: number, credential: Credential): string | null {
    try {
      this.deps.devices.setCredentials([{ id: deviceId, credential: JSON.stringify(credential) }]);
      return null;
    } catch (error) {
      const message = `the credential it answered to could not be stored: ${error instanceof Error ? error.message : String(error)}`;
      this.deps.log(`discovery: device ${deviceId}: ${message}`);
      return message;
    }
  }
}

/** The parts of a device a search reports a change of. */
function signature(address: string, port: number, identity: DeviceIdentity): string {
  const { serial, mac, vendor, model, firmware, sysName, location } = identity;
  return JSON.stringify([address, port, serial, mac, vendor, model, firmware, sysName, location]);
}

function failure(answer: ProbeAnswer, methods: DiscoveryMethodKind[], message: string): DiscoveryResult {
  return {
    deviceId: null,
    address: answer.address,
    port: answer.port,
    outcome: 'failed',
    methods,
    previousAddress: null,
    label: answer.sysName || answer.sysDescr || answer.address,
    message,
  };
}
