import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what is live before it collects (issue 13). Left to its
 * own heuristic it grows the old generation up to four times the live size while allocation
 * is fast — and a poll round of 10,000 printers allocates about 700 MB of short-lived objects
 * (net-snmp's encoding above all), so the console kept 400–480 MB resident for about 60 MB
 * of live data, and never gave it back. A fixed growth over the live size instead scales with
 * the fleet (no fixed cap: 50,000 devices simply get a larger heap) at the price of more
 * frequent full collections (bench/run.ts prints the CPU per device beside raw net-snmp).
 */
export const HEAP_GROWING_PERCENT = 50;

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
