import type { DeviceReading, ReadError } from '../../../src-shared/domain/device-reading';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { SnmpTarget } from '../snmp/snmp-client';
import { targetLabel, type DeviceReader, type DeviceReadResult } from './device-reader';
import { failedReading } from './reading-assembler';

/** One device to read in a round; with a snapshot and profile it gets a routine poll. */
export interface PollJob {
  target: SnmpTarget;
  label?: string;
  snapshot?: MibSnapshot;
  profile?: DeviceProfile;
  /** The last good reading, so an unchanged device needs no re-interpretation. */
  previous?: DeviceReading;
  /** Why the device must not be read now (its stored credential cannot be opened): a failed reading with this error, and no request. */
  refusal?: ReadError;
}

export interface PollRoundOptions {
  /** Devices read at the same time (default 256): bounds requests in flight. */
  concurrency?: number;
  /** Called as each device finishes, in completion order. */
  onResult?: (result: DeviceReadResult, job: PollJob, index: number) => void;
  /** Stops starting new devices when aborted; devices in flight finish. */
  signal?: AbortSignal;
}

/**
 * Reads many devices with bounded concurrency: a routine poll where the layout is known, a
 * full read otherwise. Results come back in job order; never rejects for a device's failure.
 */
export async function pollRound(reader: DeviceReader, jobs: readonly PollJob[], options: PollRoundOptions = {}): Promise<Array<DeviceReadResult | undefined>> {
  const results: Array<DeviceReadResult | undefined> = new Array(jobs.length);
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 256, jobs.length));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length && !options.signal?.aborted) {
      const index = next++;
      const job = jobs[index] as PollJob;
      const result = job.refusal
        ? { reading: failedReading(job.label ?? targetLabel(job.target), job.refusal) }
        : job.snapshot && job.profile
          ? await reader.routinePoll(job.target, job.snapshot, job.profile, job.label, job.previous)
          : await reader.fullRead(job.target, job.label);
      results[index] = result;
      options.onResult?.(result, job, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}
