/**
 * Fuzzing the search clients and the trap listener with mutated answers, on loopback only.
 * For each protocol a peer answers every request with a burst of mutants of a well-formed reply
 * (`datagram-mutator.ts`), then the reply itself, while the real client runs again and again
 * with short waits. A run must settle by itself (else it is a hang) and never reject or throw
 * because of what it received (else it is a crash). Shared by the suite
 * (test/integration/discovery/search-fuzz.test.ts: seeded, a few thousand datagrams) and
 * bench/fuzz.bench.ts (100,000 datagrams per protocol). The peers are fuzz-peers.ts. No vitest
 * import: the bench compiles it.
 */
import { browseMdns } from '../../src-main/core/discovery/mdns/mdns-browser';
import { NbnsError, queryNetbiosName } from '../../src-main/core/discovery/netbios/nbns-client';
import { searchSlp } from '../../src-main/core/discovery/slp/slp-client';
import { createSnmpScanner, type SnmpScanner } from '../../src-main/core/discovery/snmp-scan/snmp-scanner';
import { TrapListener } from '../../src-main/core/monitor/trap-listener';
import { seededRandom } from '../../src-main/simulator/fault-injector';
import { encodeCommunityMessage, notificationVarbinds } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import { berMessage, pick, randomVarbindList } from './datagram-mutator';
import { FuzzPeer, MDNS_GROUP, NBNS_NAME, openMdnsPeer, openNbnsPeer, openSlpPeer, openSnmpPeer, type PeerContext } from './fuzz-peers';
import { aV1Trap } from './trap-builders';

export { dnsName, dnsRecord, dnsResponse, FuzzPeer, openMdnsPeer, openNbnsPeer, openSlpPeer, openSnmpPeer, type PeerContext, type PeerPlace } from './fuzz-peers';

export const FUZZ_PROTOCOLS = ['slp', 'mdns', 'nbns', 'snmp', 'trap'] as const;
export type FuzzProtocol = (typeof FUZZ_PROTOCOLS)[number];

export interface FuzzOptions {
  protocol: FuzzProtocol;
  /** Mutated datagrams to send; the run under way when the count is reached still ends normally. */
  datagrams: number;
  seed: number;
  /** Loopback /16 of this fuzz's peers, e.g. "127.160": peers bind prefix.0.1 …, nothing else is sent to. */
  prefix: string;
  /** UDP port of the peers (SLP, mDNS, NBNS, SNMP agents); the trap listener takes a free one. */
  port: number;
  /** Stop starting runs after this long, whatever the count (default 10 minutes). */
  maxMs?: number;
  /** Mutants per request (default per protocol). */
  burst?: number;
}

export interface FuzzReport {
  protocol: FuzzProtocol;
  /** Client runs (searches, queries, scans; for traps, bursts). */
  runs: number;
  /** Mutated datagrams sent to the client. */
  datagrams: number;
  /** Runs that rejected, threw or reported an error that no answer may cause. */
  crashes: string[];
  /** Runs that did not settle within their bound (aborted then). */
  hangs: number;
  /** Runs that still found the well-formed answer among the mutants. */
  goodFound: number;
  /** Datagrams the client reported as ignored (malformed, stray …). */
  ignored: number;
  durationMs: number;
}

interface RunResult {
  goodFound: boolean;
  /** Set when the run failed in a way no answer may cause. */
  crash?: string;
}

interface Driver {
  /** Longest a run may take before it counts as hung. */
  boundMs: number;
  run(index: number, signal: AbortSignal): Promise<RunResult>;
  close(): Promise<void>;
}

const DEFAULT_BURST: Record<FuzzProtocol, number> = { slp: 60, mdns: 60, nbns: 40, snmp: 12, trap: 200 };

/** Runs one protocol's fuzz to its count (or time bound) and reports; never rejects for what the client does. */
export async function fuzzProtocol(options: FuzzOptions): Promise<FuzzReport> {
  const random = seededRandom(options.seed);
  const report: FuzzReport = { protocol: options.protocol, runs: 0, datagrams: 0, crashes: [], hangs: 0, goodFound: 0, ignored: 0, durationMs: 0 };
  const context: DriverContext = {
    random,
    prefix: options.prefix,
    port: options.port,
    burst: options.burst ?? DEFAULT_BURST[options.protocol],
    onSent: () => (report.datagrams += 1),
    onIgnored: () => (report.ignored += 1),
  };
  const driver = await DRIVERS[options.protocol](context);
  const started = performance.now();
  const maxMs = options.maxMs ?? 600_000;
  try {
    while (report.datagrams < options.datagrams && performance.now() - started < maxMs) {
      const controller = new AbortController();
      const index = report.runs;
      report.runs += 1;
      const run = driver.run(index, controller.signal).catch((error: unknown): RunResult => ({ goodFound: false, crash: `rejected: ${describe(error)}` }));
      const outcome = await Promise.race([run, sleep(driver.boundMs).then(() => null)]);
      if (outcome === null) {
        report.hangs += 1;
        controller.abort();
        await Promise.race([run, sleep(2000)]);
        continue;
      }
      if (outcome.crash !== undefined) report.crashes.push(`run ${index}: ${outcome.crash}`);
      if (outcome.goodFound) report.goodFound += 1;
    }
  } finally {
    await driver.close();
    report.durationMs = performance.now() - started;
  }
  return report;
}

interface DriverContext extends PeerContext {
  prefix: string;
  port: number;
  onIgnored: () => void;
}

const DRIVERS: Record<FuzzProtocol, (context: DriverContext) => Promise<Driver>> = {
  slp: slpDriver,
  mdns: mdnsDriver,
  nbns: nbnsDriver,
  snmp: snmpDriver,
  trap: trapDriver,
};

// ——— SLP ———

async function slpDriver(context: DriverContext): Promise<Driver> {
  const agent = `${context.prefix}.0.1`;
  const goodUrl = `service:printer:lpr://${agent}/queue`;
  const peer = await openSlpPeer(context, context);
  return {
    boundMs: 5000,
    run: async (index, signal) => {
      const findings = await searchSlp({
        group: index % 2 === 0 ? agent : '127.255.255.255',
        port: context.port,
        waitMs: 150,
        signal,
        // Host names in mutated URLs must never reach a real resolver.
        lookupHost: () => Promise.reject(new Error('no DNS in a fuzz run')),
        onIgnoredReply: context.onIgnored,
      });
      return { goodFound: findings.some((f) => f.serviceUrl === goodUrl && f.address === agent) };
    },
    close: () => peer.close(),
  };
}

// ——— mDNS ———

async function mdnsDriver(context: DriverContext): Promise<Driver> {
  const responder = `${context.prefix}.0.2`;
  const group = MDNS_GROUP;
  const peer = await openMdnsPeer(context, context);
  return {
    boundMs: 5000,
    run: async (_index, signal) => {
      const findings = await browseMdns({ services: ['_ipp._tcp.local'], group, port: context.port, waitMs: 150, signal, onIgnoredReply: context.onIgnored });
      return { goodFound: findings.some((f) => f.instance === 'Fuzz Printer' && f.address === responder) };
    },
    close: () => peer.close(),
  };
}

// ——— NBNS ———

/** Well-formed answers a mutant can turn into: a negative answer or silence is an answer, not a crash. */
const NBNS_ANSWERED = new Set(['name-not-resolved', 'nbns-server-error', 'nbns-timeout']);

async function nbnsDriver(context: DriverContext): Promise<Driver> {
  const server = `${context.prefix}.0.3`;
  const peer = await openNbnsPeer(context, context);
  return {
    boundMs: 5000,
    run: async (index, signal) => {
      try {
        const addresses = await queryNetbiosName(NBNS_NAME, {
          server: index % 2 === 0 ? server : '127.255.255.255',
          port: context.port,
          timeoutMs: 150,
          retries: 1,
          gatherMs: 30,
          signal,
          onIgnoredReply: context.onIgnored,
        });
        return { goodFound: addresses.includes(server) };
      } catch (error) {
        if (error instanceof NbnsError && NBNS_ANSWERED.has(error.code)) return { goodFound: false };
        return { goodFound: false, crash: describe(error) };
      }
    },
    close: () => peer.close(),
  };
}

// ——— SNMP probe replies in the scanner ———

async function snmpDriver(context: DriverContext): Promise<Driver> {
  const { peer, agents } = await openSnmpPeer(context, context);
  const scanner: SnmpScanner = createSnmpScanner({ bindAddress: '127.0.0.1' });
  return {
    boundMs: 5000,
    run: async (index, signal) => {
      const version: 'v1' | 'v2c' = pick(context.random, 2) === 0 ? 'v1' : 'v2c';
      const options = { port: context.port, credentials: [{ version, community: 'public' }], timeoutMs: 100, retries: 1, ratePerSecond: 50_000, signal, onIgnoredReply: context.onIgnored };
      const summary = index % 4 === 3 ? await scanner.broadcast('127.255.255.255', { ...options, waitMs: 100 }) : await scanner.scan(agents, options);
      return { goodFound: summary.answers.some((a) => a.isPrinter) };
    },
    close: async () => {
      await scanner.close();
      await peer.close();
    },
  };
}

// ——— traps ———

async function trapDriver(context: DriverContext): Promise<Driver> {
  const sender = `${context.prefix}.2.1`;
  const listenerAddress = `${context.prefix}.2.2`;
  let handled = 0;
  const listener = new TrapListener({
    targets: () => [{ id: 1, address: sender }],
    repoll: async () => undefined,
    onIgnoredReply: () => context.onIgnored(),
    onTrap: () => (handled += 1),
    now: () => Date.now(),
  });
  const { port } = await listener.start(0, listenerAddress);
  const peer = await FuzzPeer.open([{ address: sender, port: 0 }]);
  const varbinds = notificationVarbinds(12_345, '1.3.6.1.2.1.43.18.2.0.1', [{ oid: '1.3.6.1.2.1.43.18.1.1.8.1.1', value: { type: 'Integer', value: 8 } }]);
  const goods = [
    aV1Trap({ agent: sender.split('.').map(Number) }),
    encodeCommunityMessage({ version: 'v2c', community: 'public', pdu: { type: 'trapV2', requestId: 7, errorStatus: 0, errorIndex: 0, varbinds } }),
    encodeCommunityMessage({ version: 'v2c', community: 'public', pdu: { type: 'informRequest', requestId: 8, errorStatus: 0, errorIndex: 0, varbinds } }),
  ];
  return {
    boundMs: 5000,
    run: async (index) => {
      const before = handled;
      const generate = (): Uint8Array => berMessage(context.random, 1, [0xa6, 0xa7][pick(context.random, 2)] as number, randomVarbindList(context.random, ['1.3.6.1.2.1.1.3.0', '1.3.6.1.6.3.1.1.4.1.0', '1.3.6.1.2.1.43.18.1.1.8.1.1']));
      peer.answer(context, 0, goods[index % goods.length] as Uint8Array, { address: listenerAddress, port }, context.burst, generate);
      await sleep(10); // the listener reads what arrived (a crash there would be an uncaught exception)
      return { goodFound: handled > before };
    },
    close: async () => {
      await peer.close();
      await listener.stop();
    },
  };
}

// ——— helpers ———

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
