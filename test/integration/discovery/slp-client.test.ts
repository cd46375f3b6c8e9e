import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchSlp, SlpClientError, type SlpFinding, type SlpSearchOptions } from '../../../src-main/core/discovery/slp/slp-client';
import { decodeSlpMessage } from '../../../src-main/core/discovery/slp/slp-codec';
import { startSlpResponder, type SlpResponder, type SlpServiceSpec } from '../../../src-main/simulator/slp-responder';

/**
 * searchSlp against the simulator's SLP responder on loopback (127.96.0.0/16, 127.97.0.0/16,
 * ports 14270–14279). Broadcast searches go to 127.255.255.255 and reach a wildcard-bound
 * responder; nothing is ever sent to a multicast group (that test intercepts the socket's send).
 */

const BROADCAST = '127.255.255.255';

async function failure(promise: Promise<unknown>): Promise<SlpClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SlpClientError) return error;
    throw error;
  }
  throw new Error('resolved, expected an SlpClientError');
}

function byUrl(findings: readonly SlpFinding[]): Record<string, SlpFinding> {
  return Object.fromEntries(findings.map((finding) => [finding.serviceUrl, finding]));
}

interface Ignored {
  reason: string;
  sender: string;
}

function recordIgnored(): { list: Ignored[]; onIgnoredReply: (reason: string, sender: string) => void } {
  const list: Ignored[] = [];
  return { list, onIgnoredReply: (reason, sender) => list.push({ reason, sender }) };
}

const FLEET: SlpServiceSpec[] = [
  { replyFrom: '127.96.0.1', url: 'service:printer:lpr://127.96.0.1/queue', attributes: { 'printer-name': ['Lobby, ground floor'], 'printer-make-and-model': ['Acme Laser 5000'] } },
  { replyFrom: '127.96.0.1', url: 'service:printer:ipp://127.96.0.1:631/ipp', attributes: { 'printer-name': ['Lobby, ground floor'] } },
  { replyFrom: '127.96.0.2', url: 'service:printer:lpr://127.96.0.2/raw', attributes: { 'printer-color-supported': ['true'], duplex: [] } },
  { replyFrom: '127.96.0.3', url: 'service:printer:ipp://lab-printer.test:631/ipp', lifetimeSeconds: 600, scopes: ['DEFAULT', 'lab'] },
  { replyFrom: '127.96.0.4', url: 'service:printer:lpr://127.96.0.4/lab', scopes: ['lab'] },
  { replyFrom: '127.96.0.5', url: 'service:x-hpnp-discover://127.96.0.5', attributes: { 'x-hp-model': ['LaserJet'] } },
];

const HOSTS: Record<string, string> = { 'lab-printer.test': '127.96.0.30' };
const lookupHost = (name: string): Promise<string> => {
  const address = HOSTS[name];
  return address ? Promise.resolve(address) : Promise.reject(new Error(`${name} not found`));
};

describe('searchSlp by broadcast against a wildcard-bound responder', () => {
  let responder: SlpResponder;
  const options = (extra: SlpSearchOptions = {}): SlpSearchOptions => ({ group: BROADCAST, port: responder.port, waitMs: 400, lookupHost, ...extra });

  beforeAll(async () => {
    responder = await startSlpResponder({ bindAddress: '0.0.0.0', port: 14270, services: FLEET });
  });
  afterAll(() => responder.close());

  it('finds every printer URL of the DEFAULT scope once, with its attributes, address and replier', async () => {
    const reported: SlpFinding[] = [];
    const ignored = recordIgnored();
    const findings = await searchSlp(options({ onFinding: (finding) => reported.push(finding), onIgnoredReply: ignored.onIgnoredReply }));

    expect(findings.map((finding) => finding.serviceUrl).sort()).toEqual([
      'service:printer:ipp://127.96.0.1:631/ipp',
      'service:printer:ipp://lab-printer.test:631/ipp',
      'service:printer:lpr://127.96.0.1/queue',
      'service:printer:lpr://127.96.0.2/raw',
    ]);
    expect(reported).toEqual(findings);
    expect(ignored.list).toEqual([]);
    const found = byUrl(findings);
    expect(found['service:printer:lpr://127.96.0.1/queue']).toEqual({
      address: '127.96.0.1',
      serviceUrl: 'service:printer:lpr://127.96.0.1/queue',
      serviceType: 'service:printer:lpr',
      attributes: { 'printer-name': ['Lobby, ground floor'], 'printer-make-and-model': ['Acme Laser 5000'] },
      lifetimeSeconds: 10800,
      replier: '127.96.0.1',
    });
    expect(found['service:printer:lpr://127.96.0.2/raw']?.attributes).toEqual({ 'printer-color-supported': ['true'], duplex: [] });
    // A host name in the URL is resolved; the replier stays the device that answered.
    expect(found['service:printer:ipp://lab-printer.test:631/ipp']).toMatchObject({ address: '127.96.0.30', replier: '127.96.0.3', serviceType: 'service:printer:ipp', lifetimeSeconds: 600, attributes: {} });
  });

  it('searches several service types and skips attributes when asked to', async () => {
    const before = responder.stats().attributeRequests;
    const findings = await searchSlp(options({ serviceTypes: ['service:x-hpnp-discover', 'service:printer:lpr'], fetchAttributes: false }));
    expect(findings.map((finding) => [finding.serviceType, finding.address]).sort()).toEqual([
      ['service:printer:lpr', '127.96.0.1'],
      ['service:printer:lpr', '127.96.0.2'],
      ['service:x-hpnp-discover', '127.96.0.5'],
    ]);
    expect(findings.every((finding) => Object.keys(finding.attributes).length === 0)).toBe(true);
    expect(responder.stats().attributeRequests).toBe(before);
  });

  it('asks only for the scopes given', async () => {
    const findings = await searchSlp(options({ scopes: ['LAB'], fetchAttributes: false }));
    expect(findings.map((finding) => finding.serviceUrl).sort()).toEqual(['service:printer:ipp://lab-printer.test:631/ipp', 'service:printer:lpr://127.96.0.4/lab']);
  });

  it('falls back to the replier address when the host name does not resolve', async () => {
    const findings = await searchSlp(options({ scopes: ['lab'], fetchAttributes: false, lookupHost: () => Promise.reject(new Error('NXDOMAIN')) }));
    expect(byUrl(findings)['service:printer:ipp://lab-printer.test:631/ipp']?.address).toBe('127.96.0.3');
  });

  it('converges: retransmissions list the devices heard, and those stay silent', async () => {
    const before = responder.stats();
    const findings = await searchSlp(options({ fetchAttributes: false }));
    const after = responder.stats();
    expect(findings).toHaveLength(4);
    const requests = after.serviceRequests - before.serviceRequests;
    expect(requests).toBeGreaterThan(1);
    // Each of the three matching devices answered the first request only.
    for (const device of ['127.96.0.1', '127.96.0.2', '127.96.0.3']) {
      expect((after.serviceReplies[device] ?? 0) - (before.serviceReplies[device] ?? 0), device).toBe(1);
    }
    expect(after.silencedByPreviousResponders - before.silencedByPreviousResponders).toBe(3 * (requests - 1));
  });
});

describe('searchSlp with misbehaving devices', () => {
  let responder: SlpResponder;

  beforeAll(async () => {
    responder = await startSlpResponder({
      bindAddress: '0.0.0.0',
      port: 14271,
      services: [
        { replyFrom: '127.96.1.1', url: 'service:printer:lpr://127.96.1.1/good', attributes: { 'printer-name': ['Good'] } },
        { replyFrom: '127.96.1.2', url: 'service:printer:lpr://127.96.1.2/cut', fault: 'malformed' },
        { replyFrom: '127.96.1.3', url: 'service:printer:lpr://127.96.1.3/xid', fault: 'wrong-xid' },
        { replyFrom: '127.96.1.4', url: 'service:printer:lpr://127.96.1.4/err', fault: 'error-code' },
      ],
    });
  });
  afterAll(() => responder.close());

  it('ignores and reports malformed, wrong-XID and error replies, and still finds the good device', async () => {
    const ignored = recordIgnored();
    const findings = await searchSlp({ group: BROADCAST, port: responder.port, waitMs: 300, onIgnoredReply: ignored.onIgnoredReply });
    expect(findings.map((finding) => [finding.serviceUrl, finding.attributes])).toEqual([['service:printer:lpr://127.96.1.1/good', { 'printer-name': ['Good'] }]]);
    const reasons = (address: string): string[] => ignored.list.filter((entry) => entry.sender.startsWith(`${address}:`)).map((entry) => entry.reason);
    expect(reasons('127.96.1.2')[0]).toMatch(/^undecodable datagram: length field says \d+ bytes but the datagram has \d+/);
    expect(reasons('127.96.1.3')[0]).toMatch(/^Service Reply with XID \d+, which matches no request of this search/);
    expect(reasons('127.96.1.4')[0]).toBe('Service Reply with error code 10 (internalError)');
    expect(reasons('127.96.1.1')).toEqual([]);
  });
});

describe('searchSlp with a responder whose every reply is garbage, and with duplicate URLs', () => {
  it('finds nothing from a responder that only sends malformed replies, and reports each one', async () => {
    const responder = await startSlpResponder({ bindAddress: '0.0.0.0', port: 14277, malformed: true, services: [{ replyFrom: '127.96.4.1', url: 'service:printer:lpr://127.96.4.1/q' }] });
    try {
      const ignored = recordIgnored();
      await expect(searchSlp({ group: BROADCAST, port: responder.port, waitMs: 200, onIgnoredReply: ignored.onIgnoredReply })).resolves.toEqual([]);
      expect(ignored.list.length).toBe(responder.stats().serviceRequests);
      expect(ignored.list.every((entry) => entry.reason.startsWith('undecodable datagram') && entry.sender.startsWith('127.96.4.1:'))).toBe(true);
    } finally {
      await responder.close();
    }
  });

  it('reports a URL that two agents advertise once', async () => {
    const url = 'service:printer:lpr://127.96.5.1/q';
    const services = [{ replyFrom: '127.96.5.1', url }, { replyFrom: '127.96.5.2', url }];
    const responder = await startSlpResponder({ bindAddress: '0.0.0.0', port: 14278, services });
    try {
      const reported: SlpFinding[] = [];
      const findings = await searchSlp({ group: BROADCAST, port: responder.port, waitMs: 200, fetchAttributes: false, onFinding: (finding) => reported.push(finding) });
      expect(findings.map((finding) => finding.serviceUrl)).toEqual([url]);
      expect(reported).toHaveLength(1);
      expect(Object.keys(responder.stats().serviceReplies).sort()).toEqual(['127.96.5.1', '127.96.5.2']);
    } finally {
      await responder.close();
    }
  });
});

describe('searchSlp behind packet loss', () => {
  it('finds every device although the responder drops a share of the requests', async () => {
    const services = Array.from({ length: 5 }, (_, index): SlpServiceSpec => ({ replyFrom: `127.96.2.${index + 1}`, url: `service:printer:lpr://127.96.2.${index + 1}/q` }));
    const responder = await startSlpResponder({ bindAddress: '0.0.0.0', port: 14273, services, dropPercent: 50, seed: 7 });
    try {
      const findings = await searchSlp({ group: BROADCAST, port: responder.port, waitMs: 300, fetchAttributes: false });
      expect(findings.map((finding) => finding.address).sort()).toEqual(services.map((service) => service.replyFrom));
      expect(responder.stats().dropped).toBeGreaterThan(0);
    } finally {
      await responder.close();
    }
  });
});

describe('searchSlp by unicast to an agent on its own address', () => {
  let responder: SlpResponder;

  beforeAll(async () => {
    responder = await startSlpResponder({
      bindAddress: '127.97.0.1',
      port: 14272,
      services: [
        { replyFrom: '127.97.0.1', url: 'service:printer:lpr://127.97.0.1/q', attributes: { 'printer-location': ['Room 4'] } },
        { replyFrom: '127.97.0.2', url: 'service:printer:lpr://127.97.0.2/q' },
      ],
    });
  });
  afterAll(() => responder.close());

  it('finds its services with attributes, asks once, and ignores replies from another address', async () => {
    const ignored = recordIgnored();
    const findings = await searchSlp({ group: '127.97.0.1', port: responder.port, waitMs: 2000, onIgnoredReply: ignored.onIgnoredReply });
    expect(findings).toEqual([
      { address: '127.97.0.1', serviceUrl: 'service:printer:lpr://127.97.0.1/q', serviceType: 'service:printer:lpr', attributes: { 'printer-location': ['Room 4'] }, lifetimeSeconds: 10800, replier: '127.97.0.1' },
    ]);
    expect(responder.stats().serviceRequests).toBe(1);
    expect(ignored.list).toEqual([{ reason: 'Service Reply from 127.97.0.2, but the request went to 127.97.0.1', sender: expect.stringMatching(/^127\.97\.0\.2:\d+$/) }]);
  });
});

describe('searchSlp cancellation', () => {
  it('resolves with what was found and closes its socket when the signal aborts', async () => {
    const responder = await startSlpResponder({ bindAddress: '0.0.0.0', port: 14274, services: [{ replyFrom: '127.96.3.1', url: 'service:printer:lpr://127.96.3.1/q' }] });
    try {
      const controller = new AbortController();
      let socket: Socket | undefined;
      let closed = false;
      const socketFactory = (): Socket => {
        socket = createSocket('udp4');
        socket.once('close', () => (closed = true));
        return socket;
      };
      // waitMs far beyond the test timeout: only the abort can end this search in time.
      const findings = await searchSlp({ group: BROADCAST, port: responder.port, waitMs: 60_000, socketFactory, signal: controller.signal, onFinding: () => controller.abort() });
      expect(findings.map((finding) => finding.address)).toEqual(['127.96.3.1']);
      expect(socket).toBeDefined();
      expect(closed).toBe(true);
    } finally {
      await responder.close();
    }
  });

  it('resolves with nothing, without opening a socket, when already aborted', async () => {
    const socketFactory = vi.fn(() => createSocket('udp4'));
    await expect(searchSlp({ group: BROADCAST, port: 14275, signal: AbortSignal.abort(), socketFactory })).resolves.toEqual([]);
    expect(socketFactory).not.toHaveBeenCalled();
  });
});

describe('searchSlp to the multicast group (send intercepted, nothing leaves the host)', () => {
  it('sets the hop count and the multicast flag, and keeps one XID across retransmissions', async () => {
    const sent: Array<{ datagram: Uint8Array; port: number; address: string }> = [];
    let ttl: number | undefined;
    const socketFactory = (): Socket => {
      const socket = createSocket('udp4');
      vi.spyOn(socket, 'send').mockImplementation((...args: unknown[]) => {
        const [datagram, port, address] = args;
        if (datagram instanceof Uint8Array && typeof port === 'number' && typeof address === 'string') sent.push({ datagram, port, address });
      });
      vi.spyOn(socket, 'setMulticastTTL').mockImplementation((value: number) => {
        ttl = value;
        return value;
      });
      return socket;
    };
    const findings = await searchSlp({ ttl: 4, waitMs: 80, scopes: ['DEFAULT', 'lab'], socketFactory });
    expect(findings).toEqual([]);
    expect(ttl).toBe(4);
    expect(sent.length).toBeGreaterThan(1);
    for (const { datagram, port, address } of sent) {
      expect([address, port]).toEqual(['239.255.255.253', 427]);
      const request = decodeSlpMessage(datagram);
      expect(request).toMatchObject({ serviceType: 'service:printer', scopes: ['DEFAULT', 'lab'], previousResponders: [], header: { flags: { requestMulticast: true } } });
    }
    expect(new Set(sent.map(({ datagram }) => decodeSlpMessage(datagram).header.xid)).size).toBe(1);
  });
});

describe('searchSlp options and socket errors', () => {
  const cases: Array<[string, SlpSearchOptions, RegExp]> = [
    ['a host name as group', { group: 'printers.local' }, /group "printers\.local"/],
    ['port 0', { port: 0 }, /port 0 is outside 1–65535/],
    ['ttl 0', { ttl: 0 }, /ttl 0 is outside 1–255/],
    ['ttl 256', { ttl: 256 }, /ttl 256 is outside 1–255/],
    ['waitMs 0', { waitMs: 0 }, /waitMs 0 is outside/],
    ['waitMs 61 s', { waitMs: 61_000 }, /waitMs 61000 is outside/],
    ['an empty scope list', { scopes: [] }, /scopes must be a non-empty list/],
    ['a scope with a comma', { scopes: ['a,b'] }, /scopes\[0\] "a,b" contains a comma/],
    ['a blank service type', { serviceTypes: ['service:printer', ' '] }, /serviceTypes\[1\] is not a non-empty service type/],
    ['a bad language tag', { language: 'english please' }, /language "english please"/],
    ['an oversized predicate', { predicate: `(printer-name=${'x'.repeat(1500)})` }, /more than the 1400 .*shorten predicate/],
  ];
  it.each(cases)('rejects %s with invalid-argument naming the field', async (_, options, message) => {
    const socketFactory = vi.fn(() => createSocket('udp4'));
    const error = await failure(searchSlp({ ...options, socketFactory }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(message);
    expect(socketFactory).not.toHaveBeenCalled();
  });

  it('rejects with network-error when the socket cannot be used', async () => {
    const socketFactory = (): Socket => {
      const socket = createSocket('udp4');
      socket.close();
      return socket;
    };
    const error = await failure(searchSlp({ group: '127.97.0.9', port: 14276, waitMs: 100, socketFactory }));
    expect(error.code).toBe('network-error');
    expect(error.message).toMatch(/127\.97\.0\.9:14276/);
  });
});
