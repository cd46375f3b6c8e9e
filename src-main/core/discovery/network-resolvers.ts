import { lookup } from 'node:dns/promises';
import { browseMdns } from './mdns/mdns-browser';
import { queryNetbiosName } from './netbios/nbns-client';
import { searchSlp } from './slp/slp-client';
import type { DiscoveryResolvers } from './discovery-resolvers';

/** Resolvers that talk to the network: the OS resolver, our NBNS client, SLP and mDNS on sockets. */
export function networkResolvers(options: { lookupHost?: DiscoveryResolvers['lookupHost'] } = {}): DiscoveryResolvers {
  const lookupHost: DiscoveryResolvers['lookupHost'] =
    options.lookupHost ??
    (async (name) => {
      const found = await lookup(name, { all: true, family: 4 });
      return found.map((entry) => entry.address);
    });
  return {
    lookupHost,
    queryNetbios: (name, { server, port, signal }) =>
      // Without a server, the client broadcasts on the local network.
      queryNetbiosName(name, { server: server ?? '255.255.255.255', port, signal }),
    searchSlp: async (method, signal, onFound, onIgnored) => {
      await searchSlp({
        group: method.group,
        port: method.port,
        ttl: method.ttl,
        scopes: method.scopes,
        serviceTypes: method.serviceTypes,
        waitMs: method.waitMs,
        signal,
        // Service URLs may name hosts: resolved the way the search resolves names.
        lookupHost: async (name) => {
          const [first] = await lookupHost(name, signal);
          if (first === undefined) throw new Error(`${name} has no IPv4 address`);
          return first;
        },
        onFinding: (f) => onFound({ address: f.address, label: f.serviceUrl }),
        onIgnoredReply: onIgnored,
      });
    },
    browseMdns: async (method, signal, onFound, onIgnored) => {
      await browseMdns({
        services: method.services,
        group: method.group,
        port: method.port,
        waitMs: method.waitMs,
        signal,
        onFinding: (f) => onFound({ address: f.address, label: f.instance }),
        onIgnoredReply: onIgnored,
      });
    },
  };
}
