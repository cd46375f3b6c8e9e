import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type OpenMetricsContentType, type PrometheusContentType } from 'prom-client';
import type { ConsoleActivity, CoreMetrics } from '../core/metrics/console-activity';
import { writeFleetExposition, type ExpositionFormat } from './fleet-exposition';

export interface MetricsRegistryOptions {
  metrics: CoreMetrics;
  /** The `console` label on every series (one console per site, federated); absent or empty: no such label. */
  consoleName?: string;
}

/** One scrape's exposition: its text in chunks, to be sent one after another. */
export interface Exposition {
  contentType: string;
  chunks: string[];
}

export interface MetricsRegistry {
  /**
   * The exposition in the format asked for, computed now from the store and the counters.
   * Scrapes run one at a time (a second waits for the first). Rejects only on a database failure.
   */
  scrape(format: ExpositionFormat): Promise<Exposition>;
  /** Stops counting the console's activity. */
  dispose(): void;
}

/** A round of a small fleet takes seconds, of 10,000 devices a minute or two; a spread round's slices are shorter. */
const POLL_ROUND_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];
const TASK_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 14_400];

/**
 * The Prometheus metrics of one console. The fleet's series (devices, supplies, counters,
 * alerts, groups) are read from the store at each scrape and written straight to text
 * (fleet-exposition.ts): prom-client keeps a hash map entry per series, which at 10,000
 * devices (144,000 series) took seconds and hundreds of MB per scrape. The console's own work
 * (poll rounds, task executions, mails, searches) is counted with prom-client as the core
 * reports it, beside its process metrics. This file is the only prom-client importer.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions): MetricsRegistry {
  // prom-client renames counters when it writes OpenMetrics: each format gets a set of its own.
  const sets = { prometheus: buildSet('prometheus', options), openmetrics: buildSet('openmetrics', options) };
  const consoleName = options.consoleName?.trim() ?? '';
  const constantLabels = consoleName === '' ? [] : ([['console', consoleName]] as const);
  const stop = options.metrics.activity.subscribe((name, payload) => {
    for (const set of Object.values(sets)) set.count(name, payload);
  });
  let turn: Promise<unknown> = Promise.resolve();
  return {
    scrape(format) {
      const set = sets[format];
      const run = async (): Promise<Exposition> => {
        const own = await set.registry.metrics();
        const fleet = writeFleetExposition(options.metrics.fleet, format, constantLabels);
        // OpenMetrics ends with "# EOF": the fleet goes before it.
        const chunks = format === 'openmetrics' ? [own.replace(/# EOF\n$/, ''), ...fleet, '# EOF\n'] : [own, '\n', ...fleet];
        return { contentType: set.registry.contentType, chunks };
      };
      const result = turn.then(run, run);
      // Only the order is kept: the text of the last scrape is not held until the next one.
      turn = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    dispose: stop,
  };
}

interface MetricSet {
  registry: Registry<PrometheusContentType> | Registry<OpenMetricsContentType>;
  count(name: keyof ConsoleActivity, payload: ConsoleActivity[keyof ConsoleActivity]): void;
}

function newRegistry(format: ExpositionFormat): Registry<PrometheusContentType> | Registry<OpenMetricsContentType> {
  if (format === 'prometheus') return new Registry();
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

function buildSet(format: ExpositionFormat, options: MetricsRegistryOptions): MetricSet {
  const registry = newRegistry(format);
  const consoleName = options.consoleName?.trim() ?? '';
  if (consoleName !== '') registry.setDefaultLabels({ console: consoleName });
  const registers = [registry];
  const { fleet, monitor } = options.metrics;

  // ── The console itself ─────────────────────────────────────────────────────
  new Gauge({ name: 'printdeck_console_info', help: 'The console (always 1) and its version.', labelNames: ['version'] as const, registers }).set({ version: options.metrics.version }, 1);
  const interval: Gauge = new Gauge({
    name: 'printdeck_poll_interval_seconds',
    help: 'The monitoring interval: every device is polled once per interval.',
    registers,
    collect: () => {
      interval.set(monitor.intervalMs / 1000);
    },
  });
  const monitoring: Gauge = new Gauge({
    name: 'printdeck_monitoring_enabled',
    help: 'Whether periodic polling runs (1) or is paused (0).',
    registers,
    collect: () => {
      monitoring.set(monitor.isMonitoring ? 1 : 0);
    },
  });
  const roundSeconds = new Histogram({ name: 'printdeck_poll_round_duration_seconds', help: 'Time spent polling per monitoring round (a round spread over its interval: its slices, not the waits between them).', buckets: POLL_ROUND_BUCKETS, registers });
  const polled = new Counter({ name: 'printdeck_polled_devices_total', help: 'Devices polled by monitoring rounds, by outcome (read, failed).', labelNames: ['outcome'] as const, registers });
  const lastRound = new Gauge({ name: 'printdeck_poll_last_round_devices', help: 'Devices the last monitoring round polled, by outcome (read, failed).', labelNames: ['outcome'] as const, registers });
  const lastRoundAt = new Gauge({ name: 'printdeck_poll_last_round_timestamp_seconds', help: 'When the last monitoring round ended.', registers });
  const executions = new Counter({ name: 'printdeck_task_executions_total', help: 'Task executions that ended, by kind (refresh, discovery, deliver-settings …) and final state (succeeded, partly-failed, failed, cancelled).', labelNames: ['kind', 'state'] as const, registers });
  const executionSeconds = new Histogram({ name: 'printdeck_task_execution_duration_seconds', help: 'How long task executions ran, by kind.', labelNames: ['kind'] as const, buckets: TASK_BUCKETS, registers });
  const unfinished = new Gauge({
    name: 'printdeck_task_executions',
    help: 'Task executions queued or running now, by state.',
    labelNames: ['state'] as const,
    registers,
    collect: () => {
      unfinished.reset();
      for (const s of ['queued', 'running']) unfinished.set({ state: s }, 0);
      for (const row of fleet.unfinishedExecutions()) unfinished.set({ state: row.state }, row.count);
    },
  });
  const mails = new Counter({ name: 'printdeck_mail_attempts_total', help: 'Attempts to send a mail of the outbox, by outcome: sent, retry (failed, tried again later), failed (given up).', labelNames: ['outcome'] as const, registers });
  const outbox = new Gauge({
    name: 'printdeck_mail_outbox',
    help: 'Mails in the outbox by state: queued (waiting or retrying), sending, failed (given up, kept for a look).',
    labelNames: ['state'] as const,
    registers,
    collect: () => {
      outbox.reset();
      for (const s of ['queued', 'sending', 'failed']) outbox.set({ state: s }, 0);
      for (const row of fleet.outboxMails()) outbox.set({ state: row.state }, row.count);
    },
  });
  const searches = new Counter({ name: 'printdeck_search_runs_total', help: 'Device searches that ended, by state (succeeded, cancelled, failed).', labelNames: ['state'] as const, registers });
  const searchFound = new Counter({ name: 'printdeck_search_new_devices_total', help: 'Devices searches found that the console did not know.', registers });
  // Counted from zero, so rate() and increase() work before the first of each happens.
  for (const outcome of ['read', 'failed']) polled.inc({ outcome }, 0);
  for (const outcome of ['sent', 'retry', 'failed']) mails.inc({ outcome }, 0);
  for (const state of ['succeeded', 'cancelled', 'failed']) searches.inc({ state }, 0);
  collectDefaultMetrics({ register: registry });

  const counting: { [K in keyof ConsoleActivity]: (payload: ConsoleActivity[K]) => void } = {
    'poll.round': (round) => {
      roundSeconds.observe(round.ms / 1000);
      polled.inc({ outcome: 'read' }, round.read);
      polled.inc({ outcome: 'failed' }, round.failed);
      lastRound.set({ outcome: 'read' }, round.read);
      lastRound.set({ outcome: 'failed' }, round.failed);
      lastRoundAt.set(Date.now() / 1000);
    },
    'task.finished': (execution) => {
      executions.inc({ kind: execution.kind, state: execution.state });
      executionSeconds.observe({ kind: execution.kind }, execution.ms / 1000);
    },
    'mail.attempt': (attempt) => mails.inc({ outcome: attempt.outcome }),
    'search.finished': (search) => {
      searches.inc({ state: search.state });
      searchFound.inc(search.new);
    },
  };

  return {
    registry,
    count: (name, payload) => (counting[name] as (payload: ConsoleActivity[keyof ConsoleActivity]) => void)(payload),
  };
}
