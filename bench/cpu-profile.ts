import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/**
 * Profiles one phase of a benchmark when BENCH_PROFILE names a file (open it in Chrome
 * DevTools' Performance panel): `BENCH_PROFILE=/tmp/routine.cpuprofile npm run bench`.
 * BENCH_ALLOC_PROFILE=/tmp/routine.heapprofile samples allocations instead, garbage included
 * (DevTools' Memory panel): what a phase allocates, not only what it keeps.
 */
export async function profiled<T>(label: string, run: () => Promise<T>): Promise<T> {
  const cpuFile = process.env.BENCH_PROFILE;
  const allocFile = process.env.BENCH_ALLOC_PROFILE;
  if (!cpuFile && !allocFile) return run();
  const session = new Session();
  session.connect();
  if (allocFile) {
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  } else {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  try {
    return await run();
  } finally {
    const file = allocFile ?? cpuFile ?? '';
    const result = allocFile ? (await session.post('HeapProfiler.stopSampling')).profile : (await session.post('Profiler.stop')).profile;
    writeFileSync(file, JSON.stringify(result));
    session.disconnect();
    console.log(`  (${allocFile ? 'allocation' : 'CPU'} profile of ${label} written to ${file})`);
  }
}
