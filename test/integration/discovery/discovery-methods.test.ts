import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNbnsResponder, type NbnsResponder } from '../../../src-main/simulator/nbns-responder';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { startSimulator } from '../../../src-main/simulator/simulator';
import { startMdnsResponder, type MdnsResponder } from '../../../src-main/simulator/mdns-responder';
import { startSlpResponder, type SlpResponder } from '../../../src-main/simulator/slp-responder';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { hostTable, openCore, outcomes, type CoreRig } from './discovery-rig';

/**
 * Methods that turn names and announcements into addresses, through the whole engine: DNS (a
 * host table in place of the OS resolver, which would ask the network), NetBIOS (our NBNS
 * client against the simulator's responder), SLP (broadcast on 127.255.255.255 to a
 * wildcard-bound responder), mDNS (the same, with the simulator's mDNS responder).
 * Loopback 127.111.0.0/16; SLP port 14290, mDNS port 15390.
 */

const PORT = 16111;
const OPTIONS = { port: PORT, timeoutMs: 300, retries: 1, ratePerSecond: 5000 };

describe('discovery engine: names and SLP', () => {
  let simulator: Simulator;
  let rig: CoreRig;
  let nbns: NbnsResponder;
  let slp: SlpResponder;
  let mdns: MdnsResponder;

  beforeAll(async () => {
    simulator = await startSimulator({ port: PORT, baseAddress: '127.111.0.1', devices: answeringDemoFleet(5, 111) });
    const [a, b, c, d] = simulator.devices.map((dev) => dev.address);
    nbns = await startNbnsResponder({ address: '127.111.9.1', port: 0, names: { 'PRN-LOBBY': b as string }, unknownNames: 'negative' });
    slp = await startSlpResponder({
      bindAddress: '0.0.0.0',
      port: 14290,
      services: [
        { replyFrom: c as string, url: `service:printer:lpr://${c}/queue` },
        { replyFrom: d as string, url: 'service:printer:ipp://floor3.example.test:631/ipp' },
        // Garbage from one agent must not stop the search.
        { replyFrom: '127.111.0.99', url: 'service:printer:lpr://127.111.0.99/x', fault: 'malformed' },
      ],
    });
    const e = simulator.devices[4]?.address as string;
    mdns = await startMdnsResponder({
      group: '127.255.255.255',
      port: 15390,
      services: [
        { instance: 'Lobby MFP', service: '_ipp._tcp', host: 'lobby-mfp.local', address: a as string, port: 631 },
        { instance: 'Lobby MFP', service: '_pdl-datastream._tcp', host: 'lobby-mfp.local', address: a as string, port: 9100 },
        { instance: 'Annex', service: '_ipps._tcp', host: 'annex.local', address: e, port: 631 },
      ],
    });
    rig = await openCore(':memory:', hostTable({ 'front.example.test': [a as string], 'floor3.example.test': [d as string] }));
  });
  afterAll(async () => {
    await rig?.core.dispose();
    await slp?.close();
    await mdns?.close();
    await nbns?.close();
    await simulator?.close();
  });

  it('resolves DNS and NetBIOS names, reports a name that does not resolve, and reads what they name', async () => {
    const [a, b] = simulator.devices.map((dev) => dev.address);
    const { run, results } = await rig.search({
      methods: [{ kind: 'names', names: ['front.example.test', 'PRN-LOBBY', 'PRN-GONE'], nbnsServer: '127.111.9.1', nbnsPort: nbns.port }],
      options: OPTIONS,
    });
    expect(run.state).toBe('succeeded');
    expect(outcomes(results)).toEqual([`${a} new`, `${b} new`, 'PRN-GONE failed'].sort());
    expect(results.find((r) => r.address === 'PRN-GONE')?.message).toMatch(/PRN-GONE.*did not resolve.*NetBIOS/);
    expect(results.find((r) => r.address === b)?.methods).toEqual(['names']);
  });

  it('finds printers announced over SLP, ignoring a malformed reply, and merges them with a range', async () => {
    const [a, , c, d] = simulator.devices.map((dev) => dev.address);
    const { run, results } = await rig.search({
      methods: [
        { kind: 'slp', group: '127.255.255.255', port: slp.port, waitMs: 600 },
        { kind: 'addresses', spec: `${a}, ${c}` },
      ],
      options: OPTIONS,
    });
    expect(run.state).toBe('succeeded');
    const byAddress = Object.fromEntries(results.map((r) => [r.address, r]));
    expect(byAddress[c as string]?.methods.sort()).toEqual(['addresses', 'slp']);
    expect(byAddress[d as string]?.methods).toEqual(['slp']);
    expect(byAddress[a as string]?.methods).toEqual(['addresses']);
    expect(results).toHaveLength(3);
    expect(rig.log.some((line) => line.includes('127.111.0.99'))).toBe(true);
  });

  it('finds printers announcing IPP and raw printing over mDNS, one result per device', async () => {
    const [a, , , , e] = simulator.devices.map((dev) => dev.address);
    const { run, results } = await rig.search({ methods: [{ kind: 'mdns', group: '127.255.255.255', port: 15390, waitMs: 600 }], options: OPTIONS });
    expect(run.state).toBe('succeeded');
    expect(results.map((r) => `${r.address} ${r.methods.join('+')}`).sort()).toEqual([`${a} mdns`, `${e} mdns`].sort());
  });

  it('finds every device answering an SNMP broadcast once, beside a range that holds one of them', async () => {
    const lan = await startSimulator({ port: 16112, baseAddress: '127.111.20.1', devices: answeringDemoFleet(4, 112), broadcastListener: { bindAddress: '127.255.255.255' } });
    try {
      const [first] = lan.devices.map((d) => d.address);
      const { run, results } = await rig.search({
        methods: [
          { kind: 'broadcast', address: '127.255.255.255', waitMs: 500 },
          { kind: 'addresses', spec: first as string },
        ],
        options: { ...OPTIONS, port: 16112 },
      });
      expect(run.state).toBe('succeeded');
      expect(results.map((r) => r.address).sort()).toEqual(lan.devices.map((d) => d.address).sort());
      expect(results.find((r) => r.address === first)?.methods.sort()).toEqual(['addresses', 'broadcast']);
      expect(results.filter((r) => r.methods.length === 1).every((r) => r.methods[0] === 'broadcast')).toBe(true);
    } finally {
      await lan.close();
    }
  });
});
