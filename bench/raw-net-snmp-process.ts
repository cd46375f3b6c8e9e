import { fork } from 'node:child_process';
import { routineReadPlan } from '../src-shared/printer/read-plan';
import { profileReadOids } from '../src-shared/profiles/profile-reader';
import { unpackSnapshot } from '../src-main/core/inventory/snapshot-storage';
import { loadProfiles } from '../src-main/core/profiles/profile-loader';
import { openDatabase } from '../src-main/core/store/database';
import { DevicesRepository } from '../src-main/core/store/devices.repository';
import { rawRoutineRound, type RawJob } from './raw-net-snmp';

/**
 * The raw net-snmp baseline in a child process of its own: its 10,000 sessions and sockets
 * then do not count in the poller's RSS, and its rounds alternate with ours (never at the same
 * time), so both see the same load of the machine. Each round reports its CPU time too, which
 * a busy machine distorts far less than wall time.
 */

type Request = { type: 'jobs'; databaseFile: string; profilesDir: string } | { type: 'round'; concurrency: number } | { type: 'exit' };
type Reply = { type: 'ok' } | { type: 'round'; perSecond: number; failed: number; ms: number; cpuMs: number };

export interface RawBaseline {
  /** One routine round of every job; devices/s, failures, wall and CPU milliseconds of the child. */
  round(concurrency: number): Promise<{ perSecond: number; failed: number; ms: number; cpuMs: number }>;
  close(): Promise<void>;
}

/**
 * Forks the baseline child, which works out the same requests our routine poll sends from the
 * devices and layouts stored in `databaseFile` (in the child: unpacking 10,000 layouts would
 * otherwise weigh on the poller's heap); rejects when the child fails.
 */
export async function startRawBaseline(databaseFile: string, profilesDir: string): Promise<RawBaseline> {
  const child = fork(__filename, ['--child'], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (request: Request): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`raw net-snmp child exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (reply: Reply) => {
        child.off('exit', onExit);
        resolve(reply);
      });
      child.send(request);
    });
  await ask({ type: 'jobs', databaseFile, profilesDir });
  return {
    round: async (concurrency) => {
      const reply = await ask({ type: 'round', concurrency });
      if (reply.type !== 'round') throw new Error(`unexpected reply ${reply.type}`);
      return reply;
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'exit' } satisfies Request);
      await exited;
    },
  };
}

if (process.argv.includes('--child')) {
  let jobs: RawJob[] = [];
  process.on('message', (request: Request) => {
    const reply = (message: Reply): void => {
      process.send?.(message);
    };
    if (request.type === 'jobs') {
      void storedJobs(request.databaseFile, request.profilesDir).then((stored) => {
        jobs = stored;
        reply({ type: 'ok' });
      });
    } else if (request.type === 'round') {
      const cpu = process.cpuUsage();
      void rawRoutineRound(jobs, request.concurrency).then((r) => {
        const used = process.cpuUsage(cpu);
        reply({ type: 'round', ...r, cpuMs: (used.user + used.system) / 1000 });
      });
    } else {
      process.disconnect();
    }
  });
}

/** Our routine poll's requests for every stored device: the routine plan plus the profile's counters. */
async function storedJobs(databaseFile: string, profilesDir: string): Promise<RawJob[]> {
  const profiles = await loadProfiles(profilesDir);
  const db = openDatabase(databaseFile);
  try {
    const devices = new DevicesRepository(db);
    return devices.listPollTargets().map((p) => {
      const profile = profiles.find((x) => x.id === p.profileId);
      const plan = routineReadPlan(unpackSnapshot(devices.getSnapshot(p.id) ?? '[]'));
      return { host: p.address, port: p.port, get: [...plan.get, ...(profile ? profileReadOids(profile).dynamic : [])], bulk: plan.walk };
    });
  } finally {
    db.close();
  }
}
