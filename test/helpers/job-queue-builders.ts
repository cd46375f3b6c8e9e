import type { JobQueue } from '../../src-shared/plugins/drivers/agent-protocol';

/** A job's queue for the Windows tests (agent steps, pull-page installers): an INF set over RAW 9100, with defaults; `over` and `set` change single fields. */
export function infJobQueue(over: Partial<JobQueue> = {}, set: Partial<JobQueue['set']> = {}): JobQueue {
  return {
    associationId: 7,
    name: 'Floor 3 colour',
    queueName: 'Floor3-Color',
    uri: 'socket://10.0.0.5:9100',
    protocol: 'raw',
    host: '10.0.0.5',
    port: 9100,
    resource: '',
    defaults: { color: 'monochrome', duplex: 'two-sided-long-edge', paperSize: 'iso_a4_210x297mm' },
    location: 'Floor 3, east',
    ...over,
    set: { name: 'HP UPD 7', os: 'windows', kind: 'inf', driverName: 'HP Universal Printing PCL 6', entryFile: 'x64/hpcu270u.inf', folder: 'sets/hp', manifestSha256: 'a'.repeat(64), store: null, ...set },
  };
}

/** A job's queue for the agent runner tests: "Floor3" over IPP on 127.0.0.1:631, driverless on Linux unless `set` says otherwise. */
export function loopbackIppQueue(set: Partial<JobQueue['set']> = {}): JobQueue {
  return {
    associationId: 1,
    name: 'Floor 3',
    queueName: 'Floor3',
    uri: 'ipp://127.0.0.1:631/ipp/print',
    protocol: 'ipp',
    host: '127.0.0.1',
    port: 631,
    resource: '',
    defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null },
    location: '',
    set: { name: 'Driverless', os: 'linux', kind: 'driverless', driverName: '', entryFile: null, folder: null, manifestSha256: null, store: null, ...set },
  };
}
