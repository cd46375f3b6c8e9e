import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src-main/simulator/fault-injector';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';
import type { DiscoveryMethodInput } from '../../../src-shared/contract/discovery.contract';
import { FUZZ_PROTOCOLS, fuzzProtocol, openMdnsPeer, openNbnsPeer, openSlpPeer, openSnmpPeer, type FuzzPeer, type PeerContext } from '../../helpers/fuzz-harness';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { openCore, type CoreRig } from './discovery-rig';

/**
 * One bad answer never fails a run (issue 15, "Prove it"). Seeded and bounded, a few seconds
 * each: every client (SLP, mDNS, NBNS, the SNMP scanner, the trap listener) against a peer that
 * answers each request with mutants of a well-formed reply, then every search method through
 * the whole engine with such a peer beside real simulated printers. The long runs (100,000
 * datagrams per protocol) are bench/fuzz.bench.ts. Loopback only: peers in 127.170–127.182,
 * ports 17400–17414; searches never probe beyond 127/8 (exclusions).
 */

const DATAGRAMS = 2500;

describe('each client under a burst of mutated answers: no crash, no hang', () => {
  it.each(FUZZ_PROTOCOLS.map((protocol, i) => [protocol, i] as const))('%s', async (protocol, i) => {
    const report = await fuzzProtocol({ protocol, datagrams: DATAGRAMS, seed: 15_000 + i, prefix: `127.${170 + i}`, port: 17_400 + i, maxMs: 15_000 });
    expect(report.crashes).toEqual([]);
    expect(report.hangs).toBe(0);
    expect(report.datagrams).toBeGreaterThanOrEqual(DATAGRAMS);
    // The well-formed answer still gets through the mutants in most runs (a mutant may be a well-formed answer itself).
    expect(report.goodFound).toBeGreaterThanOrEqual(report.runs / 2);
  });
});

describe('each search method with a peer that answers mutants: the search succeeds and finds the printer', () => {
  const PORT = 17_410;
  let simulator: Simulator;
  let rig: CoreRig;
  const peers: FuzzPeer[] = [];
  let sent = 0;
  const context: PeerContext = { random: seededRandom(1515), burst: 40, onSent: () => (sent += 1), goodFirst: true };
  // Mutated answers name any address: the search may probe loopback only.
  // (0/8, multicast and the reserved range never reach the scanner.)
  const OPTIONS = { port: PORT, timeoutMs: 300, retries: 1, ratePerSecond: 5000, exclusions: '1.0.0.0-126.255.255.255, 128.0.0.0-223.255.255.255' };
  const printer = (i: number): string => simulator.devices[i]?.address as string;

  beforeAll(async () => {
    simulator = await startSimulator({ port: PORT, baseAddress: '127.180.9.1', devices: answeringDemoFleet(4, 180) });
    rig = await openCore(':memory:');
  });
  afterAll(async () => {
    for (const peer of peers) await peer.close();
    await rig?.core.dispose();
    await simulator?.close();
  });

  async function search(method: DiscoveryMethodInput, extra: DiscoveryMethodInput[] = []) {
    const before = sent;
    const { run, results } = await rig.search({ methods: [method, ...extra], options: OPTIONS });
    expect(sent - before, 'mutants sent').toBeGreaterThan(0);
    expect(run, JSON.stringify(results)).toMatchObject({ state: 'succeeded', error: null });
    return results;
  }

  it('SLP', async () => {
    peers.push(await openSlpPeer(context, { prefix: '127.180', port: 17_411, target: printer(0) }));
    const results = await search({ kind: 'slp', group: '127.255.255.255', port: 17_411, waitMs: 400 });
    expect(results.find((r) => r.address === printer(0))).toMatchObject({ outcome: 'new' });
  });

  it('mDNS', async () => {
    peers.push(await openMdnsPeer(context, { prefix: '127.180', port: 17_412, target: printer(1) }));
    const results = await search({ kind: 'mdns', group: '127.255.255.255', port: 17_412, waitMs: 400 });
    expect(results.find((r) => r.address === printer(1))).toMatchObject({ outcome: 'new' });
  });

  it('names (NetBIOS)', async () => {
    peers.push(await openNbnsPeer(context, { prefix: '127.180', port: 17_413, target: printer(2) }));
    const results = await search({ kind: 'names', names: ['FUZZPRN'], nbnsServer: '127.180.0.3', nbnsPort: 17_413 });
    expect(results.find((r) => r.address === printer(2))).toMatchObject({ outcome: 'new', methods: ['names'] });
  });

  it('addresses', async () => {
    const { peer, agents } = await openSnmpPeer(context, { prefix: '127.181', port: PORT, broadcast: false });
    peers.push(peer);
    const results = await search({ kind: 'addresses', spec: [printer(3), ...agents.slice(0, 4)].join(', ') });
    expect(results.find((r) => r.address === printer(3))).toMatchObject({ outcome: 'new' });
    expect(results.filter((r) => agents.includes(r.address)).length).toBeGreaterThan(0);
  });

  it('SNMP broadcast', async () => {
    // Its own port: the broadcast listener cannot share one with the simulator's devices.
    const { peer } = await openSnmpPeer(context, { prefix: '127.182', port: 17_414 });
    peers.push(peer);
    const before = sent;
    const { run, results } = await rig.search({ methods: [{ kind: 'broadcast', address: '127.255.255.255', waitMs: 300 }], options: { ...OPTIONS, port: 17_414 } });
    expect(sent - before, 'mutants sent').toBeGreaterThan(0);
    expect(run, JSON.stringify(results)).toMatchObject({ state: 'succeeded', error: null });
    expect(results.map((r) => r.address).sort()).toEqual(['127.182.1.1', '127.182.1.2', '127.182.1.3']);
  });
});
