/**
 * SLPv2 service agents for tests: one listening socket (wildcard-bound for broadcast, or on a
 * loopback address for unicast) answering Service and Attribute Requests for simulated devices.
 * Each device replies from a socket bound to its own loopback address, so the reply's source is
 * the device, as on a real network.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { decodeSlpMessage, encodeAttributeReply, encodeServiceReply, SlpErrorCode, type DecodedAttributeRequest, type DecodedServiceRequest } from '../core/discovery/slp/slp-codec';
import { SlpFunction } from '../core/discovery/slp/slp-header';
import { parseServiceUrl, serviceTypeMatches } from '../core/discovery/slp/slp-service-url';
import { seededRandom } from './fault-injector';

/** How a service's replies misbehave: cut in half, with another XID, or with an error code instead of data. */
export type SlpServiceFault = 'malformed' | 'wrong-xid' | 'error-code';

export interface SlpServiceSpec {
  /** The device's own loopback address; replies about this service come from it. */
  replyFrom: string;
  url: string;
  /** Default ['DEFAULT']. */
  scopes?: readonly string[];
  attributes?: Readonly<Record<string, readonly string[]>>;
  /** Default 10800 (3 h). */
  lifetimeSeconds?: number;
  /** Applies to every reply from this service's address that lists it. */
  fault?: SlpServiceFault;
}

export interface SlpResponderOptions {
  /** '0.0.0.0' (to receive broadcasts to 127.255.255.255) or an IPv4 loopback address. */
  bindAddress: string;
  /** 0 picks a free port (see `port` of the result). */
  port: number;
  services: readonly SlpServiceSpec[];
  /** Every reply is cut in half (a header whose length runs past the datagram). */
  malformed?: boolean;
  /** Share of requests (0–100) left unanswered, chosen by a generator seeded with `seed` (default 1). */
  dropPercent?: number;
  seed?: number;
}

export interface SlpResponderStats {
  serviceRequests: number;
  attributeRequests: number;
  /** Requests dropped by `dropPercent`. */
  dropped: number;
  /** Service Requests a device left unanswered because its address was in the previous responders' list. */
  silencedByPreviousResponders: number;
  /** Service Replies sent, by device address. */
  serviceReplies: Record<string, number>;
  /** Attribute Replies sent, by device address. */
  attributeReplies: Record<string, number>;
}

export interface SlpResponder {
  address: string;
  port: number;
  /** A snapshot of what was received and answered. */
  stats(): SlpResponderStats;
  /** Stops listening; resolves once every socket is closed. Never rejects. */
  close(): Promise<void>;
}

const WILDCARD = '0.0.0.0';

function isLoopbackIpv4(address: string): boolean {
  return isIP(address) === 4 && address.startsWith('127.');
}

/**
 * Starts a responder. Rejects with RangeError for a non-loopback bind or replyFrom address, a
 * bad port or dropPercent, an empty URL; rejects with the socket's error when a bind fails.
 * Requests from non-loopback senders are never answered.
 */
export async function startSlpResponder(options: SlpResponderOptions): Promise<SlpResponder> {
  checkOptions(options);
  const sockets = new Map<string, Socket>();
  const closeAll = (): Promise<void> => Promise.all([...sockets.values()].map(closeSocket)).then(() => undefined);
  try {
    const listener = await bindSocket(options.bindAddress, options.port);
    sockets.set(options.bindAddress, listener);
    for (const service of options.services) {
      if (!sockets.has(service.replyFrom)) sockets.set(service.replyFrom, await bindSocket(service.replyFrom, 0));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  const listener = sockets.get(options.bindAddress);
  if (!listener) throw new Error('the listening socket is missing');
  const answerer = new SlpAnswerer(options, sockets, listener);
  listener.on('message', (datagram, sender) => answerer.onRequest(datagram, sender));
  let closing: Promise<void> | undefined;
  return {
    address: options.bindAddress,
    port: listener.address().port,
    stats: () => answerer.snapshot(),
    close: () => (closing ??= closeAll()),
  };
}

function checkOptions(options: SlpResponderOptions): void {
  if (options.bindAddress !== WILDCARD && !isLoopbackIpv4(options.bindAddress)) {
    throw new RangeError(`SLP responder bindAddress ${options.bindAddress} is neither ${WILDCARD} nor an IPv4 loopback address`);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new RangeError(`SLP responder port ${options.port} is outside 0–65535`);
  const drop = options.dropPercent ?? 0;
  if (!(drop >= 0 && drop <= 100)) throw new RangeError(`SLP responder dropPercent must be 0..100, got ${drop}`);
  options.services.forEach((service, index) => {
    if (!isLoopbackIpv4(service.replyFrom)) throw new RangeError(`services[${index}].replyFrom ${service.replyFrom} is not an IPv4 loopback address`);
    if (service.url === '') throw new RangeError(`services[${index}].url is empty`);
  });
}

function bindSocket(address: string, port: number): Promise<Socket> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      // A send failure towards a vanished client must not crash the test process.
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve(); // never bound, or closed already
    }
  });
}

/** The answering logic, apart from socket setup. */
class SlpAnswerer {
  private readonly random: () => number;
  private readonly counts = { serviceRequests: 0, attributeRequests: 0, dropped: 0, silencedByPreviousResponders: 0 };
  private readonly serviceReplies = new Map<string, number>();
  private readonly attributeReplies = new Map<string, number>();

  constructor(
    private readonly options: SlpResponderOptions,
    private readonly sockets: ReadonlyMap<string, Socket>,
    private readonly listener: Socket,
  ) {
    this.random = seededRandom(options.seed ?? 1);
  }

  snapshot(): SlpResponderStats {
    return { ...this.counts, serviceReplies: Object.fromEntries(this.serviceReplies), attributeReplies: Object.fromEntries(this.attributeReplies) };
  }

  onRequest(datagram: Buffer, sender: RemoteInfo): void {
    if (!isLoopbackIpv4(sender.address)) return;
    let message: ReturnType<typeof decodeSlpMessage>;
    try {
      message = decodeSlpMessage(datagram);
    } catch {
      return; // a real agent drops what it cannot parse
    }
    if (message.functionId === SlpFunction.serviceRequest) this.counts.serviceRequests += 1;
    else if (message.functionId === SlpFunction.attributeRequest) this.counts.attributeRequests += 1;
    else return;
    if (this.random() * 100 < (this.options.dropPercent ?? 0)) {
      this.counts.dropped += 1;
      return;
    }
    if (message.functionId === SlpFunction.serviceRequest) this.answerServiceRequest(message, sender);
    else this.answerAttributeRequest(message, sender);
  }

  private answerServiceRequest(request: DecodedServiceRequest, sender: RemoteInfo): void {
    const multicast = request.header.flags.requestMulticast;
    const byDevice = new Map<string, SlpServiceSpec[]>();
    for (const service of this.options.services) {
      const type = parseServiceUrl(service.url).serviceType;
      if (type === null || !serviceTypeMatches(request.serviceType, type) || !inScope(request.scopes, service)) continue;
      byDevice.set(service.replyFrom, [...(byDevice.get(service.replyFrom) ?? []), service]);
    }
    const { xid, languageTag } = request.header;
    if (byDevice.size === 0) {
      // RFC 2608 §6.1: a multicast request with no match gets silence, a unicast one an empty reply.
      if (!multicast) this.send(this.listener, encodeServiceReply({ xid, languageTag, urls: [] }), sender);
      return;
    }
    const listed = new Set(request.previousResponders);
    for (const [device, services] of byDevice) {
      // RFC 2608 §6.3: an agent already in the list stays silent, so the search converges.
      if (multicast && listed.has(device)) {
        this.counts.silencedByPreviousResponders += 1;
        continue;
      }
      const fault = services.find((service) => service.fault)?.fault;
      const urls = services.map((service) => ({ lifetime: service.lifetimeSeconds ?? 10800, url: service.url }));
      const reply = fault === 'error-code'
        ? encodeServiceReply({ xid, languageTag, errorCode: SlpErrorCode.internalError, urls: [] })
        : encodeServiceReply({ xid: replyXid(xid, fault), languageTag, urls });
      this.sendFrom(device, reply, sender, fault, this.serviceReplies);
    }
  }

  private answerAttributeRequest(request: DecodedAttributeRequest, sender: RemoteInfo): void {
    const { xid, languageTag } = request.header;
    const service = this.options.services.find((candidate) => candidate.url === request.url && inScope(request.scopes, candidate));
    if (!service) {
      if (!request.header.flags.requestMulticast) this.send(this.listener, encodeAttributeReply({ xid, languageTag, attributes: new Map() }), sender);
      return;
    }
    const wanted = new Set(request.tags.map((tag) => tag.toLowerCase()));
    const attributes = new Map<string, readonly string[]>();
    for (const [tag, values] of Object.entries(service.attributes ?? {})) {
      if (wanted.size === 0 || wanted.has(tag.toLowerCase())) attributes.set(tag, values);
    }
    const reply = service.fault === 'error-code'
      ? encodeAttributeReply({ xid, languageTag, errorCode: SlpErrorCode.internalError, attributes: new Map() })
      : encodeAttributeReply({ xid: replyXid(xid, service.fault), languageTag, attributes });
    this.sendFrom(service.replyFrom, reply, sender, service.fault, this.attributeReplies);
  }

  private sendFrom(device: string, reply: Uint8Array, to: RemoteInfo, fault: SlpServiceFault | undefined, counter: Map<string, number>): void {
    const socket = this.sockets.get(device);
    if (!socket) return;
    counter.set(device, (counter.get(device) ?? 0) + 1);
    const malformed = fault === 'malformed' || this.options.malformed === true;
    // Half a reply: the header's length field then runs past the datagram, which a client must survive.
    this.send(socket, malformed ? reply.subarray(0, Math.max(4, reply.length >> 1)) : reply, to);
  }

  private send(socket: Socket, datagram: Uint8Array, to: RemoteInfo): void {
    socket.send(datagram, to.port, to.address, () => undefined);
  }
}

function replyXid(xid: number, fault: SlpServiceFault | undefined): number {
  return fault === 'wrong-xid' ? (xid + 0x8000) & 0xffff : xid;
}

// RFC 2608 §6.4.1: scopes compare without case; an empty list asks for DEFAULT.
function inScope(requested: readonly string[], service: SlpServiceSpec): boolean {
  const asked = new Set((requested.length === 0 ? ['DEFAULT'] : requested).map((scope) => scope.toLowerCase()));
  return (service.scopes ?? ['DEFAULT']).some((scope) => asked.has(scope.toLowerCase()));
}
