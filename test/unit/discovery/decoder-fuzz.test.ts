import type { RemoteInfo } from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkRecordLengths } from '../../../src-main/core/discovery/mdns/dns-record-lengths';
import { DnsSdInstanceTable, type MdnsRecord } from '../../../src-main/core/discovery/mdns/dns-sd-instance-table';
import { parseTxtRecord } from '../../../src-main/core/discovery/mdns/dns-sd-txt';
import { decodeNameQueryResponse, encodeNegativeResponse, encodePositiveResponse } from '../../../src-main/core/discovery/netbios/nbns-codec';
import { NbnsDecodeError } from '../../../src-main/core/discovery/netbios/nbns-datagram-reader';
import { decodeSlpMessage, encodeAttributeReply, encodeAttributeRequest, encodeServiceReply, encodeServiceRequest } from '../../../src-main/core/discovery/slp/slp-codec';
import { SlpFunction } from '../../../src-main/core/discovery/slp/slp-header';
import { parseServiceUrl } from '../../../src-main/core/discovery/slp/slp-service-url';
import { SlpDecodeError } from '../../../src-main/core/discovery/slp/slp-wire-reader';
import { AddressProbe, type Route } from '../../../src-main/core/discovery/snmp-scan/address-probe';
import { EVIDENCE_MASK, FULL_MASK, interpretLookReply, interpretProbeReply } from '../../../src-main/core/discovery/snmp-scan/probe-codec';
import { classifyReply } from '../../../src-main/core/discovery/snmp-scan/reply-classifier';
import { RequestIds } from '../../../src-main/core/discovery/snmp-scan/request-ids';
import { decodeTrap, informResponse } from '../../../src-main/core/monitor/trap-decoder';
import { seededRandom } from '../../../src-main/simulator/fault-injector';
import { BerError } from '../../../src-shared/snmp/ber/ber-primitives';
import { decodeCommunityMessage, encodeCommunityMessage, notificationVarbinds } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { berMessage, mutateDatagram, pick, randomVarbindList, type Random } from '../../helpers/datagram-mutator';
import { dnsName, dnsRecord, dnsResponse } from '../../helpers/fuzz-harness';
import { aV1Trap } from '../../helpers/trap-builders';

/**
 * Every network decoder against seeded mutants of well-formed datagrams, in process (the
 * sockets are fuzzed in test/integration/discovery/search-fuzz.test.ts): each may only throw
 * its own decode error, and what it returns holds what its callers rely on. Bounded: a fixed
 * number of mutants per decoder, about a second each.
 */

const MUTANTS = 20_000;

/**
 * Runs `check` on MUTANTS datagrams: mutants of the given ones, and for every other one (when
 * `generate` is given) a freshly generated well-formed datagram with odd values, itself mutated
 * half the time. A failure names the seed, the datagram's number and its bytes.
 */
function fuzz(seed: number, bases: readonly Uint8Array[], check: (mutant: Buffer) => void, generate?: (random: Random) => Uint8Array): void {
  const random = seededRandom(seed);
  for (let i = 0; i < MUTANTS; i++) {
    const generated = generate && i % 2 === 1 ? generate(random) : null;
    const mutant = generated === null ? mutateDatagram(bases[i % bases.length] as Uint8Array, random) : random() < 0.5 ? Buffer.from(generated) : mutateDatagram(generated, random);
    try {
      check(mutant);
    } catch (error) {
      throw new Error(`seed ${seed}, mutant ${i} (${mutant.toString('hex')}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

/** Calls `decode`; an error of `allowed` is a refusal (undefined), anything else propagates. */
function decodeOrRefuse<T>(decode: () => T, allowed: new (...args: never[]) => Error): T | undefined {
  try {
    return decode();
  } catch (error) {
    if (error instanceof allowed) return undefined;
    throw error;
  }
}

describe('SLP decoder under fuzz', () => {
  const bases = [
    encodeServiceReply({ xid: 0x1234, urls: [{ lifetime: 300, url: 'service:printer:lpr://10.0.0.5/queue' }, { lifetime: 60, url: 'service:printer:ipp://[fe80::1]:631/ipp' }] }),
    encodeAttributeReply({ xid: 0x1234, attributes: new Map([['printer-name', ['Lobby', 'MFP']], ['color-supported', []]]) }),
    encodeServiceRequest({ xid: 7, serviceType: 'service:printer', previousResponders: ['10.0.0.9'] }),
    encodeAttributeRequest({ xid: 7, url: 'service:printer:lpr://10.0.0.5/queue' }),
  ];

  it('throws only SlpDecodeError, and gives URLs the search can parse', () => {
    fuzz(2608, bases, (mutant) => {
      const message = decodeOrRefuse(() => decodeSlpMessage(mutant), SlpDecodeError);
      if (message?.functionId !== SlpFunction.serviceReply) return;
      for (const entry of message.urls) {
        expect(typeof entry.url).toBe('string');
        expect(Number.isInteger(entry.lifetime) && entry.lifetime >= 0 && entry.lifetime <= 0xffff).toBe(true);
        const { host } = parseServiceUrl(entry.url);
        expect(host === null || typeof host === 'string').toBe(true);
      }
    });
  });
});

describe('NBNS decoder under fuzz', () => {
  const bases = [
    encodePositiveResponse({ transactionId: 0x4242, name: 'PRN-LOBBY', suffix: 0, ttlSeconds: 300, entries: [{ address: '10.0.0.5', group: false, nodeType: 'b' }, { address: '10.0.0.6', group: true, nodeType: 'h' }] }),
    encodeNegativeResponse({ transactionId: 0x4242, name: 'PRN-LOBBY', suffix: 0, rcode: 3 }),
  ];

  it('throws only NbnsDecodeError, and every address it gives is IPv4', () => {
    fuzz(1002, bases, (mutant) => {
      const response = decodeOrRefuse(() => decodeNameQueryResponse(mutant), NbnsDecodeError);
      if (response?.kind !== 'positive') return;
      for (const entry of response.entries) expect(isIPv4(entry.address), entry.address).toBe(true);
    });
  });
});

describe('mDNS framing and DNS-SD assembly under fuzz', () => {
  const good = dnsResponse([
    dnsRecord('_ipp._tcp.local', 12, dnsName('Lobby._ipp._tcp.local')),
    dnsRecord('Lobby._ipp._tcp.local', 33, Buffer.concat([Buffer.from([0, 0, 0, 0, 0x02, 0x77]), dnsName('lobby.local')])),
    dnsRecord('Lobby._ipp._tcp.local', 16, Buffer.from([5, ...Buffer.from('rp=ok')])),
    dnsRecord('lobby.local', 1, Buffer.from([10, 0, 0, 5])),
  ]);

  it('checks the framing of any bytes without throwing', () => {
    fuzz(6762, [good], (mutant) => {
      const problem = checkRecordLengths(mutant);
      expect(problem === null || typeof problem === 'string').toBe(true);
    });
  });

  it('assembles findings only at IPv4 or IPv6 addresses (or the replier), whatever the records hold', () => {
    const random = seededRandom(6763);
    const junk = (): string => mutateDatagram(Buffer.from('10.0.0.5'), random).toString('latin1');
    for (let round = 0; round < 2000; round++) {
      const table = new DnsSdInstanceTable(['_ipp._tcp.local'], 64);
      const name = `P${pick(random, 4)}._ipp._tcp.local`;
      const host = `h${pick(random, 3)}.local`;
      const records: MdnsRecord[] = [
        { type: 'PTR', name: '_ipp._tcp.local', ttl: 120, data: pick(random, 5) === 0 ? junk() : name },
        { type: 'SRV', name, ttl: 120, data: { target: pick(random, 5) === 0 ? junk() : host, port: pick(random, 70_000) } },
        { type: 'TXT', name, ttl: 120, data: [mutateDatagram(Buffer.from('rp=ok'), random)] },
        { type: 'A', name: host, ttl: 120, data: pick(random, 2) === 0 ? junk() : '10.0.0.5' },
        { type: 'AAAA', name: host, ttl: 120, data: pick(random, 2) === 0 ? junk() : 'fe80::5' },
      ];
      table.add(records, '10.0.0.9');
      const findings = [...table.takeComplete(), ...table.takeRemaining().findings];
      for (const finding of findings) expect(isIPv4(finding.address) || isIPv6(finding.address), finding.address).toBe(true);
      expect(() => parseTxtRecord([mutateDatagram(Buffer.from('a=b'), random)])).not.toThrow();
    }
  });
});

describe('SNMP probe replies in the scanner under fuzz', () => {
  const requestId = 9_000_001;
  const varbinds: VarBind[] = [
    { oid: '1.3.6.1.2.1.1.1.0', value: { type: 'OctetString', value: new TextEncoder().encode('Fuzz printer') } },
    { oid: '1.3.6.1.2.1.1.2.0', value: { type: 'ObjectIdentifier', value: '1.3.6.1.4.1.99999.1' } },
    { oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: new TextEncoder().encode('fuzz') } },
    { oid: '1.3.6.1.2.1.43.5.1.1.1.1', value: { type: 'Counter32', value: 3 } },
    { oid: '1.3.6.1.2.1.25.3.5.1.1.1', value: { type: 'Integer', value: 3 } },
    { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: { type: 'ObjectIdentifier', value: '1.3.6.1.2.1.25.3.1.3' } },
  ];
  // One request id per credential set, as the scanner routes them: a v1 reply to the v1 probe, a v2c one to the v2c probe.
  const bases = (['v1', 'v2c'] as const).map((version, i) => encodeCommunityMessage({ version, community: 'public', pdu: { type: 'response', requestId: requestId + i, errorStatus: 0, errorIndex: 0, varbinds } }));

  it('classifies every datagram without throwing, and reads what it matched into well-formed findings', () => {
    const probe = new AddressProbe('10.0.0.5', 0, 'unicast');
    const credentials = [
      { version: 'v1', community: 'public' },
      { version: 'v2c', community: 'public' },
    ] as const;
    const routes = new Map<number, Route>([0, 1].map((credential) => [requestId + credential, { probe, credential, mask: FULL_MASK, look: false, sentAt: 0 }]));
    const from: RemoteInfo = { address: '10.0.0.5', port: 161, family: 'IPv4', size: 0 };
    let matched = 0;
    const instances = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.43.11.1.1.9.1.1', '1.3.6.1.2.1.25.3.5.1.1.1', '1.3.6.1.2.1.25.3.2.1.2.1'];
    const generate = (random: Random): Uint8Array => {
      const version = pick(random, 2) as 0 | 1;
      return berMessage(random, version, 0xa2, randomVarbindList(random, instances.slice(0, 4 + pick(random, 3))), requestId + version);
    };
    fuzz(3416, bases, (mutant) => {
      const reply = classifyReply(mutant, from, { routes, ids: new RequestIds(), credentials: [...credentials], port: 161 });
      if (reply.kind !== 'unicast') return;
      matched++;
      for (const mask of [FULL_MASK, EVIDENCE_MASK]) {
        const outcome = interpretProbeReply(reply.pdu, mask);
        if (outcome.kind === 'retry-without') expect(outcome.mask !== mask && (outcome.mask & ~mask) === 0, `mask ${outcome.mask} of ${mask}`).toBe(true);
        if (outcome.kind === 'answer') {
          const { sysDescr, sysObjectID, sysName, isPrinter, lookAfter } = outcome.findings;
          for (const field of [sysDescr, sysObjectID, sysName, lookAfter]) expect(field === null || typeof field === 'string').toBe(true);
          expect(typeof isPrinter).toBe('boolean');
        }
      }
      expect(typeof interpretLookReply(reply.pdu)).toBe('boolean');
    }, generate);
    expect(matched).toBeGreaterThan(MUTANTS / 10); // the mutants reach the interpretation, not only the decoder
  });
});

describe('trap decoder under fuzz', () => {
  const extra: VarBind[] = [
    { oid: '1.3.6.1.2.1.43.18.1.1.8.1.1', value: { type: 'Integer', value: 8 } },
    { oid: '1.3.6.1.2.1.1.5.0', value: { type: 'OctetString', value: new TextEncoder().encode('lobby') } },
  ];
  const varbinds = notificationVarbinds(12_345, '1.3.6.1.2.1.43.18.2.0.1', extra);
  const bases = [
    aV1Trap(),
    encodeCommunityMessage({ version: 'v2c', community: 'public', pdu: { type: 'trapV2', requestId: 7, errorStatus: 0, errorIndex: 0, varbinds } }),
    encodeCommunityMessage({ version: 'v2c', community: 'public', pdu: { type: 'informRequest', requestId: 8, errorStatus: 0, errorIndex: 0, varbinds } }),
  ];

  it('throws only BerError, and answers every inform it reads with a Response that decodes', () => {
    let informs = 0;
    // Informs and traps whose values sit at and past the edges of their types (a 5-byte INTEGER), and request ids past Integer32.
    const generate = (random: Random): Uint8Array => berMessage(random, 1, pick(random, 2) === 0 ? 0xa6 : 0xa7, randomVarbindList(random, ['1.3.6.1.2.1.1.3.0', '1.3.6.1.6.3.1.1.4.1.0', '1.3.6.1.2.1.43.18.1.1.8.1.1']));
    fuzz(3584, bases, (mutant) => {
      const trap = decodeOrRefuse(() => decodeTrap(mutant), BerError);
      if (trap?.pdu !== 'informRequest') return;
      informs++;
      const response = decodeCommunityMessage(informResponse(trap));
      expect(response.pdu).toMatchObject({ type: 'response', requestId: trap.requestId, errorStatus: 0, errorIndex: 0 });
    }, generate);
    expect(informs).toBeGreaterThan(MUTANTS / 20);
  });
});
