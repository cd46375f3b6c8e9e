import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIP } from 'node:net';
import {
  decodeNameQuery,
  encodeNegativeResponse,
  encodePositiveResponse,
  RCODE_NAME_ERROR,
  type NetbiosSuffix,
} from '../core/discovery/netbios/nbns-codec';

export interface NbnsResponderOptions {
  /** Loopback IPv4 address to listen on (e.g. 127.91.0.1). */
  address: string;
  /** 0 picks a free port (see `port` of the result); 137 needs privileges. */
  port: number;
  /** NetBIOS name (any case) → IPv4 address, answered for suffixes 0x00 and 0x20. */
  names: Record<string, string>;
  /**
   * Unicast queries for other names: 'ignore' (default; silence, like a host that is not a
   * name server) or 'negative' (NAM_ERR, like a WINS server). Broadcast ones are always ignored.
   */
  unknownNames?: 'ignore' | 'negative';
  /** TTL of positive answers, default 300 s. */
  ttlSeconds?: number;
}

export interface NbnsResponder {
  address: string;
  port: number;
  /** Name queries received (answered or not), for assertions on retries. */
  readonly queries: number;
  /** Stops listening; resolves once the socket is closed. Never rejects. */
  close(): Promise<void>;
}

function isAnsweredSuffix(suffix: number): suffix is NetbiosSuffix {
  return suffix === 0x00 || suffix === 0x20;
}

/**
 * A NetBIOS name server for tests, answering name queries for its names on a loopback address.
 * Rejects for a non-loopback or non-IPv4 address, an address that is not an IPv4 address in
 * `names`, or when the socket cannot bind (EADDRINUSE …).
 */
export function startNbnsResponder(options: NbnsResponderOptions): Promise<NbnsResponder> {
  if (isIP(options.address) !== 4 || !options.address.startsWith('127.')) {
    return Promise.reject(new RangeError(`NBNS responder address ${options.address} is not an IPv4 loopback address`));
  }
  const names = new Map<string, string>();
  for (const [name, address] of Object.entries(options.names)) {
    if (isIP(address) !== 4) return Promise.reject(new RangeError(`address "${address}" of NetBIOS name ${name} is not IPv4`));
    names.set(name.toUpperCase(), address);
  }
  const socket = createSocket('udp4');
  let queries = 0;

  const answer = (datagram: Buffer, sender: RemoteInfo): void => {
    let query: ReturnType<typeof decodeNameQuery>;
    try {
      query = decodeNameQuery(datagram);
    } catch {
      return; // a real server drops what it cannot parse
    }
    queries += 1;
    const suffix = query.name.suffix;
    if (query.name.scope !== '' || !isAnsweredSuffix(suffix)) return;
    const holder = names.get(query.name.name.toUpperCase());
    const { transactionId, broadcast } = query;
    const name = query.name.name;
    let reply: Buffer | null = null;
    try {
      if (holder !== undefined) {
        const entries = [{ address: holder, group: false, nodeType: broadcast ? ('b' as const) : ('h' as const) }];
        reply = encodePositiveResponse({ transactionId, name, suffix, ttlSeconds: options.ttlSeconds ?? 300, entries });
      } else if (!broadcast && options.unknownNames === 'negative') {
        reply = encodeNegativeResponse({ transactionId, name, suffix, rcode: RCODE_NAME_ERROR });
      }
    } catch {
      return; // a name our encoder refuses (e.g. with a space inside) is not one of ours
    }
    if (reply) socket.send(reply, sender.port, sender.address);
  };

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.on('message', answer);
    socket.bind(options.port, options.address, () => {
      socket.off('error', reject);
      // A send failure towards a vanished client must not crash the test process.
      socket.on('error', () => undefined);
      const closed = new Promise<void>((done) => socket.once('close', () => done()));
      let closing = false;
      resolve({
        address: options.address,
        port: socket.address().port,
        get queries() {
          return queries;
        },
        close: () => {
          if (!closing) {
            closing = true;
            socket.close();
          }
          return closed;
        },
      });
    });
  });
}
