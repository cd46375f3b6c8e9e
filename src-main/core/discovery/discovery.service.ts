import type { AppEvents, AppImpl } from '../../../src-shared/contract/app.contract';
import type { DiscoveryRequest } from '../../../src-shared/contract/discovery.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import type { EventHub } from '../../../src-shared/rpc/event-hub';
import type { InventoryService } from '../inventory/inventory.service';
import type { ActivityReporter } from '../metrics/console-activity';
import type { DevicesRepository } from '../store/devices.repository';
import type { DiscoveryRunsRepository } from '../store/discovery-runs.repository';
import { defaultRunName, fingerprintOf, maskRequest, planDiscovery } from './discovery-plan';
import type { DiscoveryResolvers } from './discovery-resolvers';
import { DiscoveryRun } from './discovery-run';
import type { SnmpScanner } from './snmp-scan/scan-types';
import type { CallContext } from '../../../src-shared/rpc/contract-builder';

type DiscoveryImpl = AppImpl['discovery'];

export interface DiscoveryServiceDeps {
  inventory: InventoryService;
  devices: DevicesRepository;
  runs: DiscoveryRunsRepository;
  resolvers: DiscoveryResolvers;
  createScanner: () => SnmpScanner;
  events: EventHub<AppEvents>;
  now: () => number;
  log: (line: string) => void;
  /** Starts a search as a 'discovery' execution of the job model (it calls begin() when the queue lets it run). */
  runAsJob: (request: DiscoveryRequest, context: CallContext) => Promise<void>;
  /** Told of every search that ends ('search.finished'), for the console's own statistics. */
  activity?: ActivityReporter;
}

/** How long start() waits for a queued search to begin before it tells the caller it is queued. */
const START_WAIT_MS = 15_000;

/**
 * The discovery part of the contract. One search runs at a time (a second start is a
 * 'conflict'); its progress and findings are pushed as events and every run is kept with its
 * parameters and results. A run left 'running' by a console that stopped is marked failed
 * when the service starts.
 */
export class DiscoveryService implements DiscoveryImpl {
  private current: DiscoveryRun | null = null;
  private currentDone: Promise<void> = Promise.resolve();
  private readonly beginWaiters = new Set<(run: DiscoveryRun) => void>();

  constructor(private readonly deps: DiscoveryServiceDeps) {
    const interrupted = deps.runs.closeInterrupted(deps.now());
    if (interrupted > 0) deps.log(`discovery: ${interrupted} search(es) were cut short when the console last stopped`);
  }

  check: DiscoveryImpl['check'] = ({ request }) => {
    const plan = planDiscovery(request);
    return { addresses: plan.rangeCount, names: plan.names.length };
  };

  start: DiscoveryImpl['start'] = async ({ request }, context) => {
    if (this.current) throw new AppError('conflict', `a search is already running (search ${this.current.id}); cancel it or wait for it to end`);
    // A bad request is the caller's error now, not a failed execution later.
    planDiscovery(request);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiter: ((run: DiscoveryRun) => void) | undefined;
    const began = new Promise<DiscoveryRun | null>((resolve) => {
      waiter = resolve;
      this.beginWaiters.add(resolve);
      timer = setTimeout(() => resolve(null), START_WAIT_MS);
    });
    try {
      await this.deps.runAsJob(request, context);
      const run = await began;
      if (!run) throw new AppError('conflict', 'the search is queued behind other tasks and starts when one of them ends (see Tasks → executions)');
      return { runId: run.id };
    } finally {
      clearTimeout(timer);
      if (waiter) this.beginWaiters.delete(waiter);
    }
  };

  /** Starts a search and returns it with a promise of its end (the CLI and tests wait on it). */
  begin(request: DiscoveryRequest): DiscoveryRun & { done: Promise<void> } {
    if (this.current) throw new AppError('conflict', `a search is already running (search ${this.current.id}); cancel it or wait for it to end`);
    const plan = planDiscovery(request);
    const fingerprint = fingerprintOf(request);
    const { deps } = this;
    const runId = deps.runs.start({ name: defaultRunName(request), fingerprint, startedAt: deps.now(), request: maskRequest(request) });
    const run = new DiscoveryRun(runId, request, plan, fingerprint, {
      inventory: deps.inventory,
      devices: deps.devices,
      runs: deps.runs,
      resolvers: deps.resolvers,
      createScanner: deps.createScanner,
      now: deps.now,
      log: deps.log,
      onProgress: (progress) => {
        deps.events.emit('discovery.progress', progress);
        // The run reports its end exactly once, with phase 'finished'.
        if (progress.phase === 'finished' && progress.state !== 'running') {
          deps.activity?.emit('search.finished', { state: progress.state, ms: progress.elapsedMs, answered: progress.counts.answered, new: progress.counts.new });
        }
      },
      onResult: (id, result) => deps.events.emit('discovery.found', { runId: id, result }),
      onDevicesChanged: (ids) => deps.events.emit('devices.changed', { ids, removed: [] }),
    });
    this.current = run;
    for (const wake of [...this.beginWaiters]) wake(run);
    const done = run.execute().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.currentDone = done;
    return Object.assign(run, { done });
  }

  /** The search running now, if one is: a scheduled search waits for it (see whenIdle). */
  get runningId(): number | null {
    return this.current?.id ?? null;
  }

  /** Resolves when no search runs (at once when none does). */
  whenIdle(): Promise<void> {
    return this.current ? this.currentDone.then(() => this.whenIdle()) : Promise.resolve();
  }

  cancel: DiscoveryImpl['cancel'] = ({ runId }) => {
    if (this.current?.id === runId) this.current.cancel();
    else if (!this.deps.runs.get(runId)) throw new AppError('not-found', `search ${runId} does not exist`);
    return {};
  };

  listRuns: DiscoveryImpl['listRuns'] = ({ limit }) => ({ runs: this.deps.runs.list(limit) });

  getRun: DiscoveryImpl['getRun'] = ({ runId }) => {
    const run = this.deps.runs.get(runId);
    if (!run) throw new AppError('not-found', `search ${runId} does not exist`);
    return { run, results: this.deps.runs.results(runId) };
  };

  /** Cancels a running search and waits for it to end (the console is closing). */
  async dispose(): Promise<void> {
    this.current?.cancel();
    await this.currentDone;
  }
}
