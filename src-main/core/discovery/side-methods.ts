import type { DiscoveryMethodKind, DiscoveryRequest, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { isIpv4 } from '../../../src-shared/net/host-port';
import type { DiscoveryPlan } from './discovery-plan';
import type { DiscoveryResolvers } from './discovery-resolvers';
import type { ProbeAnswer, ScanOptions, SnmpScanner } from './snmp-scan/scan-types';

export interface SideMethodsDeps {
  resolvers: DiscoveryResolvers;
  signal: AbortSignal;
  log: (line: string) => void;
  createScanner: () => SnmpScanner;
  /** Scan options of the run, with the answer callback of a broadcast. */
  scanOptions: (methodsOf: (answer: ProbeAnswer) => DiscoveryMethodKind[]) => ScanOptions;
  /** An address a name, SLP or mDNS turned up (off the network: not yet checked), with what it is called there. */
  onAddress: (address: string, kind: DiscoveryMethodKind, label: string) => void;
  /** A name that did not resolve: reported, with what was tried. */
  onUnresolved: (result: DiscoveryResult) => void;
  onBroadcastAnswer: (answer: ProbeAnswer, kind: DiscoveryMethodKind) => void;
}

/**
 * Runs the methods that are not address ranges, all at once: SNMP broadcasts, name resolution
 * (DNS, then NetBIOS), SLP and mDNS. Each reports what it finds as it comes; a method that
 * fails (its socket cannot bind or send) is logged and does not stop the others. Resolves when
 * all have ended, with one line per method that failed (empty when every method ran); a name
 * that does not resolve is a result, not a failed method.
 */
export async function resolveSideMethods(request: DiscoveryRequest, plan: DiscoveryPlan, deps: SideMethodsDeps): Promise<string[]> {
  const jobs: Array<Promise<void>> = [];
  const failures: string[] = [];
  const guard = (what: string, job: Promise<void>): void => {
    jobs.push(
      job.catch((error: unknown) => {
        const line = `${what} failed: ${error instanceof Error ? error.message : String(error)}`;
        failures.push(line);
        deps.log(`discovery: ${line}`);
      }),
    );
  };
  const names = (what: string, job: Promise<void>): void => {
    jobs.push(job.catch((error: unknown) => deps.log(`discovery: ${what} failed: ${error instanceof Error ? error.message : String(error)}`)));
  };
  const onIgnored = (reason: string, sender: string): void => deps.log(`discovery: ignored a reply from ${sender}: ${reason}`);
  for (const method of request.methods) {
    switch (method.kind) {
      case 'broadcast':
        guard(`SNMP broadcast to ${method.address}`, broadcast(method.address, method.waitMs, deps));
        break;
      case 'slp':
        guard('SLP', deps.resolvers.searchSlp(method, deps.signal, (found) => deps.onAddress(found.address, 'slp', found.label), onIgnored));
        break;
      case 'mdns':
        guard('mDNS', deps.resolvers.browseMdns(method, deps.signal, (found) => deps.onAddress(found.address, 'mdns', found.label), onIgnored));
        break;
      default:
        break;
    }
  }
  const nbns = request.methods.find((m) => m.kind === 'names');
  const nbnsOptions = nbns?.kind === 'names' ? { server: nbns.nbnsServer, port: nbns.nbnsPort } : {};
  for (const { name, kind } of plan.names) names(`resolving ${name}`, resolveName(name, kind, nbnsOptions, request.options.port, deps));
  // The probe scanner speaks IPv4 (printers answer SNMP on IPv4 nearly always); an IPv6 target is reported, not dropped.
  for (const address of plan.ipv6) {
    deps.onUnresolved({
      deviceId: null,
      address,
      port: request.options.port,
      outcome: 'failed',
      methods: ['addresses'],
      previousAddress: null,
      label: address,
      message: 'IPv6 addresses are not searched yet: give the IPv4 address or a name',
    });
  }
  await Promise.all(jobs);
  return failures;
}

async function broadcast(address: string, waitMs: number, deps: SideMethodsDeps): Promise<void> {
  const scanner = deps.createScanner();
  try {
    const options = deps.scanOptions(() => ['broadcast']);
    await scanner.broadcast(address, {
      ...options,
      waitMs,
      onAnswer: (answer) => deps.onBroadcastAnswer(answer, 'broadcast'),
    });
  } finally {
    await scanner.close();
  }
}

/** DNS first, then a NetBIOS name query for a single-label name DNS does not know. */
async function resolveName(
  name: string,
  kind: DiscoveryMethodKind,
  nbns: { server?: string; port?: number },
  port: number,
  deps: SideMethodsDeps,
): Promise<void> {
  if (deps.signal.aborted) return;
  let dnsError: string;
  try {
    const addresses = (await deps.resolvers.lookupHost(name, deps.signal)).filter(isIpv4);
    if (addresses.length > 0) {
      for (const address of addresses) deps.onAddress(address, kind, name);
      return;
    }
    dnsError = 'DNS has no IPv4 address for it';
  } catch (error) {
    dnsError = error instanceof Error ? error.message : String(error);
  }
  // NetBIOS names are one label of at most 15 characters.
  const netbiosName = !name.includes('.') && name.length <= 15;
  let nbnsError = 'not a NetBIOS name (a NetBIOS name is one label of up to 15 characters)';
  if (netbiosName && !deps.signal.aborted) {
    try {
      const addresses = await deps.resolvers.queryNetbios(name, { ...nbns, signal: deps.signal });
      for (const address of addresses) deps.onAddress(address, kind, name);
      if (addresses.length > 0) return;
      nbnsError = 'no address in the answer';
    } catch (error) {
      nbnsError = error instanceof Error ? error.message : String(error);
    }
  }
  if (deps.signal.aborted) return;
  deps.onUnresolved({
    deviceId: null,
    address: name,
    port,
    outcome: 'failed',
    methods: [kind],
    previousAddress: null,
    label: name,
    message: `the name "${name}" did not resolve: DNS: ${dnsError}; NetBIOS: ${nbnsError}`,
  });
}
