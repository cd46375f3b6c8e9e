import type { AppImpl } from '../../../src-shared/contract/app.contract';
import type { PollLoop } from '../monitor/poll-loop';
import type { DevicesRepository } from '../store/devices.repository';

type SystemImpl = AppImpl['system'];

export interface SystemServiceDeps {
  version: string;
  /** True when the host runs a simulated demo fleet. */
  demo: boolean;
  /** Where the demo fleet answers, for the search wizard; null without one. */
  demoSearch?: { spec: string; port: number } | null;
  devices: DevicesRepository;
  monitor: PollLoop;
}

/** The system part of the contract: what is running, and pausing or resuming monitoring. Never fails short of a database failure. */
export class SystemService implements SystemImpl {
  constructor(private readonly deps: SystemServiceDeps) {}

  info: SystemImpl['info'] = () => ({
    version: this.deps.version,
    demo: this.deps.demo,
    pollIntervalMs: this.deps.monitor.intervalMs,
    monitoring: this.deps.monitor.isMonitoring,
    deviceCount: this.deps.devices.countDevices(),
    demoSearch: this.deps.demoSearch ?? null,
  });

  setMonitoring: SystemImpl['setMonitoring'] = ({ enabled }) => {
    this.deps.monitor.setMonitoring(enabled);
    return { monitoring: this.deps.monitor.isMonitoring };
  };
}
