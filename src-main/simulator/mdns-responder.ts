import { createSocket, type Socket } from 'node:dgram';
import makeMulticastDns from 'multicast-dns';
import type { MulticastDNS, QueryPacket } from 'multicast-dns';
import { answerQuery, buildInstanceRecords, type InstanceRecords, type SimulatedMdnsService } from './mdns-responder-answers';

export type { SimulatedMdnsService } from './mdns-responder-answers';

export interface MdnsResponderOptions {
  /** Loopback broadcast address standing in for 224.0.0.251, e.g. 127.255.255.255. */
  group: string;
  /** The mDNS port browsers query (and bind): 5353 for real, a test's own port in tests. */
  port: number;
  services: SimulatedMdnsService[];
  /** Answer every query with a datagram dns-packet cannot decode instead of the records. */
  malformed?: boolean;
  /** Include SRV/TXT/A as additionals of PTR answers (default true); false makes browsers ask. */
  additionals?: boolean;
}

export interface MdnsResponder {
  port: number;
  /** Queries received (answered or not). */
  readonly queries: number;
  /** Stops listening; resolves once every socket is closed. Never rejects. */
  close(): Promise<void>;
}

/**
 * Header of a response claiming one answer, then a name label of 5 bytes cut after 2: dns-packet
 * throws "Cannot decode name (buffer overflow)".
 */
const MALFORMED_RESPONSE = Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 5, 0x70, 0x72]);

/**
 * mDNS responder for simulated printers, on loopback only. One wildcard-bound listener on
 * `port` receives the queries a browser broadcasts to `group`; each device answers from a socket
 * bound to its own address and the same port, to `group:port`, as mDNS responses go to the
 * group (so the browser sees the device's address as the source). Rejects with a RangeError
 * for a non-loopback group or a bad service (naming it), or when a socket cannot bind.
 */
export async function startMdnsResponder(options: MdnsResponderOptions): Promise<MdnsResponder> {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(options.group)) throw new RangeError(`mDNS responder group "${options.group}" is not an IPv4 loopback address`);
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new RangeError(`mDNS responder port ${options.port} is outside 1–65535`);
  const records = options.services.map((spec, index) => buildInstanceRecords(spec, `services[${index}]`));
  const addresses = [...new Set(records.map((record) => record.address))];

  const started: MulticastDNS[] = [];
  const closeAll = (): Promise<void> => Promise.all(started.splice(0).map((mdns) => new Promise<void>((done) => mdns.destroy(() => done())))).then(() => undefined);
  try {
    const listener = await open(options, '0.0.0.0');
    started.push(listener.mdns);
    const devices = new Map<string, { mdns: MulticastDNS; socket: Socket }>();
    for (const address of addresses) {
      const device = await open(options, address);
      started.push(device.mdns);
      devices.set(address, device);
    }
    let queries = 0;
    listener.mdns.on('query', (query: QueryPacket) => {
      queries += 1;
      answer(records, query, options, devices);
    });
    return {
      port: options.port,
      get queries() {
        return queries;
      },
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function answer(records: InstanceRecords[], query: QueryPacket, options: MdnsResponderOptions, devices: Map<string, { mdns: MulticastDNS; socket: Socket }>): void {
  for (const [address, response] of answerQuery(records, query, options.additionals ?? true)) {
    const device = devices.get(address);
    if (device === undefined) continue;
    if (options.malformed) device.socket.send(MALFORMED_RESPONSE, options.port, options.group);
    else device.mdns.respond(response);
  }
}

/** A multicast-dns instance on our own socket (for SO_BROADCAST), bound to `address:port`. */
function open(options: MdnsResponderOptions, address: string): Promise<{ mdns: MulticastDNS; socket: Socket }> {
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const mdns = makeMulticastDns({ socket, ip: options.group, port: options.port, multicast: false, bind: address });
  return new Promise((resolve, reject) => {
    mdns.once('error', (error: Error) => {
      mdns.destroy();
      reject(new Error(`mDNS responder could not bind ${address}:${options.port}: ${error.message}`));
    });
    mdns.once('ready', () => {
      socket.setBroadcast(true);
      // A real responder drops what it cannot decode, and a vanished peer must not crash tests.
      mdns.on('warning', () => undefined);
      mdns.on('error', () => undefined);
      resolve({ mdns, socket });
    });
  });
}
