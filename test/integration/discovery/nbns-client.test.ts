import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NbnsError, queryNetbiosName, type NetbiosQueryOptions } from '../../../src-main/core/discovery/netbios/nbns-client';
import { decodeNameQuery, encodeNegativeResponse, encodePositiveResponse } from '../../../src-main/core/discovery/netbios/nbns-codec';
import { startNbnsResponder, type NbnsResponder } from '../../../src-main/simulator/nbns-responder';

/** The client against the simulator's NBNS responder and hand-made peers, on 127.91.0.0/24. */

const FAST = { timeoutMs: 150, retries: 1 } as const;

async function failure(promise: Promise<unknown>): Promise<NbnsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NbnsError) return error;
    throw error;
  }
  throw new Error('resolved, expected an NbnsError');
}

/** A UDP peer that records queries and answers through `onQuery` (or stays silent). */
interface Peer {
  socket: Socket;
  port: number;
  received: Array<{ datagram: Buffer; from: RemoteInfo }>;
}

const peers: Socket[] = [];

async function startPeer(address: string, onQuery?: (datagram: Buffer, from: RemoteInfo, socket: Socket) => void, port = 0): Promise<Peer> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  peers.push(socket);
  const received: Peer['received'] = [];
  socket.on('message', (datagram, from) => {
    received.push({ datagram, from });
    onQuery?.(datagram, from, socket);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => resolve());
  });
  return { socket, port: socket.address().port, received };
}

afterEach(async () => {
  await Promise.all(peers.splice(0).map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
});

describe('queryNetbiosName against the NBNS responder', () => {
  let wins: NbnsResponder;
  let host: NbnsResponder;
  const options = (): NetbiosQueryOptions => ({ server: wins.address, port: wins.port, ...FAST });

  beforeAll(async () => {
    const names = { 'PRN-LOBBY': '127.91.0.10', 'prn-lab': '127.91.0.11' };
    wins = await startNbnsResponder({ address: '127.91.0.1', port: 0, names, unknownNames: 'negative' });
    host = await startNbnsResponder({ address: '127.91.0.5', port: 0, names });
  });
  afterAll(async () => {
    await Promise.all([wins.close(), host.close()]);
  });

  it('resolves a registered name, whatever its case, to its address', async () => {
    await expect(queryNetbiosName('prn-lobby', options())).resolves.toEqual(['127.91.0.10']);
    await expect(queryNetbiosName('PRN-LAB', options())).resolves.toEqual(['127.91.0.11']);
  });

  it('resolves the file-server name (suffix 0x20) too', async () => {
    await expect(queryNetbiosName('PRN-LAB', { ...options(), suffix: 0x20 })).resolves.toEqual(['127.91.0.11']);
  });

  it('reports an unknown name as name-not-resolved, naming the name, as soon as the server says so', async () => {
    const started = Date.now();
    const error = await failure(queryNetbiosName('ghost', { ...options(), timeoutMs: 2000 }));
    expect(error.code).toBe('name-not-resolved');
    expect(error.message).toMatch(/GHOST<00>.*not registered/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out on a responder that ignores unknown names, after every attempt', async () => {
    const before = host.queries;
    const error = await failure(queryNetbiosName('ghost', { server: host.address, port: host.port, timeoutMs: 100, retries: 2 }));
    expect(error.code).toBe('nbns-timeout');
    expect(error.message).toMatch(/GHOST<00>.*127\.91\.0\.5:\d+ did not answer \(3 attempts of 100 ms\)/);
    expect(host.queries - before).toBe(3);
  });

  it('rejects a bad name before sending anything', async () => {
    const before = wins.queries;
    const error = await failure(queryNetbiosName('A-NAME-OF-SIXTEEN', options()));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/at most 15/);
    expect(wins.queries).toBe(before);
  });

  it('rejects bad options with invalid-argument', async () => {
    expect((await failure(queryNetbiosName('PRN', { server: 'wins.local' }))).code).toBe('invalid-argument');
    expect((await failure(queryNetbiosName('PRN', { ...options(), retries: -1 }))).code).toBe('invalid-argument');
    expect((await failure(queryNetbiosName('PRN', { ...options(), timeoutMs: 0 }))).code).toBe('invalid-argument');
  });
});

describe('queryNetbiosName against misbehaving peers', () => {
  it('times out against a silent server, retrying with the same transaction id', async () => {
    const silent = await startPeer('127.91.0.2');
    const started = Date.now();
    const error = await failure(queryNetbiosName('PRN', { server: '127.91.0.2', port: silent.port, timeoutMs: 120, retries: 2 }));
    const elapsed = Date.now() - started;
    expect(error.code).toBe('nbns-timeout');
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(2000);
    const ids = silent.received.map(({ datagram }) => decodeNameQuery(datagram).transactionId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
  });

  it('ignores malformed, foreign-id and wrong-name replies, and takes the right one', async () => {
    const server = await startPeer('127.91.0.3', (datagram, from, socket) => {
      const { transactionId } = decodeNameQuery(datagram);
      const answer = (id: number, name: string, address: string): Buffer =>
        encodePositiveResponse({ transactionId: id, name, suffix: 0x00, ttlSeconds: 60, entries: [{ address, group: false, nodeType: 'h' }] });
      for (const reply of [Buffer.from('garbage'), answer((transactionId + 1) & 0xffff, 'PRN', '127.91.0.66'), answer(transactionId, 'OTHER', '127.91.0.67'), answer(transactionId, 'PRN', '127.91.0.12')]) {
        socket.send(reply, from.port, from.address);
      }
    });
    const ignored: string[] = [];
    const addresses = await queryNetbiosName('PRN', { server: '127.91.0.3', port: server.port, ...FAST, onIgnoredReply: (reason) => ignored.push(reason) });
    expect(addresses).toEqual(['127.91.0.12']);
    expect(ignored).toHaveLength(3);
    expect(ignored[0]).toMatch(/malformed NBNS datagram: header at byte 0/);
    expect(ignored[1]).toMatch(/transaction id/);
    expect(ignored[2]).toMatch(/answer for OTHER<00>, not PRN<00>/);
  });

  it('ignores an answer from another address than the unicast server', async () => {
    const impostor = await startPeer('127.91.0.4');
    const server = await startPeer('127.91.0.3', (datagram, from) => {
      const { transactionId } = decodeNameQuery(datagram);
      const reply = encodePositiveResponse({ transactionId, name: 'PRN', suffix: 0x00, ttlSeconds: 60, entries: [{ address: '127.91.0.66', group: false, nodeType: 'h' }] });
      impostor.socket.send(reply, from.port, from.address);
    });
    const ignored: string[] = [];
    const error = await failure(queryNetbiosName('PRN', { server: '127.91.0.3', port: server.port, ...FAST, onIgnoredReply: (reason) => ignored.push(reason) }));
    expect(error.code).toBe('nbns-timeout');
    expect(ignored[0]).toMatch(/unexpected sender 127\.91\.0\.4:/);
  });

  it('stops at once when cancelled', async () => {
    const silent = await startPeer('127.91.0.2');
    const controller = new AbortController();
    const pending = queryNetbiosName('PRN', { server: '127.91.0.2', port: silent.port, timeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await failure(pending);
    expect(error.code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(silent.received).toHaveLength(1);
  });

  it('on broadcast, collects the answers of every holder and ignores denials', async () => {
    // A listener bound to 127.255.255.255 hears the broadcast; each holder answers from its own address.
    const listener = await startPeer('127.255.255.255');
    const holders = await Promise.all(['127.91.0.20', '127.91.0.21'].map((address) => startPeer(address, undefined, listener.port)));
    const denier = await startPeer('127.91.0.22', undefined, listener.port);
    listener.socket.on('message', (datagram, from) => {
      const query = decodeNameQuery(datagram);
      if (!query.broadcast) return;
      denier.socket.send(encodeNegativeResponse({ transactionId: query.transactionId, name: 'TEAM', suffix: 0x00, rcode: 3 }), from.port, from.address);
      holders.forEach((holder, index) => {
        const reply = encodePositiveResponse({ transactionId: query.transactionId, name: 'TEAM', suffix: 0x00, ttlSeconds: 0, entries: [{ address: `127.91.0.${20 + index}`, group: true, nodeType: 'b' }] });
        setTimeout(() => holder.socket.send(reply, from.port, from.address), index * 40);
      });
    });
    const ignored: string[] = [];
    const addresses = await queryNetbiosName('team', {
      server: '127.255.255.255', port: listener.port, timeoutMs: 500, retries: 0, gatherMs: 150, onIgnoredReply: (reason) => ignored.push(reason),
    });
    expect(addresses.sort()).toEqual(['127.91.0.20', '127.91.0.21']);
    expect(ignored).toEqual([expect.stringMatching(/negative answer on broadcast/)]);
  });

  it('on broadcast, reports silence as name-not-resolved', async () => {
    const listener = await startPeer('127.255.255.255');
    const error = await failure(queryNetbiosName('nobody', { server: '127.255.255.255', port: listener.port, broadcast: true, timeoutMs: 100, retries: 0 }));
    expect(error.code).toBe('name-not-resolved');
    expect(error.message).toMatch(/NOBODY<00> did not resolve: no host answered a broadcast query/);
    expect(listener.received).toHaveLength(1);
  });
});
