/**
 * Loopback peers for fuzzing (see fuzz-harness.ts): an SLP service agent, an mDNS responder, a
 * NetBIOS name server and SNMP agents, each answering every request with `burst` mutants of a
 * well-formed reply (datagram-mutator.ts) and the reply itself. Their well-formed answers name
 * `target` (a simulated printer, in engine tests) or the peer itself. No vitest import.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { decodeNameQuery, encodePositiveResponse } from '../../src-main/core/discovery/netbios/nbns-codec';
import { decodeSlpMessage, encodeAttributeReply, encodeServiceReply } from '../../src-main/core/discovery/slp/slp-codec';
import { SlpFunction } from '../../src-main/core/discovery/slp/slp-header';
import { decodeCommunityMessage, encodeCommunityMessage, ERROR_STATUS, type Pdu } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import { compareOids } from '../../src-shared/snmp/oid';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import { berMessage, mutateDatagram, randomVarbindList, type Random } from './datagram-mutator';

/** What a peer needs to answer: the mutation source, how many mutants per request, and a count of what it sent. */
export interface PeerContext {
  random: Random;
  burst: number;
  onSent: () => void;
  /** Send the well-formed answer before the mutants, not after (a search that must find it whatever they hold). */
  goodFirst?: boolean;
}

/** Sockets that receive requests (reuseAddr, broadcast allowed) and send what the fuzz answers. */
export class FuzzPeer {
  private constructor(readonly sockets: Socket[]) {}

  static async open(places: ReadonlyArray<{ address: string; port: number }>): Promise<FuzzPeer> {
    const sockets: Socket[] = [];
    try {
      for (const place of places) {
        const socket = createSocket({ type: 'udp4', reuseAddr: true });
        socket.on('error', () => undefined); // a vanished client (ICMP unreachable) is no failure of the peer
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once('error', reject);
          socket.bind(place.port, place.address, () => {
            socket.off('error', reject);
            resolve();
          });
        });
        socket.setBroadcast(true);
      }
    } catch (error) {
      await closeAll(sockets);
      throw error;
    }
    return new FuzzPeer(sockets);
  }

  onMessage(handler: (socket: number, message: Buffer, from: RemoteInfo) => void): void {
    this.sockets.forEach((socket, index) => socket.on('message', (message: Buffer, from: RemoteInfo) => handler(index, message, from)));
  }

  /**
   * Sends `burst` datagrams from socket `from` and `good` (after them, or first with
   * `goodFirst`): mutants of `good`, and when `generate` is given every other one freshly
   * generated (well-formed, odd values).
   */
  answer(context: PeerContext, from: number, good: Uint8Array, to: { address: string; port: number }, burst = context.burst, generate?: () => Uint8Array): void {
    const socket = this.sockets[from];
    if (!socket) return;
    if (context.goodFirst) socket.send(good, to.port, to.address);
    for (let i = 0; i < burst; i++) {
      socket.send(generate && i % 2 === 1 ? generate() : mutateDatagram(good, context.random), to.port, to.address);
      context.onSent();
    }
    if (!context.goodFirst) socket.send(good, to.port, to.address);
  }

  close(): Promise<void> {
    return closeAll(this.sockets);
  }
}

function closeAll(sockets: readonly Socket[]): Promise<void> {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          try {
            socket.close(() => resolve());
          } catch {
            resolve();
          }
        }),
    ),
  ).then(() => undefined);
}

/** The agent a peer answers as, on loopback, and the printer address its well-formed answer names (default: itself). */
export interface PeerPlace {
  prefix: string;
  port: number;
  target?: string;
}

/** An SLP service agent at prefix.0.1:port (and 0.0.0.0:port for broadcasts) whose good reply names `service:printer:lpr://target/queue`. */
export async function openSlpPeer(context: PeerContext, place: PeerPlace): Promise<FuzzPeer> {
  const agent = `${place.prefix}.0.1`;
  const goodUrl = `service:printer:lpr://${place.target ?? agent}/queue`;
  // The wildcard socket hears broadcast Service Requests; the agent's own hears unicast ones and Attribute Requests.
  const peer = await FuzzPeer.open([
    { address: '0.0.0.0', port: place.port },
    { address: agent, port: place.port },
  ]);
  peer.onMessage((_socket, message, from) => {
    let request;
    try {
      request = decodeSlpMessage(message);
    } catch {
      return;
    }
    const { xid, languageTag } = request.header;
    if (request.functionId === SlpFunction.serviceRequest) {
      peer.answer(context, 1, encodeServiceReply({ xid, languageTag, urls: [{ lifetime: 300, url: goodUrl }] }), from);
    } else if (request.functionId === SlpFunction.attributeRequest) {
      // Every distinct URL a mutant invents is asked for its attributes: fewer mutants there keep the run short.
      peer.answer(context, 1, encodeAttributeReply({ xid, languageTag, attributes: new Map([['printer-name', ['Fuzz']]]) }), from, Math.ceil(context.burst / 8));
    }
  });
  return peer;
}

/** An mDNS responder at prefix.0.2:port answering every query on the loopback broadcast group with instance "Fuzz Printer" at `target`. */
export async function openMdnsPeer(context: PeerContext, place: PeerPlace): Promise<FuzzPeer> {
  const responder = `${place.prefix}.0.2`;
  const peer = await FuzzPeer.open([
    { address: '0.0.0.0', port: place.port },
    { address: responder, port: place.port },
  ]);
  const good = dnsResponse([
    dnsRecord('_ipp._tcp.local', 12, dnsName('Fuzz Printer._ipp._tcp.local')),
    dnsRecord('Fuzz Printer._ipp._tcp.local', 33, Buffer.concat([Buffer.from([0, 0, 0, 0, 0x02, 0x77]), dnsName('fuzz.local')])),
    dnsRecord('Fuzz Printer._ipp._tcp.local', 16, Buffer.from([12, ...Buffer.from('rp=ipp/print')])),
    dnsRecord('fuzz.local', 1, Buffer.from((place.target ?? responder).split('.').map(Number))),
  ]);
  peer.onMessage((socket, message) => {
    // Queries only (QR clear): the listener hears the group's responses, its own included.
    if (socket !== 0 || message.length < 12 || ((message[2] as number) & 0x80) !== 0) return;
    peer.answer(context, 1, good, { address: MDNS_GROUP, port: place.port });
  });
  return peer;
}

/** The loopback broadcast address standing in for 224.0.0.251 (and for SLP's and NBNS's broadcasts). */
export const MDNS_GROUP = '127.255.255.255';

/** A DNS name written out (no compression). */
export function dnsName(name: string): Buffer {
  return Buffer.concat([...name.split('.').map((label) => Buffer.concat([Buffer.from([Buffer.byteLength(label)]), Buffer.from(label)])), Buffer.from([0])]);
}

/** One resource record of class IN, TTL 120. */
export function dnsRecord(owner: string, type: number, data: Buffer): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt16BE(type, 0);
  fixed.writeUInt16BE(1, 2);
  fixed.writeUInt32BE(120, 4);
  fixed.writeUInt16BE(data.length, 8);
  return Buffer.concat([dnsName(owner), fixed, data]);
}

/** An authoritative mDNS response (id 0) with these answers. */
export function dnsResponse(answers: readonly Buffer[]): Buffer {
  const header = Buffer.from([0, 0, 0x84, 0, 0, 0, 0, answers.length, 0, 0, 0, 0]);
  return Buffer.concat([header, ...answers]);
}

/** The NetBIOS name the NBNS peer answers for. */
export const NBNS_NAME = 'FUZZPRN';

/** A NetBIOS name server at prefix.0.3:port (and 0.0.0.0:port for broadcasts) that says FUZZPRN is at `target`. */
export async function openNbnsPeer(context: PeerContext, place: PeerPlace): Promise<FuzzPeer> {
  const server = `${place.prefix}.0.3`;
  const peer = await FuzzPeer.open([
    { address: '0.0.0.0', port: place.port },
    { address: server, port: place.port },
  ]);
  peer.onMessage((_socket, message, from) => {
    let query;
    try {
      query = decodeNameQuery(message);
    } catch {
      return;
    }
    if (query.name.name !== NBNS_NAME || query.name.suffix !== 0) return;
    const good = encodePositiveResponse({ transactionId: query.transactionId, name: NBNS_NAME, suffix: 0, ttlSeconds: 300, entries: [{ address: place.target ?? server, group: false, nodeType: 'b' }] });
    peer.answer(context, 1, good, from);
  });
  return peer;
}

const AGENTS = 8;

/**
 * SNMP agents at prefix.1.1 … prefix.1.8:port, each a small printer, and unless `broadcast` is
 * false a listener on 0.0.0.0:port where three of them answer a broadcast (it cannot share a
 * port with a simulator's devices).
 */
export async function openSnmpPeer(context: PeerContext, place: PeerPlace & { broadcast?: boolean }): Promise<{ peer: FuzzPeer; agents: string[] }> {
  const agents = Array.from({ length: AGENTS }, (_, i) => `${place.prefix}.1.${i + 1}`);
  // Socket 0 is the broadcast listener; without one, a place no datagram reaches keeps the agents' numbering.
  const listener = place.broadcast === false ? { address: `${place.prefix}.1.0`, port: place.port } : { address: '0.0.0.0', port: place.port };
  const peer = await FuzzPeer.open([listener, ...agents.map((address) => ({ address, port: place.port }))]);
  const mibs = agents.map((_, i) => agentMib(i));
  peer.onMessage((socket, message, from) => {
    let request;
    try {
      request = decodeCommunityMessage(message);
    } catch {
      return;
    }
    // A broadcast probe reaches the wildcard socket: three agents answer it, each from its own address.
    const answering = socket === 0 ? [1, 2, 3] : [socket];
    for (const index of answering) {
      const pdu = answerPdu(mibs[index - 1] ?? [], request.pdu, request.version === 'v1');
      if (pdu === null) continue;
      // Replies with the request's id whose values sit at and past the edges of their types.
      const instances = pdu.varbinds.map((vb) => vb.oid);
      const generate = (): Uint8Array => berMessage(context.random, request.version === 'v1' ? 0 : 1, 0xa2, randomVarbindList(context.random, instances), request.pdu.requestId);
      peer.answer(context, index, encodeCommunityMessage({ version: request.version, community: request.community, pdu }), from, context.burst, generate);
    }
  });
  return { peer, agents };
}

const text = (s: string): SnmpValue => ({ type: 'OctetString', value: new TextEncoder().encode(s) });
const oidValue = (value: string): SnmpValue => ({ type: 'ObjectIdentifier', value });

/** A small agent: a printer behind a processor row (even), or a printer with supplies (odd): both need more than one look. */
function agentMib(i: number): VarBind[] {
  const rows: VarBind[] = [
    { oid: '1.3.6.1.2.1.1.1.0', value: text(`Fuzz agent ${i}`) },
    { oid: '1.3.6.1.2.1.1.2.0', value: oidValue('1.3.6.1.4.1.99999.1') },
    { oid: '1.3.6.1.2.1.1.5.0', value: text(`fuzz-${i}`) },
    { oid: '1.3.6.1.2.1.25.3.2.1.2.1', value: oidValue('1.3.6.1.2.1.25.3.1.3') },
    { oid: '1.3.6.1.2.1.25.3.2.1.2.2', value: oidValue(i % 2 === 0 ? '1.3.6.1.2.1.25.3.1.5' : '1.3.6.1.2.1.25.3.1.4') },
  ];
  if (i % 2 === 1) rows.push({ oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', value: { type: 'Integer', value: 40 } });
  return rows.sort((a, b) => compareOids(a.oid, b.oid));
}

/** GET, GETNEXT and GETBULK over a sorted list, v1 errors included; null for what an agent drops. */
function answerPdu(mib: readonly VarBind[], request: Pdu, v1: boolean): Pdu | null {
  const END: SnmpValue = { type: 'EndOfMibView', value: null };
  const next = (oid: string): VarBind | undefined => mib.find((vb) => compareOids(vb.oid, oid) > 0);
  const reply = (varbinds: VarBind[], errorStatus = 0, errorIndex = 0): Pdu => ({ type: 'response', requestId: request.requestId, errorStatus, errorIndex, varbinds });
  switch (request.type) {
    case 'getRequest':
      return reply(request.varbinds.map((vb) => mib.find((row) => row.oid === vb.oid) ?? { oid: vb.oid, value: { type: 'NoSuchObject', value: null } }));
    case 'getNextRequest': {
      const found = request.varbinds.map((vb) => next(vb.oid));
      const missing = found.findIndex((vb) => vb === undefined);
      if (v1 && missing >= 0) return reply(request.varbinds, ERROR_STATUS.noSuchName, missing + 1);
      return reply(found.map((vb, i) => vb ?? { oid: request.varbinds[i]?.oid ?? '0.0', value: END }));
    }
    case 'getBulkRequest': {
      if (v1) return null;
      const rows: VarBind[] = [];
      for (const vb of request.varbinds) {
        let at = vb.oid;
        for (let r = 0; r < Math.min(request.errorIndex, 32); r++) {
          const found = next(at);
          rows.push(found ?? { oid: at, value: END });
          if (!found) break;
          at = found.oid;
        }
      }
      return reply(rows);
    }
    default:
      return null;
  }
}
