import { createSocket, type Socket } from 'node:dgram';
import makeMulticastDns from 'multicast-dns';
import type { MulticastDNS, QueryPacket, ResponseOutgoingPacket, ResponsePacket } from 'multicast-dns';
import { afterEach, describe, expect, it } from 'vitest';
import { browseMdns, MdnsError, type MdnsBrowseOptions, type MdnsFinding } from '../../../src-main/core/discovery/mdns/mdns-browser';
import { startMdnsResponder, type MdnsResponder, type MdnsResponderOptions } from '../../../src-main/simulator/mdns-responder';

/**
 * The browser against the simulator's mDNS responders and hand-made peers, on loopback:
 * queries and answers go to the broadcast address 127.255.255.255 (standing in for
 * 224.0.0.251), each test on its own port in 15350–15355, devices on 127.98.x.y.
 */

const GROUP = '127.255.255.255';
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function responder(port: number, options: Omit<MdnsResponderOptions, 'group' | 'port'>): Promise<MdnsResponder> {
  const started = await startMdnsResponder({ group: GROUP, port, ...options });
  closers.push(() => started.close());
  return started;
}

/** A multicast-dns instance on a socket of ours bound to address:port, with broadcast on. */
async function rawMdns(address: string, bindPort: number, groupPort: number): Promise<{ mdns: MulticastDNS; socket: Socket }> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const mdns = makeMulticastDns({ socket, ip: GROUP, port: groupPort, multicast: false, bind: false });
  closers.push(() => new Promise<void>((done) => mdns.destroy(() => done())));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(bindPort, address, () => resolve());
  });
  socket.setBroadcast(true);
  return { mdns, socket };
}

/** A peer that answers queries with whatever `reply` builds, sent from `address:fromPort` to the group. */
async function rawPeer(port: number, address: string, reply: (query: QueryPacket) => ResponseOutgoingPacket | null, fromPort = port): Promise<void> {
  const listener = await rawMdns('0.0.0.0', port, port);
  const sender = await rawMdns(address, fromPort, port);
  listener.mdns.on('query', (query: QueryPacket) => {
    const response = reply(query);
    if (response) sender.mdns.respond(response);
  });
}

interface Browse {
  findings: MdnsFinding[];
  reported: MdnsFinding[];
  ignored: Array<[string, string]>;
}

async function browse(options: MdnsBrowseOptions): Promise<Browse> {
  const reported: MdnsFinding[] = [];
  const ignored: Array<[string, string]> = [];
  const findings = await browseMdns({
    group: GROUP,
    ...options,
    onFinding: (finding) => {
      reported.push(finding);
      options.onFinding?.(finding);
    },
    onIgnoredReply: (reason, sender) => ignored.push([reason, sender]),
  });
  return { findings, reported, ignored };
}

const byServiceAndName = (left: MdnsFinding, right: MdnsFinding): number => `${left.service} ${left.instance}`.localeCompare(`${right.service} ${right.instance}`);

async function rejection(promise: Promise<unknown>): Promise<MdnsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MdnsError) return error;
    throw error;
  }
  throw new Error('resolved, expected an MdnsError');
}

describe('browseMdns against simulated printers', () => {
  it('finds every simulated printer once across the four service types, with host, port and TXT', async () => {
    const port = 15350;
    const annex = { instance: 'Annex', service: '_ipp._tcp', host: 'annex', address: '127.98.0.4', port: 631, txt: { ty: 'Annex' } };
    await responder(port, {
      services: [
        { instance: 'Lobby MFP', service: '_ipp._tcp', host: 'lobby-mfp', address: '127.98.0.1', port: 631, txt: { rp: 'ipp/print', ty: 'Lobby MFP' } },
        { instance: 'Lobby MFP', service: '_pdl-datastream._tcp', host: 'lobby-mfp', address: '127.98.0.1', port: 9100 },
      ],
    });
    await responder(port, { services: [{ instance: 'Secure', service: '_ipps._tcp', host: 'secure', address: '127.98.0.2', port: 443, txt: { rp: 'ipp/print', TLS: '1.2' } }] });
    // Only PTR answers: the browser has to ask for SRV, TXT and A itself.
    await responder(port, { additionals: false, services: [{ instance: 'Basement', service: '_printer._tcp', host: 'basement', address: '127.98.0.3', port: 515, txt: { rp: 'queue1' } }] });
    // Two responders for one printer (a sleep proxy, say): every answer arrives twice.
    await responder(port, { services: [annex] });
    await responder(port, { services: [annex] });

    const { findings, reported, ignored } = await browse({ port, waitMs: 2000 });

    expect(ignored).toEqual([]);
    expect(reported).toEqual(findings);
    expect([...findings].sort(byServiceAndName)).toEqual([
      { address: '127.98.0.4', instance: 'Annex', service: '_ipp._tcp.local', host: 'annex.local', port: 631, txt: { ty: 'Annex' }, replier: '127.98.0.4' },
      { address: '127.98.0.1', instance: 'Lobby MFP', service: '_ipp._tcp.local', host: 'lobby-mfp.local', port: 631, txt: { rp: 'ipp/print', ty: 'Lobby MFP' }, replier: '127.98.0.1' },
      { address: '127.98.0.2', instance: 'Secure', service: '_ipps._tcp.local', host: 'secure.local', port: 443, txt: { rp: 'ipp/print', TLS: '1.2' }, replier: '127.98.0.2' },
      { address: '127.98.0.1', instance: 'Lobby MFP', service: '_pdl-datastream._tcp.local', host: 'lobby-mfp.local', port: 9100, txt: {}, replier: '127.98.0.1' },
      { address: '127.98.0.3', instance: 'Basement', service: '_printer._tcp.local', host: 'basement.local', port: 515, txt: { rp: 'queue1' }, replier: '127.98.0.3' },
    ]);
  });

  it('does not report a service type it was not asked for, even when its answers arrive', async () => {
    const port = 15351;
    await responder(port, {
      services: [
        { instance: 'Front', service: '_ipp._tcp', host: 'front', address: '127.98.1.1', port: 631 },
        { instance: 'Back', service: '_printer._tcp', host: 'back', address: '127.98.1.2', port: 515 },
      ],
    });
    // Another querier on the link asks for LPD printers while we browse for IPP only.
    const other = await rawMdns('0.0.0.0', port, port);
    let browsing = true;
    let lpdAnswerSeenWhileBrowsing = false;
    other.mdns.on('response', (response: ResponsePacket) => {
      if (browsing && response.answers.some((record) => record.type === 'PTR' && record.name === '_printer._tcp.local')) lpdAnswerSeenWhileBrowsing = true;
    });

    const { findings, ignored } = await browse({
      port,
      waitMs: 1000,
      services: ['_ipp._tcp'],
      onFinding: () => other.mdns.query({ questions: [{ name: '_printer._tcp.local', type: 'PTR' }] }),
    });
    browsing = false;

    expect(lpdAnswerSeenWhileBrowsing).toBe(true);
    expect(findings.map((finding) => `${finding.instance} ${finding.service}`)).toEqual(['Front _ipp._tcp.local']);
    expect(ignored).toEqual([]);
  });

  it('ignores and reports malformed and unusable replies while still finding the good printers', async () => {
    const port = 15352;
    await responder(port, { services: [{ instance: 'Good', service: '_ipp._tcp', host: 'good', address: '127.98.2.1', port: 631 }] });
    await responder(port, { malformed: true, services: [{ instance: 'Broken', service: '_ipp._tcp', host: 'broken', address: '127.98.2.2', port: 631 }] });
    const asksForIpp = (query: QueryPacket): boolean => query.questions.some((question) => question.type === 'PTR' && question.name === '_ipp._tcp.local');
    // Announces an instance it never resolves, and points a PTR at another service's instance.
    await rawPeer(port, '127.98.2.3', (query) =>
      asksForIpp(query)
        ? {
            answers: [
              { type: 'PTR', name: '_ipp._tcp.local', ttl: 4500, data: 'Ghost._ipp._tcp.local' },
              { type: 'PTR', name: '_ipp._tcp.local', ttl: 4500, data: 'Stray._ipps._tcp.local' },
            ],
          }
        : null,
    );
    // A complete answer, but not from the mDNS port.
    const elsewhere = 'Elsewhere._ipp._tcp.local';
    await rawPeer(
      port,
      '127.98.2.4',
      (query) =>
        asksForIpp(query)
          ? {
              answers: [{ type: 'PTR', name: '_ipp._tcp.local', ttl: 4500, data: elsewhere }],
              additionals: [
                { type: 'SRV', name: elsewhere, ttl: 120, data: { target: 'elsewhere.local', port: 631 } },
                { type: 'TXT', name: elsewhere, ttl: 4500, data: [''] },
                { type: 'A', name: 'elsewhere.local', ttl: 120, data: '127.98.2.4' },
              ],
            }
          : null,
      port + 100,
    );

    const { findings, ignored } = await browse({ port, waitMs: 1500, services: ['_ipp._tcp'] });

    expect(findings.map((finding) => [finding.instance, finding.address])).toEqual([['Good', '127.98.2.1']]);
    const reasons = (sender: string): string[] => [...new Set(ignored.filter(([, from]) => from === sender).map(([reason]) => reason))];
    expect(reasons(`127.98.2.2:${port}`)).toEqual(['malformed DNS message: Cannot decode name (buffer overflow)']);
    expect(reasons(`127.98.2.3:${port}`)).toEqual([
      'PTR record of _ipp._tcp.local points to "Stray._ipps._tcp.local", which is not an instance of that service',
      'instance "Ghost" of _ipp._tcp.local was announced but no SRV record arrived',
    ]);
    expect(reasons(`127.98.2.4:${port + 100}`)).toEqual([`response from port ${port + 100}, not from the mDNS port ${port}`]);
  });
});

describe('browseMdns ending, cancelling and failing', () => {
  it('resolves promptly with the findings so far when cancelled', { timeout: 5000 }, async () => {
    const port = 15353;
    await responder(port, { services: [{ instance: 'Only', service: '_ipp._tcp', host: 'only', address: '127.98.3.1', port: 631 }] });
    const controller = new AbortController();
    // Far longer than the test's time limit: only the abort can end this browse in time.
    const { findings, ignored } = await browse({ port, waitMs: 60_000, signal: controller.signal, onFinding: () => controller.abort() });
    expect(findings.map((finding) => finding.instance)).toEqual(['Only']);
    expect(ignored).toEqual([]);
  });

  it('resolves with nothing, without listening, when the signal is already aborted', async () => {
    await expect(browseMdns({ group: GROUP, port: 15353, waitMs: 60_000, signal: AbortSignal.abort() })).resolves.toEqual([]);
  });

  it('resolves with nothing when no printer answers', async () => {
    const { findings, ignored } = await browse({ port: 15355, waitMs: 300 });
    expect(findings).toEqual([]);
    expect(ignored).toEqual([]);
  });

  it('rejects bad options with invalid-argument, naming the option', async () => {
    const wrongService = await rejection(browseMdns({ services: ['_ipp._tcp', 'printer'] }));
    expect(wrongService.code).toBe('invalid-argument');
    expect(wrongService.message).toMatch(/services\[1\]: "printer" is not a DNS-SD service type/);
    const unicastGroup = await rejection(browseMdns({ group: '127.98.0.1', port: 15355 }));
    expect(unicastGroup.code).toBe('invalid-argument');
    expect(unicastGroup.message).toMatch(/group "127.98.0.1" is neither an IPv4 multicast group/);
    const longWait = await rejection(browseMdns({ group: GROUP, port: 15355, waitMs: 3_600_000 }));
    expect(longWait.message).toMatch(/waitMs 3600000 must be a number of milliseconds from 1 to 60000/);
  });

  it('rejects with network-error when the port is held exclusively by another socket', async () => {
    const port = 15354;
    const holder = createSocket({ type: 'udp4', reuseAddr: false });
    closers.push(() => new Promise<void>((done) => holder.close(() => done())));
    await new Promise<void>((resolve) => holder.bind(port, '0.0.0.0', () => resolve()));
    const error = await rejection(browseMdns({ group: GROUP, port, waitMs: 5000 }));
    expect(error.code).toBe('network-error');
    expect(error.message).toMatch(/could not listen on 127\.255\.255\.255:15354: .*EADDRINUSE/);
  });
});
