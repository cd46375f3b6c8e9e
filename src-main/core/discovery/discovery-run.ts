import type {
  DiscoveryCounts,
  DiscoveryMethodKind,
  DiscoveryProgress,
  DiscoveryRequest,
  DiscoveryResult,
  DiscoveryRunState,
} from '../../../src-shared/contract/discovery.contract';
import { v3CredentialsOf } from '../inventory/credential-settings';
import type { InventoryService } from '../inventory/inventory.service';
import type { DevicesRepository } from '../store/devices.repository';
import { EMPTY_COUNTS, type DiscoveryRunsRepository } from '../store/discovery-runs.repository';
import { coversAddress, isExcluded, rangeAddresses, type DiscoveryPlan } from './discovery-plan';
import type { DiscoveryResolvers } from './discovery-resolvers';
import { classifyFoundAddress } from './found-address';
import { FoundReader } from './found-reader';
import { ProbeMeter } from './probe-meter';
import { resolveSideMethods } from './side-methods';
import type { ProbeAnswer, ScanOptions, SnmpScanner } from './snmp-scan/scan-types';

export interface DiscoveryRunDeps {
  inventory: InventoryService;
  devices: DevicesRepository;
  runs: DiscoveryRunsRepository;
  resolvers: DiscoveryResolvers;
  createScanner: () => SnmpScanner;
  now: () => number;
  log: (line: string) => void;
  /** Progress, throttled to PROGRESS_EVERY_MS, and once at the end. */
  onProgress: (progress: DiscoveryProgress) => void;
  onResult: (runId: number, result: DiscoveryResult) => void;
  onDevicesChanged: (ids: number[]) => void;
}

const PROGRESS_EVERY_MS = 250;

/**
 * One search from start to end: the address ranges are probed while names, broadcasts, SLP and
 * mDNS run beside them; the addresses those turn up are probed next; every answer is read in
 * full and saved as it comes; known devices that stayed silent are listed as lost. Cancel stops
 * the probes at once and keeps what was found.
 */
export class DiscoveryRun {
  readonly counts: DiscoveryCounts = { ...EMPTY_COUNTS };
  private readonly controller = new AbortController();
  /** Addresses that answered a probe, with the methods that named them so far. */
  private readonly answered = new Map<string, DiscoveryMethodKind[]>();
  /** Every address a name, SLP or mDNS turned up, with those methods. */
  private readonly sideKinds = new Map<string, DiscoveryMethodKind[]>();
  /** IPv6 addresses methods turned up: reported once each, not probed. */
  private readonly ipv6Found = new Set<string>();
  private readonly results: Array<{ seq: number; result: DiscoveryResult; saved: boolean }> = [];
  private pendingResults: Array<{ seq: number; result: DiscoveryResult; saved: boolean }> = [];
  private readonly changedIds = new Set<number>();
  private readonly reader: FoundReader;
  private readonly startedAt: number;
  private phase: DiscoveryProgress['phase'] = 'probing';
  private state: DiscoveryRunState = 'running';
  private sent = 0;
  private readonly meter: ProbeMeter;
  private probedBefore = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly id: number,
    private readonly request: DiscoveryRequest,
    private readonly plan: DiscoveryPlan,
    private readonly fingerprint: string,
    private readonly deps: DiscoveryRunDeps,
  ) {
    this.startedAt = deps.now();
    const { options } = request;
    this.meter = new ProbeMeter(this.startedAt, (options.timeoutMs * (options.retries + 1)) / 1000);
    this.reader = new FoundReader({
      inventory: deps.inventory,
      devices: deps.devices,
      credentials: options.credentials,
      timeoutMs: Math.max(options.timeoutMs, 1000),
      retries: Math.max(options.retries, 1),
      concurrency: options.concurrency,
      signal: this.controller.signal,
      onResult: (result) => this.addResult(result),
      onMethodsAdded: (deviceId, methods) => this.addMethods((r) => r.deviceId === deviceId, methods),
      log: deps.log,
    });
  }

  cancel(): void {
    this.controller.abort();
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  /** Runs the search to its end; never rejects (a failure ends the run as 'failed'). */
  async execute(): Promise<void> {
    const { signal } = this.controller;
    this.counts.total = this.plan.rangeCount;
    this.timer = setInterval(() => this.tick(), PROGRESS_EVERY_MS);
    const scanner = this.deps.createScanner();
    let error: string | null = null;
    try {
      const extras = new Map<string, DiscoveryMethodKind[]>();
      const rangeScan = scanner.scan(rangeAddresses(this.plan), this.scanOptions((p) => (this.counts.probed = this.probedBefore + p.addressesDone), null));
      const side = resolveSideMethods(this.request, this.plan, {
        resolvers: this.deps.resolvers,
        signal,
        log: this.deps.log,
        createScanner: this.deps.createScanner,
        scanOptions: (onAnswer) => this.scanOptions(() => undefined, onAnswer),
        onAddress: (address, kind, label) => this.addFound(extras, address, kind, label),
        onUnresolved: (result) => this.addResult(result),
        onBroadcastAnswer: (answer, kind) => this.onAnswer(answer, [kind]),
      });
      const [scanned, failedMethods] = await Promise.all([rangeScan, side]);
      this.probedBefore = scanned.addressesDone;
      const next = [...extras.entries()].filter(([address]) => !this.answered.has(address));
      if (next.length > 0 && !signal.aborted) {
        const kinds = new Map(next);
        await scanner.scan(
          next.map(([address]) => address),
          this.scanOptions((p) => (this.counts.probed = this.probedBefore + p.addressesDone), (answer) => kinds.get(answer.address) ?? []),
        );
      }
      this.phase = 'reading';
      this.meter.endProbing(this.deps.now(), this.sent, this.counts.probed);
      await this.reader.finish();
      // A method that could not run found nothing: its devices are not lost, and the run did not do what was asked.
      if (failedMethods.length > 0) error = failedMethods.join('; ');
      else if (!signal.aborted) this.recordLost();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
      this.deps.log(`discovery run ${this.id} failed: ${error}`);
    } finally {
      await scanner.close().catch(() => undefined);
      if (this.timer) clearInterval(this.timer);
      this.state = error !== null ? 'failed' : signal.aborted ? 'cancelled' : 'succeeded';
      this.meter.endProbing(this.deps.now(), this.sent, this.counts.probed);
      this.phase = 'finished';
      this.flush();
      this.deps.runs.finish(this.id, { state: this.state, finishedAt: this.deps.now(), counts: { ...this.counts }, error });
      this.deps.onProgress(this.progress());
    }
  }

  /** Options of a scan; `methodsOf` says which methods an answer belongs to (null: the ranges). */
  private scanOptions(onProgress: (p: { addressesDone: number; sent: number }) => void, methodsOf: ((a: ProbeAnswer) => DiscoveryMethodKind[]) | null): ScanOptions {
    const { options } = this.request;
    let lastSent = 0;
    return {
      port: options.port,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      ratePerSecond: options.ratePerSecond,
      credentials: options.credentials.map((c) => (c.version === 'v3' ? { version: 'v3', v3: v3CredentialsOf(c) } : { version: c.version, community: c.community })),
      signal: this.controller.signal,
      onAnswer: (answer) => this.onAnswer(answer, methodsOf ? methodsOf(answer) : this.rangeKinds(answer.address)),
      onProgress: (p) => {
        this.sent += p.sent - lastSent;
        lastSent = p.sent;
        onProgress(p);
      },
      onIgnoredReply: (reason, sender) => this.deps.log(`discovery: ignored a reply from ${sender}: ${reason}`),
    };
  }

  private rangeKinds(address: string): DiscoveryMethodKind[] {
    return this.plan.rangesByKind.filter((r) => coversAddress(r.specs, address)).map((r) => r.kind);
  }

  /** An address from an answer on the network: an IPv4 host is probed, IPv6 is reported, anything else is logged and dropped. */
  private addFound(extras: Map<string, DiscoveryMethodKind[]>, address: string, kind: DiscoveryMethodKind, label: string): void {
    const found = classifyFoundAddress(address);
    if (found.kind === 'unusable') {
      this.deps.log(`discovery: ${kind} named ${label ? `"${label}" at ` : ''}an unusable address: ${found.reason}; skipped`);
      return;
    }
    if (isExcluded(this.plan, address)) return;
    if (found.kind === 'ipv4') {
      this.addExtra(extras, address, kind);
      return;
    }
    if (this.ipv6Found.has(address)) {
      this.addMethods((r) => r.address === address && r.deviceId === null, [kind]);
      return;
    }
    this.ipv6Found.add(address);
    this.deps.log(`discovery: ${kind} found ${address} (${label}); IPv6 addresses are not searched yet`);
    this.addResult({
      deviceId: null,
      address,
      port: this.request.options.port,
      outcome: 'skipped',
      methods: [kind],
      previousAddress: null,
      label: label || address,
      message: 'found at an IPv6 address, which is not searched yet: give its IPv4 address to search it',
    });
  }

  private addExtra(extras: Map<string, DiscoveryMethodKind[]>, address: string, kind: DiscoveryMethodKind): void {
    const side = this.sideKinds.get(address);
    if (side && !side.includes(kind)) side.push(kind);
    else if (!side) this.sideKinds.set(address, [kind]);
    const known = this.answered.get(address);
    if (known) {
      if (!known.includes(kind)) known.push(kind);
      this.addMethods((r) => r.address === address, known);
      return;
    }
    if (coversAddress(this.plan.ranges, address)) return; // the range scan probes it anyway
    const kinds = extras.get(address);
    if (kinds) {
      if (!kinds.includes(kind)) kinds.push(kind);
      return;
    }
    extras.set(address, [kind]);
    this.counts.total += 1;
  }

  private onAnswer(answer: ProbeAnswer, probeMethods: DiscoveryMethodKind[]): void {
    const known = this.answered.get(answer.address);
    if (known) {
      // Met again (a broadcast and a range): one device, one more method.
      for (const kind of probeMethods) if (!known.includes(kind)) known.push(kind);
      this.addMethods((r) => r.address === answer.address, known);
      return;
    }
    const methods = [...new Set([...probeMethods, ...(this.sideKinds.get(answer.address) ?? [])])];
    this.answered.set(answer.address, methods);
    this.counts.answered += 1;
    if (this.request.options.printersOnly && !answer.isPrinter) {
      this.addResult({
        deviceId: null,
        address: answer.address,
        port: answer.port,
        outcome: 'skipped',
        methods,
        previousAddress: null,
        label: answer.sysName || answer.sysDescr || answer.address,
        message: 'not a printer (no Printer-MIB object, hrPrinterTable row or hrDevicePrinter device): skipped because of "printers only"',
      });
      return;
    }
    this.reader.add(answer, methods);
  }

  private addResult(result: DiscoveryResult): void {
    const entry = { seq: this.results.length + 1, result: { ...result, methods: [...result.methods] }, saved: false };
    this.results.push(entry);
    this.pendingResults.push(entry);
    this.counts[result.outcome] += 1;
    if (result.deviceId !== null && result.outcome !== 'lost') this.changedIds.add(result.deviceId);
  }

  /** Known devices the search should have met and did not: in its ranges, or found by the same search last time. */
  private recordLost(): void {
    const found = this.reader.foundIds;
    const before = this.deps.runs.previouslyFound(this.fingerprint, this.id);
    for (const device of this.deps.devices.listDevices()) {
      if (found.has(device.id)) continue;
      const inRanges = coversAddress(this.plan.ranges, device.address) && device.port === this.request.options.port;
      if (!inRanges && !before.has(device.id)) continue;
      this.addResult({
        deviceId: device.id,
        address: device.address,
        port: device.port,
        outcome: 'lost',
        methods: [],
        previousAddress: null,
        label: device.name ?? device.identity.model ?? device.address,
        message: 'did not answer this search',
      });
    }
  }

  private tick(): void {
    this.flush();
    this.deps.runs.saveCounts(this.id, { ...this.counts });
    this.deps.onProgress(this.progress());
  }

  /** A result's device or address was met through more methods: the saved row and the console follow. */
  private addMethods(matches: (result: DiscoveryResult) => boolean, methods: readonly DiscoveryMethodKind[]): void {
    const entry = this.results.find((e) => matches(e.result));
    if (!entry) return; // not read yet: the methods travel with the answer
    const merged = [...new Set([...entry.result.methods, ...methods])];
    if (merged.length === entry.result.methods.length) return;
    entry.result.methods = merged;
    if (entry.saved) {
      this.deps.runs.updateMethods(this.id, entry.seq, merged);
      this.deps.onResult(this.id, entry.result);
    }
  }

  /** Saves and announces the results gathered since the last flush. */
  private flush(): void {
    if (this.pendingResults.length > 0) {
      const batch = this.pendingResults;
      this.pendingResults = [];
      this.deps.runs.appendResults(this.id, batch);
      for (const entry of batch) entry.saved = true;
      for (const { result } of batch) this.deps.onResult(this.id, result);
    }
    if (this.changedIds.size > 0) {
      this.deps.onDevicesChanged([...this.changedIds]);
      this.changedIds.clear();
    }
  }

  progress(): DiscoveryProgress {
    const now = this.deps.now();
    const { probed, total } = this.counts;
    this.meter.sample(now, this.sent, probed);
    const { packetsPerSecond, etaSeconds } = this.meter.read(total);
    return {
      runId: this.id,
      phase: this.phase,
      state: this.state,
      counts: { ...this.counts },
      ratePerSecond: Math.round(packetsPerSecond),
      etaSeconds: this.phase === 'probing' ? etaSeconds : null,
      elapsedMs: now - this.startedAt,
    };
  }
}
