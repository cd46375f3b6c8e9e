/**
 * The long fuzz runs of issue 15: every search client (SLP, mDNS, NBNS, the SNMP scanner) and
 * the trap listener against a loopback peer that answers each request with mutants of a
 * well-formed reply (test/helpers/fuzz-harness.ts; the suite runs the same for a few thousand
 * datagrams in test/integration/discovery/search-fuzz.test.ts). Prints, per protocol, the
 * mutated datagrams sent, client runs, crashes (a run that rejected or threw, or an uncaught
 * exception while it ran) and hangs (a run that did not settle in its bound). Target: 100,000
 * datagrams per protocol, 0 crashes, 0 hangs. Loopback only (127.190–127.194). Exit code 1
 * when any protocol crashed or hung.
 *
 *   npm run bench:fuzz -- [--datagrams 100000] [--seed 15] [--protocol slp,mdns,nbns,snmp,trap]
 */
import { parseArgs } from 'node:util';
import { FUZZ_PROTOCOLS, fuzzProtocol, type FuzzProtocol, type FuzzReport } from '../test/helpers/fuzz-harness';

function options(): { datagrams: number; seed: number; protocols: FuzzProtocol[] } {
  const { values } = parseArgs({ options: { datagrams: { type: 'string' }, seed: { type: 'string' }, protocol: { type: 'string' } } });
  const datagrams = Number(values.datagrams ?? 100_000);
  if (!Number.isInteger(datagrams) || datagrams < 1 || datagrams > 10_000_000) throw new RangeError(`--datagrams must be 1–10000000, got ${values.datagrams}`);
  const seed = Number(values.seed ?? 15);
  if (!Number.isInteger(seed)) throw new RangeError(`--seed must be a whole number, got ${values.seed}`);
  const protocols = (values.protocol ?? FUZZ_PROTOCOLS.join(',')).split(',').map((p) => p.trim());
  for (const p of protocols) if (!(FUZZ_PROTOCOLS as readonly string[]).includes(p)) throw new RangeError(`--protocol ${p} is not one of ${FUZZ_PROTOCOLS.join(', ')}`);
  return { datagrams, seed, protocols: protocols as FuzzProtocol[] };
}

async function main(): Promise<void> {
  const { datagrams, seed, protocols } = options();
  // A crash inside a socket handler escapes every promise: count it against the protocol running, and go on.
  let running: FuzzProtocol | null = null;
  const escaped = new Map<FuzzProtocol, string[]>();
  const onEscape = (error: unknown): void => {
    const list = escaped.get(running ?? 'slp') ?? [];
    list.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
    escaped.set(running ?? 'slp', list);
  };
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);

  console.log(`fuzz: ${datagrams.toLocaleString('en-US')} mutated datagrams per protocol, seed ${seed}`);
  const reports: FuzzReport[] = [];
  for (const protocol of protocols) {
    running = protocol;
    const index = FUZZ_PROTOCOLS.indexOf(protocol);
    // Each protocol its own /16 and port, so that a late datagram of one never reaches the next.
    const report = await fuzzProtocol({ protocol, datagrams, seed: seed * 100 + index, prefix: `127.${190 + index}`, port: 17_500 + index, maxMs: 30 * 60_000 });
    report.crashes.push(...(escaped.get(protocol) ?? []));
    reports.push(report);
    console.log(line(report));
  }
  running = null;

  console.log('');
  console.log('| protocol | datagrams sent | runs | crashes | hangs | runs that found the good answer | ignored by the client | time |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of reports) {
    console.log(
      `| ${r.protocol} | ${r.datagrams.toLocaleString('en-US')} | ${r.runs.toLocaleString('en-US')} | ${r.crashes.length} | ${r.hangs} | ${r.goodFound.toLocaleString('en-US')} | ${r.ignored.toLocaleString('en-US')} | ${(r.durationMs / 1000).toFixed(1)} s |`,
    );
  }
  for (const r of reports) for (const crash of r.crashes.slice(0, 5)) console.log(`\n${r.protocol} crash: ${crash}`);
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  if (reports.some((r) => r.crashes.length > 0 || r.hangs > 0)) process.exitCode = 1;
}

function line(r: FuzzReport): string {
  return `${r.protocol.padEnd(5)} ${r.datagrams.toLocaleString('en-US').padStart(9)} datagrams, ${r.runs} runs, ${r.crashes.length} crashes, ${r.hangs} hangs (${(r.durationMs / 1000).toFixed(1)} s)`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
