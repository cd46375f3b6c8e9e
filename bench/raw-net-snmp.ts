import * as snmp from 'net-snmp';

/**
 * The baseline the issue compares us with: plain net-snmp as naive code uses it, one
 * Session (socket) per device, issuing the same requests our routine poll issues.
 */
export interface RawJob {
  host: string;
  port: number;
  get: string[];
  bulk: string[];
}

/** Runs every job once with `concurrency` devices in flight; resolves with devices/s and failures. */
export async function rawRoutineRound(jobs: readonly RawJob[], concurrency: number): Promise<{ perSecond: number; failed: number; ms: number }> {
  const sessions = jobs.map((j) => snmp.createSession(j.host, 'public', { port: j.port, version: snmp.Version2c, timeout: 2000, retries: 1 }));
  let next = 0;
  let failed = 0;
  const one = (session: snmp.Session, job: RawJob): Promise<void> =>
    new Promise((resolve) => {
      let pending = job.bulk.length > 0 ? 2 : 1;
      const done = (error: Error | null): void => {
        if (error) failed++;
        if (--pending === 0) resolve();
      };
      session.get(job.get, (error) => done(error));
      if (job.bulk.length > 0) session.getBulk(job.bulk, 0, 1, (error) => done(error));
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        await one(sessions[i] as snmp.Session, jobs[i] as RawJob);
      }
    }),
  );
  const ms = performance.now() - started;
  for (const s of sessions) s.close();
  return { perSecond: (jobs.length / ms) * 1000, failed, ms };
}
