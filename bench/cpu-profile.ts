import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

/**
 * Profiles one phase of a benchmark when BENCH_PROFILE names a file (open it in Chrome
 * DevTools' Performance panel): `BENCH_PROFILE=/tmp/routine.cpuprofile npm run bench`.
 */
export async function profiled<T>(label: string, run: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  (CPU profile of ${label} written to ${file})`);
  }
}
