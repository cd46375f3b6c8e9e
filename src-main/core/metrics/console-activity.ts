import type { DiscoveryRunState } from '../../../src-shared/contract/discovery.contract';
import type { FinalExecutionState } from '../../../src-shared/contract/tasks.contract';
import { createEventHub, type EventHub } from '../../../src-shared/rpc/event-hub';
import type { PollLoop } from '../monitor/poll-loop';
import type { FleetMetricsQueries } from '../store/fleet-metrics.queries';

/**
 * What the console itself did, as it happens: the core's services report it here and a host
 * counts it (the headless server's /metrics). Not pushed to clients; nothing is stored.
 */
export type ConsoleActivity = {
  /** A monitoring round ended: `ms` spent polling (a round spread over its interval: its slices only, not the waits between them). */
  'poll.round': { ms: number; polled: number; read: number; failed: number };
  /** A task execution ended (`kind` is the task type: refresh, discovery, deliver-settings …). */
  'task.finished': { kind: string; state: FinalExecutionState; ms: number };
  /** One attempt to send one mail of the outbox: sent, failed with a retry to come, or failed for good. */
  'mail.attempt': { outcome: 'sent' | 'retry' | 'failed' };
  /** A device search ended. */
  'search.finished': { state: Exclude<DiscoveryRunState, 'running'>; ms: number; answered: number; new: number };
};

/** Where services report what they did; emitting never throws (a failing listener goes to `onError`). */
export type ActivityReporter = Pick<EventHub<ConsoleActivity>, 'emit'>;

/** The core's activity hub: services emit, hosts subscribe (the disposer ends the subscription). */
export function createConsoleActivity(onError: (error: unknown) => void): EventHub<ConsoleActivity> {
  return createEventHub<ConsoleActivity>(onError);
}

/** What a host's metrics endpoint reads of the core. */
export interface CoreMetrics {
  /** The console's own work as it happens (subscribe returns the disposer). */
  activity: Pick<EventHub<ConsoleActivity>, 'subscribe'>;
  /** The store's narrow queries, read at scrape time. */
  fleet: FleetMetricsQueries;
  /** The monitoring loop's interval and whether it runs. */
  monitor: Pick<PollLoop, 'intervalMs' | 'isMonitoring'>;
  /** The console's version. */
  version: string;
}
