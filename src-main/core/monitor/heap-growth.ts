import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what is live before it collects (issue 13). Left to its
 * own heuristic it grows the old generation up to four times the live size while allocation
 * is fast — a poll round of 10,000 printers allocated about 700 MB of short-lived objects
 * with net-snmp's encoding (about 300 MB on our own v1/v2c wire code), so the console kept
 * 400–480 MB resident for about 60 MB of live data, and never gave it back. A fixed growth
 * over the live size instead scales with the fleet (no fixed cap: 50,000 devices simply get a
 * larger heap) at the price of more frequent full collections. 30 %: the monitoring bench's
 * peak went 237–252 → 226–230 MB at 10,000 devices, the routine poll's CPU per device
 * 0.165 → 0.171 ms (bench/run.ts and bench/monitoring.bench.ts print both).
 */
export const HEAP_GROWING_PERCENT = 30;

const FLAG = 'heap-growing-percent';

/**
 * Applies HEAP_GROWING_PERCENT to this process once, unless the host was started with its own
 * --heap-growing-percent (in its arguments or NODE_OPTIONS). A process-wide V8 setting: hosts
 * that run a poller (createCore's monitoring, the bench) call it; it never throws.
 */
export function moderateHeapGrowth(percent: number = HEAP_GROWING_PERCENT, env: NodeJS.ProcessEnv = process.env, execArgv: readonly string[] = process.execArgv): boolean {
  if (applied || !Number.isInteger(percent) || percent < 1) return false;
  if (execArgv.some((a) => a.includes(FLAG)) || (env.NODE_OPTIONS ?? '').includes(FLAG)) return false;
  applied = true;
  setFlagsFromString(`--${FLAG}=${percent}`);
  return true;
}

let applied = false;
